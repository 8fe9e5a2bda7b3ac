import DualScopeTestSupport
import PhraseMatching
import XCTest

/// `PhraseMatcher` against `NaiveMatcher` on generated Unicode text and phrase lists.
final class DifferentialTests: XCTestCase {
  static let vocabulary = [
    "quantum", "kwantum", "computer", "computing", "laser", "lasers", "halfgeleider", "technologie",
    "straße", "strasse", "İstanbul", "coördinatie", "ﬁnance", "battery", "qubit", "ai", "AI", "GaN",
    "dual", "use", "key", "distribution", "ab", "abc", "abcd", "café", "cafe\u{301}", "x", "co2",
    "hoogvermogen", "kwantumcomputer", "sprong", "αβγ", "ΑΒΓ", "ǅ", "ﬀ",
  ]
  static let separators = [
    " ", " ", " ", "  ", "-", "\u{2013}", " - ", "\r\n", "\t", ", ", ". ", "'", "’", "\u{AD}", "\u{301}",
    "🚀", "\u{0}", "/", "", "\u{00A0}", "ｑ",
  ]

  func generatedText(_ rng: inout SeededGenerator, words: Int) -> [UInt8] {
    var out: [UInt8] = []
    for _ in 0..<words {
      var w = Self.vocabulary.randomElement(using: &rng)!
      switch Int.random(in: 0..<6, using: &rng) {
      case 0: w = w.uppercased()
      case 1: w = w.prefix(1).uppercased() + w.dropFirst()
      case 2: w += ["s", "en", "'s", "ies", "computer", "end", "sprong"].randomElement(using: &rng)!
      default: break
      }
      out += Array(w.utf8)
      if Int.random(in: 0..<40, using: &rng) == 0 { out.append([0xFF, 0xC3, 0x80, 0xE2][Int.random(in: 0..<4, using: &rng)]) }
      out += Array(Self.separators.randomElement(using: &rng)!.utf8)
    }
    return out
  }

  func generatedPhrases(_ rng: inout SeededGenerator, count: Int) -> [Phrase] {
    let all: [PhraseOptions] = [.caseSensitive, .prefix, .compoundPart, .inflectEnglish, .inflectDutch]
    return (0..<count).map { i in
      let n = Int.random(in: 1...3, using: &rng)
      let seps = [" ", "-", " "]
      let text = (0..<n).map { _ in Self.vocabulary.randomElement(using: &rng)! }.joined(separator: seps.randomElement(using: &rng)!)
      var options: PhraseOptions = []
      for o in all where Int.random(in: 0..<4, using: &rng) == 0 { options.insert(o) }
      return Phrase(text, id: TermID(UInt32(i % 7)), options: options)
    }
  }

  func testAgainstNaiveMatcher() throws {
    var rng = SeededGenerator(seed: 0x5EED)
    var scratch = MatchScratch()
    var total = 0
    for round in 0..<60 {
      let phrases = generatedPhrases(&rng, count: Int.random(in: 1...25, using: &rng))
      let m = try PhraseMatcher(phrases)
      m._checkInvariants()
      let naive = NaiveMatcher(phrases)
      for _ in 0..<5 {
        let text = generatedText(&rng, words: Int.random(in: 0...60, using: &rng))
        text.withUnsafeBufferPointer { m.findAll(in: $0, into: &scratch) }
        let expected = naive.findAll(text)
        if scratch.matches != expected.matches {
          let shown = String(decoding: text, as: UTF8.self)
          XCTFail("round \(round): \(phrases)\ntext: \(shown.debugDescription)\ngot      \(scratch.matches)\nexpected \(expected.matches)")
          return
        }
        XCTAssertEqual(scratch.wordCount, expected.words)
        let count = text.withUnsafeBufferPointer { m.countLeftmostLongest(in: $0, scratch: &scratch) }
        XCTAssertEqual(count, naive.leftmostLongestSpans(text).count, "round \(round) count")
        total += expected.matches.count
      }
    }
    XCTAssertGreaterThan(total, 500, "the generator should produce plenty of matches")
  }

  /// The filter and first-word table paths (ASCII words, long words, many phrases) against the naive matcher.
  func testManyASCIIPhrasesAgainstNaiveMatcher() throws {
    var rng = SeededGenerator(seed: 42)
    let letters = Array("abcdeor")
    func word() -> String { String((0..<Int.random(in: 1...18, using: &rng)).map { _ in letters.randomElement(using: &rng)! }) }
    let lexicon = (0..<300).map { _ in word() }
    let phrases = (0..<120).map { i in
      Phrase((0..<Int.random(in: 1...3, using: &rng)).map { _ in lexicon.randomElement(using: &rng)! }.joined(separator: " "), id: TermID(UInt32(i)))
    }
    let m = try PhraseMatcher(phrases)
    m._checkInvariants()
    let naive = NaiveMatcher(phrases)
    var scratch = MatchScratch()
    for _ in 0..<6 {
      let text = Array((0..<150).map { _ in lexicon.randomElement(using: &rng)! }.joined(separator: [" ", ", ", "  ", "-"].randomElement(using: &rng)!).utf8)
      text.withUnsafeBufferPointer { m.findAll(in: $0, into: &scratch) }
      XCTAssertEqual(scratch.matches, naive.findAll(text).matches)
      XCTAssertEqual(text.withUnsafeBufferPointer { m.countLeftmostLongest(in: $0, scratch: &scratch) }, naive.leftmostLongestSpans(text).count)
    }
  }

