import XCTest
@testable import TaxonomyYAML

final class InputCheckTests: XCTestCase {
  // MARK: Invalid UTF-8

  func testInvalidUTF8AtStart() {
    assertProblems([0xFF] + Array("a: 1\n".utf8), ["t.yaml:1:1: error: invalid UTF-8 (byte 0xFF)"], kind: .invalidUTF8)
  }

  func testUTF16IsInvalidUTF8() {
    assertProblems([0xFF, 0xFE, 0x61, 0x00], ["t.yaml:1:1: error: invalid UTF-8 (byte 0xFF)"], kind: .invalidUTF8)
  }

  func testInvalidUTF8InTheMiddleCountsCharacters() {
    let bytes = Array("título: é\nnombre: ñu".utf8) + [0xFE] + Array("x\nlast: 1\n".utf8)
    assertProblems(bytes, ["t.yaml:2:11: error: invalid UTF-8 (byte 0xFE)"], kind: .invalidUTF8)
  }

  func testStrayContinuationByte() {
    assertProblems(Array("a: b".utf8) + [0x80], ["t.yaml:1:5: error: invalid UTF-8 (byte 0x80)"])
  }

  func testTruncatedSequenceAtEnd() {
    assertProblems(
      Array("a: 1\nb: ".utf8) + [0xC3],
      ["t.yaml:2:4: error: invalid UTF-8 (malformed sequence starting with byte 0xC3)"], kind: .invalidUTF8)
    assertProblems(
      Array("a: 1\nb: x".utf8) + [0xF0, 0x9F, 0x98],
      ["t.yaml:2:5: error: invalid UTF-8 (malformed sequence starting with byte 0xF0)"])
  }

  func testBrokenMultiByteSequenceAfterMultiByteCharacters() {
    // "日本" are three bytes each; E2 82 should continue with one more continuation byte, not "A".
    let bytes = Array("ñ: ü\nkey: 日本".utf8) + [0xE2, 0x82] + Array("A\n".utf8)
    assertProblems(bytes, ["t.yaml:2:8: error: invalid UTF-8 (malformed sequence starting with byte 0xE2)"])
  }

  func testOverlongSurrogateAndOutOfRangeSequences() {
    assertProblems(Array("a: ".utf8) + [0xC0, 0xAF], ["t.yaml:1:4: error: invalid UTF-8 (byte 0xC0)"])
    assertProblems(
      Array("a: ".utf8) + [0xE0, 0x80, 0xAF],
      ["t.yaml:1:4: error: invalid UTF-8 (malformed sequence starting with byte 0xE0)"])
    assertProblems(
      Array("a: ".utf8) + [0xED, 0xA0, 0x80],
      ["t.yaml:1:4: error: invalid UTF-8 (malformed sequence starting with byte 0xED)"])
    assertProblems(
      Array("a: ".utf8) + [0xF4, 0x90, 0x80, 0x80],
      ["t.yaml:1:4: error: invalid UTF-8 (malformed sequence starting with byte 0xF4)"])
    assertProblems(Array("a: ".utf8) + [0xF5, 0x80, 0x80, 0x80], ["t.yaml:1:4: error: invalid UTF-8 (byte 0xF5)"])
  }

  func testInvalidUTF8LineAfterCRLFAndOtherBreaks() {
    assertProblems(Array("a: 1\r\nb: 2\r\nc: ".utf8) + [0xFF], ["t.yaml:3:4: error: invalid UTF-8 (byte 0xFF)"])
    // A lone CR and NEL (U+0085) also end lines, as in libyaml.
    assertProblems(Array("a: \"x\ry\u{85}z\"\nb: ".utf8) + [0xFF], ["t.yaml:4:4: error: invalid UTF-8 (byte 0xFF)"])
  }

  func testValidFourByteCharactersAreAccepted() throws {
    XCTAssertEqual(try parse("emoji: 😀𝔸\n")?.value(forKey: "emoji")?.scalar, "😀𝔸")
  }

