import ArgumentParser
import DualScope
import Foundation

/// `dualscope diff OLD NEW`: what a taxonomy revision changes, and what it would do to a portfolio.
struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare two taxonomy releases: areas and fields added, removed, renamed, moved, split, merged, and changed terms.",
    discussion: """
      OLD and NEW are release folders, versions of shipped releases (2024.1), or git:REV:PATH to \
      read a release folder as it was at a git revision (git:HEAD~1:Taxonomy/2025.1).

      With --impact, the portfolio (CSV or JSONL, gzip allowed, as batch reads it) is classified \
      with both releases, and the report adds how many documents gain or lose each area and field, \
      the level changes and examples with the evidence that changed; --impact-output writes every \
      changed document as a JSON line.

      Exit codes: 0 the releases are the same; 1 they differ; 2 usage or data error (like diff(1)).
      """)

  @Argument(help: ArgumentHelp("The earlier release: a folder, a shipped version or git:REV:PATH.", valueName: "old"))
  var old: String

  @Argument(help: ArgumentHelp("The later release: a folder, a shipped version or git:REV:PATH.", valueName: "new"))
  var new: String

  @Option(help: "Output format: text, markdown or json.")
  var format: DiffFormat = .text

  @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of standard output.")
  var output: String?

  @Option(help: ArgumentHelp("Classify this portfolio with both releases and report the difference.", valueName: "portfolio"))
  var impact: String?

  @Option(help: "With --impact: the column (CSV) or key (JSONL) holding the document ID.")
  var idColumn: String = "id"

  @Option(help: "With --impact: columns or keys joined in order as the text, comma-separated.")
  var textColumns: String = "title,abstract"

  @Option(help: ArgumentHelp("With --impact: write every changed document as a JSON line to this file.", valueName: "file.jsonl"))
  var impactOutput: String?

  @Option(help: "With --impact: how many example documents the report shows.")
  var examples: Int = 5

  func validate() throws {
    if impact == nil && impactOutput != nil { throw ValidationError("--impact-output needs --impact") }
    if examples < 0 { throw ValidationError("--examples must be 0 or more") }
    if textColumns.split(separator: ",").isEmpty { throw ValidationError("--text-columns names no column") }
  }

  func run() throws {
    let a = try Self.load(old)
    let b = try Self.load(new)
    let diff = TaxonomyDiff(from: a, to: b)
    let impactReport = try impact.map { try measureImpact($0, a, b) }
    let rendered: String
    switch format {
    case .text:
      rendered = DiffTextRenderer(colour: output == nil && Terminal.stdoutColour).render(diff, impact: impactReport)
    case .markdown:
      rendered = DiffMarkdownRenderer().render(diff, impact: impactReport)
    case .json:
      rendered = try ResultJSON.encode(DiffDocument(diff, impact: impactReport)) + "\n"
    }
    try CLIErrors.guarding { try OutputDestination(path: output).write(rendered) }
    if !diff.isEmpty { throw ExitCode(ExitStatus.found) }
  }

  /// Loads a release from a folder, a shipped version or git, exiting with 2 when it is invalid.
  static func load(_ spec: String) throws -> Taxonomy {
    if GitRelease.isGitSpec(spec) {
      do {
        return try TaxonomyLoader.load(try GitRelease.files(spec)).taxonomy
      } catch {
        StandardStreams.error(
          DiagnosticRenderer(sources: error.sources, colour: Terminal.stderrColour).render(error.diagnostics))
        throw ExitCode(ExitStatus.usageOrDataError)
      }
    }
    var options = TaxonomyOptions()
    options.taxonomy = spec
    return try options.load().taxonomy
  }

  private func measureImpact(_ path: String, _ a: Taxonomy, _ b: Taxonomy) throws -> DiffImpact {
    let columns = textColumns.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    let layout = RecordLayout(idColumn: idColumn, textColumns: columns)
    let read: (records: [PortfolioRecord], errors: [RecordError])
    do {
      read = try PortfolioReader.read(path, layout: layout)
    } catch {
      StandardStreams.error("error: \(error.description)\n")
      throw ExitCode(ExitStatus.usageOrDataError)
    }
    for e in read.errors.prefix(10) { StandardStreams.error(e.description + "\n") }
    if read.errors.count > 10 { StandardStreams.error("… and \(read.errors.count - 10) more unreadable records\n") }
    let classifiers: (Classifier, Classifier)
    do {
      classifiers = (try Classifier(taxonomy: a), try Classifier(taxonomy: b))
    } catch {
      StandardStreams.error("error: \(error)\n")
      throw ExitCode(ExitStatus.usageOrDataError)
    }
    var analysis = ImpactAnalysis(old: classifiers.0, new: classifiers.1, examples: examples)
    analysis.addUnreadable(read.errors.count)
    var lines: [UInt8] = []
    let wantLines = impactOutput != nil
    var encodingFailed = false
    analysis.add(read.records) { change in
      guard wantLines else { return }
      do {
        let line = DiffImpactLine(old: a.version, new: b.version, document: change)
        lines.append(contentsOf: try ResultJSON.encode(line, pretty: false).utf8)
        lines.append(0x0A)
      } catch {
        encodingFailed = true
      }
    }
    try CLIErrors.guarding {
      if encodingFailed { throw CLIError("cannot encode a changed document as JSON") }
    }
    if let impactOutput {
      try CLIErrors.guarding {
        if impactOutput == "-" {
          StandardStreams.out(bytes: lines)
        } else {
          try AtomicFile.write(lines, to: impactOutput)
        }
      }
    }
    return analysis.report(portfolio: path)
  }
}

/// `--format` of `diff`.
enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case markdown
  case json
}
