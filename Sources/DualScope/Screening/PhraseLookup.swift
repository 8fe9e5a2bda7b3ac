import PhraseMatching

/// A small set of phrases (organisation names, funding names, cues) compiled once and looked
/// up in short texts with the phrase matcher: case and diacritics folded, whole words only.
struct PhraseLookup: Sendable {
  private let matcher: PhraseMatcher?
  /// What the matcher was compiled from, by index.
  let phrases: [Phrase]
  var count: Int { phrases.count }

  /// One entry per phrase; its index is what `find` reports.
  init(_ entries: [(text: String, options: PhraseOptions)]) throws(PhraseMatcherBuildError) {
    phrases = entries.enumerated().map { i, e in Phrase(e.text, id: TermID(rawValue: UInt32(i)), options: e.options) }
    matcher = phrases.isEmpty ? nil : try PhraseMatcher(phrases)
  }

  /// Every phrase found in `text`, each once, with the text it matched first.
  func find(in text: String) -> [(index: Int, matched: String)] {
    var scratch = MatchScratch()
    findAll(in: text, into: &scratch)
    return found(in: text, scratch)
  }

  /// Every match in `text`, into `scratch` (offsets only, no text).
  func findAll(in text: String, into scratch: inout MatchScratch) {
    guard let matcher else {
      scratch = MatchScratch()
      return
    }
    matcher.findAll(in: text, into: &scratch)
  }

  /// The phrases of the matches in `scratch` (made by ``findAll(in:into:)`` over `text`), each
  /// once, with the text it matched first.
  func found(in text: String, _ scratch: MatchScratch) -> [(index: Int, matched: String)] {
    guard !scratch.matches.isEmpty else { return [] }
    var out: [(Int, String)] = []
    var text = text
    text.withUTF8 { bytes in
      var seen = Set<Int>()
      for m in scratch.matches {
        let i = Int(m.termID.rawValue)
        guard seen.insert(i).inserted else { continue }
        out.append((i, String(decoding: UnsafeBufferPointer(rebasing: bytes[m.start..<m.end]), as: UTF8.self)))
      }
    }
    return out
  }

  /// Names written only in capitals and digits (acronyms: `NIAP`, `ITER`, `NSERC`) match only in
  /// capitals, so `niap` in running text or a word such as `iter` is no hit.
  static func isAcronym(_ text: String) -> Bool {
    text.filter(\.isLetter).count >= 2 && !text.contains(where: \.isLowercase)
  }

  /// The options for a name: case-sensitive when it is an acronym.
  static func nameOptions(_ text: String) -> PhraseOptions {
    isAcronym(text) ? [.caseSensitive] : []
  }

  /// The options for a cue: plurals of its language, a prefix when written with `*`, case-sensitive
  /// (and uninflected) when it is an acronym.
  static func cueOptions(_ cue: CuePhrase) -> PhraseOptions {
    var o: PhraseOptions = cue.isPrefix ? [.prefix] : []
    if isAcronym(cue.text) {
      o.insert(.caseSensitive)
    } else if !cue.isPrefix {
      o.insert(cue.language == "nl" ? .inflectDutch : .inflectEnglish)
    }
    return o
  }
}
