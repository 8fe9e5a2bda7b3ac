import DualScopeTestSupport
import PhraseMatching
import XCTest

/// Inputs the Matcher fuzz harness (Fuzz/) found, minimised, with the property each one broke.
final class FuzzRegressionTests: XCTestCase {
  /// A word right after a match of a phrase ending in punctuation starts a word of its own:
  /// `countLeftmostLongest` skipped it as if the match had been a compound's leading part.
  func testWordAfterTrailingPunctuationIsCounted() throws {
    // The minimised input: one case-sensitive phrase `e` + U+0013, the text twice over.
    let phrases = [Phrase("e\u{13}", id: TermID(0), options: .caseSensitive)]
    let text = Array("e\u{13}e\u{13}".utf8)
    let m = try PhraseMatcher(phrases)
    var scratch = MatchScratch()
    text.withUnsafeBufferPointer { m.findAll(in: $0, into: &scratch) }
    XCTAssertEqual(scratch.matches.map { $0.start..<$0.end }, [0..<2, 2..<4])
    XCTAssertEqual(NaiveMatcher(phrases).leftmostLongestSpans(text), [0..<2, 2..<4])
    XCTAssertEqual(text.withUnsafeBufferPointer { m.countLeftmostLongest(in: $0, scratch: &scratch) }, 2)

    assertSpans([Phrase("c++", id: TermID(1))], "⟦c++⟧⟦c++⟧ and ⟦C++⟧x")
  }

  /// A compound's leading part that spans words ends inside the last of them: the count looked
  /// for heads from the first word's start, stopped at the gap, and counted the second word's
  /// overlapped leading part again.
  func testLeadingPartSpanningWordsIsCountedOnce() throws {
    // The minimised input: `e` + U+FFFD + `eee` and `e` as compound parts over
    // `e` + byte E5 + `eeeeeeee`.
    let found = [
      Phrase("e\u{FFFD}eee", id: TermID(1), options: [.compoundPart, .caseSensitive]),
      Phrase("\u{FFFD}e", id: TermID(0), options: [.compoundPart, .caseSensitive]),
    ]
    let text: [UInt8] = [0x65, 0xE5] + Array("eeeeeeee".utf8)
    let m = try PhraseMatcher(found)
    var scratch = MatchScratch()
    text.withUnsafeBufferPointer { m.findAll(in: $0, into: &scratch) }
    let spans = resolveLeftmostLongest(scratch.matches).map { $0.start..<$0.end }
    XCTAssertEqual(spans, [0..<5, 9..<10])
    XCTAssertEqual(NaiveMatcher(found).leftmostLongestSpans(text), spans)
    XCTAssertEqual(text.withUnsafeBufferPointer { m.countLeftmostLongest(in: $0, scratch: &scratch) }, 2)

    assertSpans(phrases(["x kwantum", "kwantum", "computer"], .compoundPart), "⟦x kwantum⟧⟦computer⟧ en ⟦kwantum⟧sprong")
  }
}
