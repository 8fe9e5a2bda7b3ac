import ArgumentParser
import Foundation
import DualScope
import PhraseMatching

/// `dualscope match`: find the phrases of a terms file in texts, as whole words over folded
/// Unicode text, leftmost-longest, like `grep -o -w -i -F -f` with Unicode and Dutch compounds.
struct MatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "match",
    abstract: "Find the phrases of a terms file in texts (whole words, Unicode-folded, leftmost-longest).",
    discussion: """
      The terms file has one phrase a line; blank lines and lines starting with '#' are skipped, \
      and a trailing '*' makes a prefix phrase ('cryptograph*'). Each match prints as \
      'file:line:column: phrase' (column 1-based in characters; '<stdin>' for standard input). \
      Exit codes: 0 some match found; 1 no match; 2 usage or data error.
      """)

  enum CaseMode: String, EnumerableFlag {
    case ignoreCase, caseSensitive

    static func help(for value: CaseMode) -> ArgumentHelp? {
      switch value {
      case .ignoreCase: "Compare case-insensitively (the default)."
      case .caseSensitive: "Compare with the case of the terms file."
      }
    }
  }

  @Option(help: "The terms file.")
  var terms: String

  @Flag(help: "Print only the number of matches.")
  var count = false

  @Flag(exclusivity: .exclusive)
  var caseMode: CaseMode = .ignoreCase

  @Option(help: "Also match plurals: en, nl or en,nl.")
  var inflect: String?

  @Flag(help: "Let phrases match as leading or trailing parts of (Dutch) compound words.")
  var compounds = false

  @Argument(help: "Files to search; standard input when none (or '-').")
  var files: [String] = []

  func validate() throws {
    _ = try inflectOptions()
  }

  func inflectOptions() throws -> PhraseOptions {
    guard let inflect else { return [] }
    var options: PhraseOptions = []
    for part in inflect.split(separator: ",") {
      switch part.trimmingCharacters(in: .whitespaces).lowercased() {
      case "en": options.insert(.inflectEnglish)
      case "nl": options.insert(.inflectDutch)
      default: throw ValidationError("--inflect takes en, nl or en,nl, not '\(part)'")
      }
    }
    return options
  }

  func run() throws {
    var options = try inflectOptions()
    if caseMode == .caseSensitive { options.insert(.caseSensitive) }
    if compounds { options.insert(.compoundPart) }
    let (list, matcher) = try Failure.guarding { () throws -> (PhraseList, PhraseMatcher) in
      let list = try PhraseList(path: terms)
      do {
        return (list, try PhraseMatcher(list.phrases(options)))
      } catch let error as PhraseMatcherBuildError {
        let line = error.phraseIndex.map { ":\(list.lines[$0])" } ?? ""
        throw SetupError(.unreadableInput, error.description, file: terms + line)
      }
    }
    var total = 0
    var failed = false
    var scratch = MatchScratch()
    for name in files.isEmpty ? ["-"] : files {
      guard let data = MappedInput.open(name) else {
        StandardStreams.error(
          DiagnosticRenderer(colour: Terminal.stderrColour).render(
            error: SetupError(.unreadableInput, "cannot read: no such file or not readable", file: name)))
        failed = true
        continue
      }
      data.withUnsafeBytes { raw in
        let text = raw.bindMemory(to: UInt8.self)
        if count {
          total += matcher.countLeftmostLongest(in: text, scratch: &scratch)
        } else {
          matcher.findAll(in: text, into: &scratch)
          let kept = resolveLeftmostLongest(scratch.matches)
          total += kept.count
          var position = TextPosition(text: text)
          let display = name == "-" ? "<stdin>" : name
          for m in kept {
            let (line, column) = position.advance(to: m.start)
            StandardStreams.out("\(display):\(line):\(column): \(list.texts[Int(m.termID.rawValue)])\n")
          }
        }
      }
    }
    if count { StandardStreams.out("\(total)\n") }
    StandardStreams.flush()
    if failed { throw ExitCode(ExitStatus.usageOrDataError) }
    if total == 0 { throw ExitCode(ExitStatus.found) }
  }
}

/// Turns increasing byte offsets into 1-based line and character columns, incrementally.
struct TextPosition {
  let text: UnsafeBufferPointer<UInt8>
  var offset = 0
  var line = 1
  var lineStart = 0
  var column = 1

  init(text: UnsafeBufferPointer<UInt8>) { self.text = text }

  mutating func advance(to target: Int) -> (line: Int, column: Int) {
    var i = offset
    while i < target {
      if text[i] == 0x0A {
        line += 1
        lineStart = i + 1
        column = 1
        offset = i + 1
      }
      i += 1
    }
    let segment = UnsafeBufferPointer(rebasing: text[offset..<target])
    if segment.allSatisfy({ $0 < 0x80 }) {
      column += segment.count
    } else {
      column += String(decoding: segment, as: UTF8.self).count
    }
    offset = target
    return (line, column)
  }
}