  /// The shortcuts after a screened first word (what may follow it: a gap and a letter or digit,
  /// punctuation, nothing) and words around eight and sixteen bytes, against the naive matcher.
  func testFirstWordShortcutsAgainstNaiveMatcher() throws {
    var rng = SeededGenerator(seed: 7)
    let lexicon = [
      "a", "u", "s", "c", "x", "ray", "army", "time", "series", "1d", "2d", "p", "q", "y", "model",
      "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq",
    ]
    let joins = [" ", " ", "-", "  ", ", ", ".", ". ", "+", "++", " - ", "'", " (", ") ", "\n", "/"]
    let punctuated = ["u.s. army", "c++", "c++ model", "x-ray", "time series", "time 2d", "a.", "s/p", "model (a)", "ray's"]
    for round in 0..<20 {
      var texts = punctuated.filter { _ in Bool.random(using: &rng) }
      for _ in 0..<30 {
        let n = Int.random(in: 1...3, using: &rng)
        texts.append((0..<n).map { _ in lexicon.randomElement(using: &rng)! }.joined(separator: [" ", "-"].randomElement(using: &rng)!))
      }
      let phrases = texts.enumerated().map { Phrase($0.element, id: TermID(UInt32($0.offset))) }
      let m = try PhraseMatcher(phrases)
      m._checkInvariants()
      let naive = NaiveMatcher(phrases)
      var scratch = MatchScratch()
      for _ in 0..<4 {
        var text = ""
        for _ in 0..<200 {
          var w = lexicon.randomElement(using: &rng)!
          if Bool.random(using: &rng) { w = w.uppercased() }
          text += w + joins.randomElement(using: &rng)!
        }
        if Bool.random(using: &rng) { text.removeLast() }
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { m.findAll(in: $0, into: &scratch) }
        XCTAssertEqual(scratch.matches, naive.findAll(bytes).matches, "round \(round)")
        let count = bytes.withUnsafeBufferPointer { m.countLeftmostLongest(in: $0, scratch: &scratch) }
        XCTAssertEqual(count, naive.leftmostLongestSpans(bytes).count, "round \(round) count")
      }
    }
  }

  /// Words of every length up to 80 bytes, so that words start, end and run across the 64-byte
  /// blocks of the scan, with a non-ASCII letter now and then, against the naive matcher.
  func testBlockBoundariesAgainstNaiveMatcher() throws {
    var rng = SeededGenerator(seed: 64)
    func word() -> String {
      let length = Int.random(in: 0..<10, using: &rng) == 0 ? Int.random(in: 17...80, using: &rng) : Int.random(in: 1...16, using: &rng)
      return String((0..<length).map { _ in Int.random(in: 0..<50, using: &rng) == 0 ? "é" : Bool.random(using: &rng) ? "a" : "b" })
    }
    let lexicon = (0..<40).map { _ in word() } + ["a", "b", "ab", "ba", "aa", "bb", "aab"]
    let phrases = (0..<60).map { i in
      Phrase((0..<Int.random(in: 1...2, using: &rng)).map { _ in lexicon.randomElement(using: &rng)! }.joined(separator: " "), id: TermID(UInt32(i)))
    }
    let m = try PhraseMatcher(phrases)
    m._checkInvariants()
    let naive = NaiveMatcher(phrases)
    var scratch = MatchScratch()
    for round in 0..<20 {
      let text = Array((0..<120).map { _ in lexicon.randomElement(using: &rng)! }.joined(separator: [" ", ". ", "  ", "-"].randomElement(using: &rng)!).utf8)
      text.withUnsafeBufferPointer { m.findAll(in: $0, into: &scratch) }
      XCTAssertEqual(scratch.matches, naive.findAll(text).matches, "round \(round)")
      XCTAssertEqual(scratch.wordCount, naive.findAll(text).words, "round \(round) words")
      let count = text.withUnsafeBufferPointer { m.countLeftmostLongest(in: $0, scratch: &scratch) }
      XCTAssertEqual(count, naive.leftmostLongestSpans(text).count, "round \(round) count")
    }
  }
}
