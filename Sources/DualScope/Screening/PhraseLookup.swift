import PhraseMatching

/// A small set of phrases (organisation names, funding names, cues) compiled once and looked
/// up in short texts with the phrase matcher: case and diacritics folded, whole words only.
struct PhraseLookup: Sendable {
  private let matcher: PhraseMatcher?
  let count: Int

  /// One entry per phrase; its index is what `find` reports.
  init(_ entries: [(text: String, options: PhraseOptions)]) throws(PhraseMatcherBuildError) {
    count = entries.count
    guard !entries.isEmpty else {
      matcher = nil
      return
    }
    var phrases: [Phrase] = []
    for (i, e) in entries.enumerated() {
      phrases.append(Phrase(e.text, id: TermID(rawValue: UInt32(i)), options: e.options))
    }
    matcher = try PhraseMatcher(phrases)
  }

  /// Every phrase found in `text`, each once, with the text it matched first.
  func find(in text: String) -> [(index: Int, matched: String)] {
    guard let matcher, !text.isEmpty else { return [] }
    let bytes = Array(text.utf8)
    var seen = Set<Int>()
    var out: [(Int, String)] = []
    for m in matcher.matches(in: text) {
      let i = Int(m.termID.rawValue)
      guard seen.insert(i).inserted else { continue }
      out.append((i, String(decoding: bytes[m.start..<m.end], as: UTF8.self)))
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
