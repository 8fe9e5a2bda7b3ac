import DualScopeTestSupport
import FuzzSupport
import PhraseMatching

/// A few phrases with random options, read from the first bytes, compiled and scanned over the
/// rest: every match inside the text, on character boundaries, sorted and unique; the
/// leftmost-longest view sorted, without overlaps and maximal; the count agrees; and the
/// matches equal the naive reference matcher's.
@_cdecl("LLVMFuzzerTestOneInput")
public func matcherTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  var input = FuzzInput(data, size)
  var phrases = MatcherPlan.phrases(&input)
  let text = input.rest()

  var matcher: PhraseMatcher?
  while matcher == nil, !phrases.isEmpty {
    do {
      matcher = try PhraseMatcher(phrases)
    } catch {
      guard let index = error.phraseIndex else { return 0 }
      fuzzCheck(
        error.isEmptyPhrase || error.hasNoWordCharacters, "refused phrase \(phrases[index]): \(error)")
      phrases.remove(at: index)
    }
  }
  guard let matcher else { return 0 }
  matcher._checkInvariants()

  var scratch = MatchScratch()
  text.withUnsafeBufferPointer { matcher.findAll(in: $0, into: &scratch) }
  let matches = scratch.matches
  let words = scratch.wordCount
  let shape = TextUnits(text)
  MatchChecks.spans(matches, words: words, shape)
  let resolved = resolveLeftmostLongest(matches)
  MatchChecks.resolution(resolved, of: matches)
  let spans = Set(resolved.map { $0.start..<$0.end }).count
  let counted = text.withUnsafeBufferPointer { matcher.countLeftmostLongest(in: $0, scratch: &scratch) }
  fuzzCheck(counted == spans, "countLeftmostLongest \(counted), resolution kept \(spans) spans")

  let naive = NaiveMatcher(phrases).findAll(text)
  fuzzCheck(
    naive.matches == matches,
    "phrases \(phrases)\ntext \(String(decoding: text, as: UTF8.self).debugDescription)\n"
      + "matcher \(matches)\nnaive   \(naive.matches)")
  fuzzCheck(naive.words == words, "matcher counted \(words) words, naive \(naive.words)")

  MatchChecks.fold(text)
  return 0
}

/// Turns the first bytes of an input into a phrase list.
enum MatcherPlan {
  /// Words that reach the matcher's special cases: folding, compounds, inflection, case.
  static let vocabulary = [
    "quantum", "kwantum", "computer", "laser", "technologie", "straße", "İstanbul", "ﬁ", "co2", "AI",
    "GaN", "dual-use", "c++", "cel", "molecuul", "battery", "coördinatie", "ǅ", "αβ", "x", "key distribution",
    "qubit", "halfgeleider", "e-", "’s", "ß", "ﬀ", "café", "cafe\u{301}", "ｑｕ", "-a", "1",
  ]

  /// One to six phrases: an options byte, then a length byte (high bit set: a vocabulary word)
  /// and the phrase's bytes. Term IDs repeat so that phrases share terms.
  static func phrases(_ input: inout FuzzInput) -> [Phrase] {
    let count = input.int(in: 1...6)
    return (0..<count).map { i in
      let options = PhraseOptions(rawValue: input.byte() & 0x1F)
      let length = input.byte()
      let text: String
      if length & 0x80 != 0 {
        text = vocabulary[Int(length & 0x7F) % vocabulary.count]
      } else {
        text = String(decoding: input.take(Int(length % 24)), as: UTF8.self)
      }
      return Phrase(text, id: TermID(UInt32(i % 4)), options: options)
    }
  }
}

/// Where the characters of a text start, as the normaliser decodes it.
struct TextUnits {
  let count: Int
  /// Per byte offset: a unit starts there (offset `count` included).
  var boundary: [Bool]
  var isWord: [Bool]
  var isIgnorable: [Bool]

