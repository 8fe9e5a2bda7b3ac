import DualScopeTestSupport
import PhraseMatching
import XCTest

/// Spans are UTF-8 offsets into the original text, whatever folding did to the lengths.
final class UnicodeOffsetTests: XCTestCase {
  func span(_ text: String, _ phrase: String, _ options: PhraseOptions = []) -> [String] {
    guard let m = compile([Phrase(phrase, id: TermID(0), options: options)]) else { return [] }
    let bytes = Array(text.utf8)
    return m.matches(in: text).map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
  }

  func testLengthChangingFolds() {
    XCTAssertEqual(span("İstanbul ẞtraße Kelvin\u{212A} ﬁnance", "finance"), ["ﬁnance"])
    XCTAssertEqual(span("İstanbul ẞtraße", "sstrasse"), ["ẞtraße"])
    XCTAssertEqual(span("x İİ istanbul", "istanbul"), ["istanbul"])
    XCTAssertEqual(span("İSTANBUL", "istanbul"), ["İSTANBUL"])
    XCTAssertEqual(span("ｑｕａｎｔｕｍ physics", "quantum physics"), ["ｑｕａｎｔｕｍ physics"])
  }

  func testCombiningMarksBelongToTheirLetter() {
    // The mark after the last letter is inside the span; a mark never separates words.
    XCTAssertEqual(span("cafe\u{301} au lait", "cafe"), ["cafe\u{301}"])
    XCTAssertEqual(span("coo\u{308}rdinatie", "coördinatie"), ["coo\u{308}rdinatie"])
    XCTAssertEqual(span("kwan\u{AD}tum", "kwantum"), ["kwan\u{AD}tum"])
    XCTAssertEqual(span("ab\u{301}c", "ab"), [])
  }

  func testEmojiCRLFNulAndInvalidBytes() throws {
    XCTAssertEqual(span("🚀quantum🚀", "quantum"), ["quantum"])
    XCTAssertEqual(span("quantum\r\n\r\nkey", "quantum key"), ["quantum\r\n\r\nkey"])
    let m = try PhraseMatcher([Phrase("quantum", id: TermID(1))])
    var scratch = MatchScratch()
    for bytes: [UInt8] in [
      [0xFF] + Array("quantum".utf8) + [0xC3], Array("quantum".utf8) + [0, 0xE2, 0x82], [0xF0, 0x9F] + Array("quantum".utf8),
    ] {
      bytes.withUnsafeBufferPointer { m.findAll(in: $0, into: &scratch) }
      XCTAssertEqual(scratch.matches.count, 1, "\(bytes)")
      if let first = scratch.matches.first { XCTAssertEqual(Array(bytes[first.start..<first.end]), Array("quantum".utf8)) }
    }
    // An invalid byte inside a word separates it.
    let split = Array("quan".utf8) + [0xFF] + Array("tum".utf8)
    split.withUnsafeBufferPointer { m.findAll(in: $0, into: &scratch) }
    XCTAssertEqual(scratch.matches, [])
  }

  func testNormalizerOffsets() {
    let (bytes, offsets) = Normalizer.fold("İß-Ｘ  ﬁ")
    XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "iss x fi")
    XCTAssertEqual(offsets, [0, 2, 2, 4, 5, 8, 10, 10, 13])
    XCTAssertEqual(Normalizer.folded("Technologieën – Coördinatie’s"), "technologieen coordinatie's")
    XCTAssertEqual(Normalizer.fold("GaN İ", keepingCase: true).bytes, Array("GaN I".utf8))
    XCTAssertEqual(Normalizer.folded("ΣΊΣΥΦΟΣ"), "σισυφοσ")
  }

  func testWordIndexAndWordCount() throws {
    let m = try PhraseMatcher(phrases(["key distribution", "quantum"]))
    var scratch = MatchScratch()
    m.findAll(in: "The quantum key-distribution, AI’s 2nd quantum!", into: &scratch)
    XCTAssertEqual(scratch.matches.map(\.wordIndex), [1, 2, 7])
    XCTAssertEqual(scratch.wordCount, 8)
  }

  func testOverlappingMatchesAndResolution() throws {
    let m = try PhraseMatcher(phrases(["quantum", "quantum key distribution", "key distribution", "key"]))
    let all = m.matches(in: "quantum key distribution")
    XCTAssertEqual(all.map { [$0.start, $0.end, Int($0.termID.rawValue)] }, [[0, 24, 1], [0, 7, 0], [8, 24, 2], [8, 11, 3]])
    XCTAssertEqual(resolveLeftmostLongest(all).map(\.termID), [TermID(1)])
    // Two terms with the same span are both kept.
    let same = try PhraseMatcher([Phrase("dual-use", id: TermID(5)), Phrase("dual use", id: TermID(2))])
    XCTAssertEqual(resolveLeftmostLongest(same.matches(in: "dual use")).map(\.termID), [TermID(2), TermID(5)])
    XCTAssertEqual(same.countLeftmostLongest(in: "dual use"), 1)
  }
}