  // MARK: NUL

  func testNULByte() {
    assertProblems("a: 1\nb: x\u{0}y\n", ["t.yaml:2:5: error: NUL byte in input"], kind: .nulByte)
    assertProblems([0], ["t.yaml:1:1: error: NUL byte in input"])
  }

  func testFirstProblemInTheFileWins() {
    assertProblems(Array("a: \u{0}".utf8) + [0xFF], ["t.yaml:1:4: error: NUL byte in input"])
    assertProblems(Array("a: ".utf8) + [0xFF, 0], ["t.yaml:1:4: error: invalid UTF-8 (byte 0xFF)"])
  }

  // MARK: Tabs

  func testTabIndentingAKey() {
    assertProblems("a:\n\tb: 1\n", ["t.yaml:2:1: error: tab character used for indentation; use spaces"], kind: .tabIndentation)
  }

  func testTabAfterSpacesInIndentation() {
    assertProblems("terms:\n  - a\n  \t- b\n", ["t.yaml:3:3: error: tab character used for indentation; use spaces"])
  }

  func testTabIndentingASequenceItem() {
    assertProblems("a:\n\t- b\n", ["t.yaml:2:1: error: tab character used for indentation; use spaces"])
  }

  func testTabAfterSequenceIndicator() {
    assertProblems("a:\n  -\tb\n", ["t.yaml:2:4: error: tab character used for indentation; use spaces"])
  }

  func testTabIndentingABlockScalar() {
    assertProblems("a: |\n  x\n\ty\n", ["t.yaml:3:1: error: tab character used for indentation; use spaces"])
    // libyaml cannot find the indentation of a block scalar whose first line starts with a tab.
    assertProblems("a: |\n  \ty\n", ["t.yaml:2:3: error: tab character used for indentation; use spaces"])
  }

  func testTabOnABlankOrCommentLineInBlockContext() {
    assertProblems("a: 1\n\t\nb: 2\n", ["t.yaml:2:1: error: tab character used for indentation; use spaces"])
    assertProblems("a: 1\n\t# c\nb: 2\n", ["t.yaml:2:1: error: tab character used for indentation; use spaces"])
  }

  func testTabIndentationOnANonASCIILine() {
    assertProblems("é:\n  ü: 1\n \tñ: 2\n", ["t.yaml:3:2: error: tab character used for indentation; use spaces"])
  }

  func testTabsInsideScalarsCommentsAndFlowAreFine() throws {
    let root = try XCTUnwrap(parse("a: x\ty\nb:\tc\nd: 1 \t# note\ne: [1,\n\t2]\nf: |\n  x\n  \tindented\n"))
    XCTAssertEqual(shape(root), "{a: x\ty, b: c, d: 1, e: [1, 2], f: x\n\tindented\n}")
  }

  func testTabOnAnotherLineDoesNotHijackAnUnrelatedError() {
    assertProblems(
      "f: |\n  x\n  \tkept\ng: h: i\n",
      ["t.yaml:4:5: error: could not parse YAML: mapping values are not allowed in this context"], kind: .syntax)
  }

  // MARK: Size

  func testInputOverTheDefaultSizeLimit() {
    var bytes = Array("a: ".utf8)
    bytes += [UInt8](repeating: UInt8(ascii: "x"), count: (8 << 20) - bytes.count + 1)
    assertProblems(bytes, ["t.yaml:1:1: error: file is larger than 8388608 bytes"], kind: .tooLarge)
  }

  func testInputAtAndOverACustomSizeLimit() throws {
    var limits = YAMLLimits()
    limits.maxBytes = 10
    XCTAssertEqual(try parse("a: 1234567", limits: limits)?.value(forKey: "a")?.scalar, "1234567")
    assertProblems("a: 12345678", ["t.yaml:1:1: error: file is larger than 10 bytes"], limits: limits)
  }
}
