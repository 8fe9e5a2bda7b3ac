import DualScopeTestSupport
import PhraseMatching
import XCTest

final class BuildErrorTests: XCTestCase {
  func testEmptyAndWordlessPhrasesAreRefused() {
    for (text, empty) in [("", true), ("   ", true), ("\u{301}", false), ("--", false), ("!?", false), ("🚀", false)] {
      XCTAssertThrowsError(try PhraseMatcher([Phrase("ok", id: TermID(0)), Phrase(text, id: TermID(1))]), text) { error in
        let e = error as! PhraseMatcherBuildError
        XCTAssertEqual(e.phraseIndex, 1)
        XCTAssertEqual(e.isEmptyPhrase, empty, text)
        XCTAssertTrue(e.description.contains("index 1"), e.description)
      }
    }
    let e = try? PhraseMatcher([Phrase("--", id: TermID(0))])
    XCTAssertNil(e)
    do {
      _ = try PhraseMatcher([Phrase("a", id: TermID(0)), Phrase("?!", id: TermID(0))])
    } catch {
      XCTAssertEqual(error.description, "phrase '?!' at index 1 has no letter or digit, so it can never match a word")
    }
  }

  func testEmptyListAndEmptyText() throws {
    let m = try PhraseMatcher([])
    m._checkInvariants()
    XCTAssertEqual(m.matches(in: "anything at all"), [])
    let q = try PhraseMatcher(phrases(["x"]))
    XCTAssertEqual(q.matches(in: ""), [])
    XCTAssertEqual(q.countLeftmostLongest(in: ""), 0)
  }
}

final class AdversarialTests: XCTestCase {
  func testTenMegabytesWithoutASpace() throws {
    let m = try PhraseMatcher(phrases(["aaaa", "aaab", "b"]) + [Phrase("aa", id: TermID(9), options: .prefix)])
    let text = [UInt8](repeating: UInt8(ascii: "a"), count: 10_000_000)
    var scratch = MatchScratch()
    text.withUnsafeBufferPointer { m.findAll(in: $0, into: &scratch) }
    XCTAssertEqual(scratch.wordCount, 1)
    XCTAssertEqual(scratch.matches.map(\.end), [10_000_000])
    let plain = try PhraseMatcher(phrases(["aaaa", "b"]))
    XCTAssertEqual(text.withUnsafeBufferPointer { plain.countLeftmostLongest(in: $0, scratch: &scratch) }, 0)
    // Compound heads are looked for at every position of the word: a smaller word.
    let compound = try PhraseMatcher(phrases(["aaaa", "aab"], [.compoundPart]))
    let word = [UInt8](repeating: UInt8(ascii: "a"), count: 200_000) + [UInt8(ascii: "b")]
    word.withUnsafeBufferPointer { compound.findAll(in: $0, into: &scratch) }
    XCTAssertEqual(scratch.matches.map { [$0.start, $0.end] }, [[0, 4], [199_998, 200_001]])
  }

  func testAMillionShortMatches() throws {
    let m = try PhraseMatcher(phrases(["a"]))
    let text = [UInt8](String(repeating: "a ", count: 1_000_000).utf8)
    var scratch = MatchScratch()
    text.withUnsafeBufferPointer { m.findAll(in: $0, into: &scratch) }
    XCTAssertEqual(scratch.matches.count, 1_000_000)
    XCTAssertEqual(scratch.matches.last?.start, 1_999_998)
    XCTAssertEqual(text.withUnsafeBufferPointer { m.countLeftmostLongest(in: $0, scratch: &scratch) }, 1_000_000)
  }

  func testAPhraseOfAThousandWords() throws {
    let long = (0..<1000).map { "w\($0 % 10)" }.joined(separator: " ")
    let m = try PhraseMatcher([Phrase(long, id: TermID(0)), Phrase("w0", id: TermID(1))])
    m._checkInvariants()
    let text = "x " + long + " y " + long.uppercased()
    XCTAssertEqual(m.countLeftmostLongest(in: text), 2)
    // Near misses: the walk runs far, then restarts at the next word.
    let miss = String(repeating: long.dropLast(3) + " ", count: 3)
    XCTAssertEqual(m.countLeftmostLongest(in: miss), 3 * 100)
  }

  func testScratchReuseAndLongWords() throws {
    let m = try PhraseMatcher(phrases(["supercalifragilisticexpialidocious", "pneumonoultramicroscopicsilicovolcanoconiosis x"]))
    var scratch = MatchScratch()
    m.findAll(in: "Supercalifragilisticexpialidocious pneumonoultramicroscopicsilicovolcanoconiosis X", into: &scratch)
    XCTAssertEqual(scratch.matches.count, 2)
    m.findAll(in: "nothing", into: &scratch)
    XCTAssertEqual(scratch.matches, [])
    XCTAssertEqual(scratch.wordCount, 1)
  }
}
