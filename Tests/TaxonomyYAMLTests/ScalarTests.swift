import XCTest
@testable import TaxonomyYAML

final class ScalarTests: XCTestCase {
  func testEachScalarStyleWithItsMark() throws {
    let text = """
      plain: word here
      single: 'it''s'
      double: "tab\\tand \\u00e9"
      literal: |
        line one
        line two
      folded: >
        folded
        text
      empty:
      """
    let root = try XCTUnwrap(parse(text))
    XCTAssertEqual(root.mark, mark(1, 1))
    let pairs = try XCTUnwrap(root.mapping)
    XCTAssertEqual(pairs.map { $0.key.scalar }, ["plain", "single", "double", "literal", "folded", "empty"])
    XCTAssertEqual(pairs.map(\.key.mark), [mark(1, 1), mark(2, 1), mark(3, 1), mark(4, 1), mark(7, 1), mark(10, 1)])

    let values = pairs.map(\.value)
    XCTAssertEqual(values[0].content, .scalar("word here", .plain))
    XCTAssertEqual(values[0].mark, mark(1, 8))
    XCTAssertEqual(values[1].content, .scalar("it's", .singleQuoted))
    XCTAssertEqual(values[1].mark, mark(2, 9))
    XCTAssertEqual(values[2].content, .scalar("tab\tand é", .doubleQuoted))
    XCTAssertEqual(values[2].mark, mark(3, 9))
    XCTAssertEqual(values[3].content, .scalar("line one\nline two\n", .literal))
    XCTAssertEqual(values[3].mark, mark(4, 10))
    XCTAssertEqual(values[4].content, .scalar("folded text\n", .folded))
    XCTAssertEqual(values[4].mark, mark(7, 9))
    XCTAssertEqual(values[5].content, .scalar("", .plain))
    XCTAssertTrue(values[5].isNull)
    XCTAssertTrue(values[0].isPlainScalar)
    XCTAssertFalse(values[1].isPlainScalar)
    XCTAssertTrue(values.allSatisfy { $0.tag == nil })
  }

  func testColumnsCountCharactersNotBytes() throws {
    // "é" is 2 bytes, "€" 3, "𝔸" 4, and "e\u{301}" two scalars: columns count scalars.
    let text = "é€𝔸: [x, 'ü']\nname: naïve — \"quoted\"\ne\u{301}: 𝔸value\n"
    let root = try XCTUnwrap(parse(text))
    let pairs = try XCTUnwrap(root.mapping)
    XCTAssertEqual(pairs[0].value.mark, mark(1, 6))
    let items = try XCTUnwrap(pairs[0].value.sequence)
    XCTAssertEqual(items.map(\.mark), [mark(1, 7), mark(1, 10)])
    XCTAssertEqual(items[1].content, .scalar("ü", .singleQuoted))
    XCTAssertEqual(pairs[1].value.content, .scalar("naïve — \"quoted\"", .plain))
    XCTAssertEqual(pairs[1].value.mark, mark(2, 7))
    XCTAssertEqual(pairs[2].key.scalar, "e\u{301}")
    XCTAssertEqual(pairs[2].value.mark, mark(3, 5))
  }

  func testByteOrderMarkTakesNoColumn() throws {
    let root = try XCTUnwrap(YAMLReader.parseDocument([0xEF, 0xBB, 0xBF] + Array("a: b".utf8), file: "t.yaml"))
    XCTAssertEqual(root.mark, mark(1, 1))
    XCTAssertEqual(root.value(forKey: "a")?.mark, mark(1, 4))
  }

  func testCRLFLineBreaksCountOnce() throws {
    let text = "# comment\r\nfirst: 1\r\n\r\nsecond:\r\n  - x\r\n  - \"y\"\r\nlast: |\r\n  a\r\n  b\r\n"
    let root = try XCTUnwrap(parse(text))
    XCTAssertEqual(root.mark, mark(2, 1))
    XCTAssertEqual(root.value(forKey: "first")?.mark, mark(2, 8))
    let items = try XCTUnwrap(root.value(forKey: "second")?.sequence)
    XCTAssertEqual(items.map(\.mark), [mark(5, 5), mark(6, 5)])
    let last = try XCTUnwrap(root.value(forKey: "last"))
    XCTAssertEqual(last.mark, mark(7, 7))
    XCTAssertEqual(last.content, .scalar("a\nb\n", .literal))
  }

  func testCRLFErrorLine() {
    assertProblems(
      "a: 1\r\nb: 2\r\nc: d: e\r\n",
      ["t.yaml:3:5: error: could not parse YAML: mapping values are not allowed in this context"],
      kind: .syntax)
  }

  func testExplicitTagsInShortForm() throws {
    let root = try XCTUnwrap(parse("a: !!str 12\nb: !local x\nc: ! y\nd: !!seq [1]\ne: \"plain\"\n"))
    XCTAssertEqual(root.value(forKey: "a")?.tag, "!!str")
    XCTAssertEqual(root.value(forKey: "a")?.mark, mark(1, 4))
    XCTAssertEqual(root.value(forKey: "a")?.scalar, "12")
    XCTAssertEqual(root.value(forKey: "b")?.tag, "!local")
    XCTAssertEqual(root.value(forKey: "c")?.tag, "!")
    XCTAssertEqual(root.value(forKey: "d")?.tag, "!!seq")
    XCTAssertNil(root.value(forKey: "e")?.tag)
  }

  func testScalarsAreNotTyped() throws {
    let root = try XCTUnwrap(parse("- 1\n- true\n- ~\n- '1'\n"))
    XCTAssertEqual(root.sequence?.map(\.scalar), ["1", "true", "~", "1"])
    XCTAssertEqual(root.sequence?.map(\.isPlainScalar), [true, true, true, false])
    XCTAssertEqual(root.sequence?.map(\.isNull), [false, false, true, false])
  }

  func testMultiLineScalarsMayContainTabs() throws {
    let root = try XCTUnwrap(parse("text: |\n  col1\tcol2\n  \tindented\nquoted: \"a\n  \tb\"\n# a\tcomment\n"))
    XCTAssertEqual(root.value(forKey: "text")?.scalar, "col1\tcol2\n\tindented\n")
    XCTAssertEqual(root.value(forKey: "quoted")?.scalar, "a b")
  }
}
