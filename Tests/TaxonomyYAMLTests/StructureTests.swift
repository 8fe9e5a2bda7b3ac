import XCTest
@testable import TaxonomyYAML

final class StructureTests: XCTestCase {
  func testNestedBlockMappingsAndSequences() throws {
    let text = """
      id: quantum
      areas:
        - name: sensing
          terms:
            - atom interferometer
            - "NV centre"
        - name: computing
          terms: []
      """
    let root = try XCTUnwrap(parse(text))
    XCTAssertEqual(
      shape(root),
      "{id: quantum, areas: [{name: sensing, terms: [atom interferometer, NV centre]}, {name: computing, terms: []}]}")
    let areas = try XCTUnwrap(root.value(forKey: "areas"))
    XCTAssertEqual(areas.mark, mark(3, 3))
    let first = try XCTUnwrap(areas.sequence?.first)
    XCTAssertEqual(first.mark, mark(3, 5))
    let terms = try XCTUnwrap(first.value(forKey: "terms"))
    XCTAssertEqual(terms.mark, mark(5, 7))
    XCTAssertEqual(terms.sequence?.map(\.mark), [mark(5, 9), mark(6, 9)])
    XCTAssertEqual(areas.sequence?.last?.value(forKey: "terms")?.mark, mark(8, 12))
  }

  func testFlowStyle() throws {
    let root = try XCTUnwrap(parse("{a: [1, 2, {b: c}], 'd': {}, e: [ ]}"))
    XCTAssertEqual(shape(root), "{a: [1, 2, {b: c}], d: {}, e: []}")
    XCTAssertEqual(root.mark, mark(1, 1))
    let a = try XCTUnwrap(root.value(forKey: "a"))
    XCTAssertEqual(a.mark, mark(1, 5))
    XCTAssertEqual(a.sequence?.map(\.mark), [mark(1, 6), mark(1, 9), mark(1, 12)])
    XCTAssertEqual(root.mapping?[1].key.content, .scalar("d", .singleQuoted))
  }

  func testConveniencesOnOtherKinds() throws {
    let root = try XCTUnwrap(parse("s: text\nq: [x]\n"))
    let s = try XCTUnwrap(root.value(forKey: "s"))
    XCTAssertNil(s.sequence)
    XCTAssertNil(s.mapping)
    XCTAssertNil(s.value(forKey: "s"))
    XCTAssertEqual(s.kindDescription, "a scalar")
    let q = try XCTUnwrap(root.value(forKey: "q"))
    XCTAssertNil(q.scalar)
    XCTAssertFalse(q.isPlainScalar)
    XCTAssertEqual(q.kindDescription, "a sequence")
    XCTAssertEqual(root.kindDescription, "a mapping")
    XCTAssertNil(root.value(forKey: "missing"))
  }

  func testQuotedKeyFindsPlainLookup() throws {
    let root = try XCTUnwrap(parse("\"terms\": [a]\n"))
    XCTAssertEqual(root.value(forKey: "terms")?.sequence?.count, 1)
  }

  func testNonStringKeysAreKeptAsNodes() throws {
    let root = try XCTUnwrap(parse("? [a, b]\n: pair\n1: one\n"))
    let pairs = try XCTUnwrap(root.mapping)
    XCTAssertEqual(pairs[0].key.sequence?.count, 2)
    XCTAssertEqual(pairs[0].key.mark, mark(1, 3))
    XCTAssertEqual(pairs[1].key.scalar, "1")
  }

  func testMergeKeyIsAnOrdinaryKey() throws {
    let root = try XCTUnwrap(parse("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n"))
    XCTAssertEqual(shape(root.value(forKey: "other")), "{<<: {x: 1}, y: 2}")
  }

  func testEmptyInputIsNoDocument() throws {
    XCTAssertNil(try YAMLReader.parseDocument([], file: "t.yaml"))
    XCTAssertNil(try parse("\n\n   \n"))
  }

  func testCommentsOnlyIsNoDocument() throws {
    XCTAssertNil(try parse("# only a comment\n   # another\n\n"))
    XCTAssertNil(try parse("# no final newline"))
  }

  func testExplicitEmptyDocumentIsAnEmptyScalar() throws {
    let root = try XCTUnwrap(parse("---\n# nothing\n"))
    XCTAssertEqual(root.content, .scalar("", .plain))
    XCTAssertTrue(root.isNull)
  }

  func testDocumentMarkersAndDirectives() throws {
    let root = try XCTUnwrap(parse("%YAML 1.1\n---\na: 1\n...\n"))
    XCTAssertEqual(shape(root), "{a: 1}")
    XCTAssertEqual(root.mark, mark(3, 1))
  }

  func testSecondDocumentIsRefused() {
    assertProblems(
      "a: 1\n---\nb: 2\n", ["t.yaml:2:1: error: expected one YAML document, found a second one"],
      kind: .multipleDocuments)
    assertProblems(
      "a: 1\n...\nb: 2\n", ["t.yaml:3:1: error: expected one YAML document, found a second one"],
      kind: .multipleDocuments)
    assertProblems(
      "\"a\"\n\"b\"\n", ["t.yaml:2:1: error: expected one YAML document, found a second one"],
      kind: .multipleDocuments)
    assertProblems(
      "---\na: 1\n---\n", ["t.yaml:3:1: error: expected one YAML document, found a second one"],
      kind: .multipleDocuments)
  }

  func testSyntaxErrorsUseLibYAMLProblemAndMark() {
    assertProblems(
      "terms:\n  - a\n  b: c\n",
      ["t.yaml:3:3: error: could not parse YAML: did not find expected '-' indicator (while parsing a block collection that started at line 2, column 3)"],
      kind: .syntax)
    assertProblems(
      "a: b: c\n", ["t.yaml:1:5: error: could not parse YAML: mapping values are not allowed in this context"])
    assertProblems(
      "a: [1, 2\nb: 3\n",
      ["t.yaml:2:2: error: could not parse YAML: did not find expected ',' or ']' (while parsing a flow sequence that started at line 1, column 4)"])
    assertProblems(
      "a: \"open\n",
      ["t.yaml:2:1: error: could not parse YAML: found unexpected end of stream (while scanning a quoted scalar that started at line 1, column 4)"])
  }

  func testDirectiveWithoutDocumentStart() {
    assertProblems(
      "%YAML 1.1\na: 1\n", ["t.yaml:2:1: error: could not parse YAML: did not find expected <document start>"],
      kind: .syntax)
  }

  func testControlCharacterIsAReaderError() {
    assertProblems(
      "a: 1\nb: x\u{7}y\n", ["t.yaml:2:5: error: could not parse YAML: control characters are not allowed"],
      kind: .syntax)
  }

  func testProblemDescription() {
    let problem = YAMLProblem(file: "Taxonomy/2025.1/quantum.yaml", mark: mark(12, 7), message: "unknown key 'trems'")
    XCTAssertEqual(problem.description, "Taxonomy/2025.1/quantum.yaml:12:7: error: unknown key 'trems'")
    XCTAssertLessThan(mark(1, 9), mark(2, 1))
    XCTAssertLessThan(mark(2, 1), mark(2, 3))
  }
}