  init(_ text: [UInt8]) {
    count = text.count
    boundary = Array(repeating: false, count: text.count + 1)
    isWord = Array(repeating: false, count: text.count + 1)
    isIgnorable = Array(repeating: false, count: text.count + 1)
    boundary[text.count] = true
    var next = 0
    for unit in text.withUnsafeBufferPointer({ Normalizer.units(of: $0) }) {
      fuzzCheck(unit.start == next && unit.end > unit.start, "units not contiguous at \(unit.start)")
      boundary[unit.start] = true
      isWord[unit.start] = unit.isWord
      isIgnorable[unit.start] = unit.isIgnorable
      next = unit.end
    }
    fuzzCheck(next == text.count, "units end at \(next) of \(text.count)")
  }
}

enum MatchChecks {
  /// Each match inside the text on character boundaries, starting at a letter or digit, not
  /// ending before a combining mark or joiner; sorted by start, longer first, then term; no two
  /// alike.
  static func spans(_ matches: [PhraseMatch], words: Int, _ text: TextUnits) {
    for m in matches {
      fuzzCheck(0 <= m.start && m.start < m.end && m.end <= text.count, "span \(m) outside 0..<\(text.count)")
      fuzzCheck(text.boundary[m.start] && text.boundary[m.end], "span \(m) splits a character")
      fuzzCheck(text.isWord[m.start], "match \(m) starts at no letter or digit")
      fuzzCheck(m.end == text.count || !text.isIgnorable[m.end], "match \(m) leaves a combining mark behind")
      fuzzCheck(m.wordIndex >= 0 && Int(m.wordIndex) < words, "match \(m) in word \(m.wordIndex) of \(words)")
    }
    for (a, b) in zip(matches, matches.dropFirst()) {
      let ordered =
        a.start < b.start || (a.start == b.start && (a.end > b.end || (a.end == b.end && a.termID < b.termID)))
      fuzzCheck(ordered, "matches out of order or repeated: \(a) then \(b)")
      fuzzCheck(a.wordIndex <= b.wordIndex, "word index goes back: \(a) then \(b)")
    }
  }

  /// The leftmost-longest view: drawn from the matches, in order, spans not overlapping (a span
  /// shared by several terms kept once per term), and every dropped match overlapping a kept span.
  static func resolution(_ resolved: [PhraseMatch], of matches: [PhraseMatch]) {
    let all = Set(matches)
    for m in resolved { fuzzCheck(all.contains(m), "resolution invented \(m)") }
    for (a, b) in zip(resolved, resolved.dropFirst()) {
      if a.start == b.start && a.end == b.end {
        fuzzCheck(a.termID < b.termID, "same span kept twice for a term or out of order: \(a), \(b)")
      } else {
        fuzzCheck(a.end <= b.start, "kept spans overlap or go back: \(a), \(b)")
      }
    }
    let kept = Set(resolved)
    var k = 0
    for m in matches where !kept.contains(m) {
      while k < resolved.count && resolved[k].end <= m.start { k += 1 }
      let overlaps = k < resolved.count && resolved[k].start < m.end
      fuzzCheck(overlaps, "\(m) dropped though no kept span overlaps it: \(resolved)")
    }
  }

  /// The normaliser's offset map: one offset per folded byte plus the end, never going back,
  /// each on a character boundary of the original.
  static func fold(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    let repaired = Array(text.utf8)
    let units = TextUnits(repaired)
    for keepingCase in [false, true] {
      let (folded, offsets) = Normalizer.fold(text, keepingCase: keepingCase)
      fuzzCheck(offsets.count == folded.count + 1, "\(offsets.count) offsets for \(folded.count) folded bytes")
      fuzzCheck(offsets.last == repaired.count, "offset map ends at \(offsets.last ?? -1), not \(repaired.count)")
      for (a, b) in zip(offsets, offsets.dropFirst()) { fuzzCheck(a <= b, "offset map goes back: \(a), \(b)") }
      for o in offsets { fuzzCheck(units.boundary[o], "offset \(o) splits a character") }
      fuzzCheck(String(validating: folded, as: UTF8.self) != nil, "folded text is not UTF-8")
    }
  }
}
