import XCTest
@testable import TaxonomyYAML

final class DuplicateKeyTests: XCTestCase {
  func testAllDuplicateKeysAreReported() {
    let text = """
      id: quantum
      terms: [a]
      areas:
        - name: sensing
          name: computing
        - name: other
      terms: [b]
      "id": again
      """
    assertProblems(
      text,
      [
        "t.yaml:5:5: error: duplicate key 'name' (first at line 4, column 5)",
        "t.yaml:7:1: error: duplicate key 'terms' (first at line 2, column 1)",
        "t.yaml:8:1: error: duplicate key 'id' (first at line 1, column 1)",
      ],
      kind: .duplicateKey)
  }

  func testThirdOccurrencePointsAtTheFirst() {
    assertProblems(
      "{a: 1, a: 2, a: 3}",
      [
        "t.yaml:1:8: error: duplicate key 'a' (first at line 1, column 2)",
        "t.yaml:1:14: error: duplicate key 'a' (first at line 1, column 2)",
      ])
  }

  func testSameKeyInDifferentMappingsIsFine() throws {
    let root = try XCTUnwrap(parse("a: {x: 1}\nb: {x: 2}\nc: [{x: 3}, {x: 4}]\n"))
    XCTAssertEqual(shape(root), "{a: {x: 1}, b: {x: 2}, c: [{x: 3}, {x: 4}]}")
  }

  func testDuplicateKeyWithNonASCIIAndLongText() {
    assertProblems(
      "über: 1\nnaïve: x\nüber: 2\n", ["t.yaml:3:1: error: duplicate key 'über' (first at line 1, column 1)"])
    let long = String(repeating: "k", count: 70)
    assertProblems(
      "\(long): 1\n\(long): 2\n",
      ["t.yaml:2:1: error: duplicate key '\(String(repeating: "k", count: 60))...' (first at line 1, column 1)"])
    assertProblems(
      "\"a\\nb\": 1\n\"a\\nb\": 2\n", ["t.yaml:2:1: error: duplicate key 'a\\nb' (first at line 1, column 1)"])
  }

  func testDuplicateThroughAnAliasIsReportedAtTheAlias() {
    assertProblems("k: &k name\nm:\n  name: 1\n  *k : 2\n", ["t.yaml:4:3: error: duplicate key 'name' (first at line 3, column 3)"])
    assertProblems("k: &k name\nm:\n  *k : 1\n  name: 2\n", ["t.yaml:4:3: error: duplicate key 'name' (first at line 3, column 3)"])
  }

  func testDuplicateCollectionKeys() {
    assertProblems(
      "? [a, b]\n: 1\n? [a, b]\n: 2\n? {c: d}\n: 3\n? {c: d}\n: 4\n? [a, c]\n: 5\n",
      [
        "t.yaml:3:3: error: duplicate sequence key (first at line 1, column 3)",
        "t.yaml:7:3: error: duplicate mapping key (first at line 5, column 3)",
      ])
  }

  func testDuplicatesThenAStoppingError() {
    assertProblems(
      "a: 1\na: 2\nb: [\n",
      [
        "t.yaml:2:1: error: duplicate key 'a' (first at line 1, column 1)",
        "t.yaml:4:1: error: could not parse YAML: did not find expected node content (while parsing a flow node)",
      ],
      kind: .syntax)
  }
}
