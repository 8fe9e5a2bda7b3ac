import XCTest
@testable import TaxonomyYAML

final class LimitTests: XCTestCase {
  func testTenThousandNestedFlowSequencesAreRefused() {
    let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    let start = ContinuousClock.now
    assertProblems(text, ["t.yaml:1:65: error: nesting deeper than 64 levels"], kind: .tooDeep)
    XCTAssertLessThan(ContinuousClock.now - start, .seconds(1))
  }

  func testAMillionUnclosedBracketsAreRefusedQuickly() {
    let text = String(repeating: "[", count: 1_000_000)
    let start = ContinuousClock.now
    assertProblems(text, ["t.yaml:1:65: error: nesting deeper than 64 levels"])
    XCTAssertLessThan(ContinuousClock.now - start, .seconds(1))
  }

  func testDeepBlockMappingsAreRefused() {
    let text = (0..<100).map { String(repeating: "  ", count: $0) + "a:" }.joined(separator: "\n") + " leaf\n"
    assertProblems(text, ["t.yaml:65:129: error: nesting deeper than 64 levels"])
  }

  func testNestingAtTheLimitIsAccepted() throws {
    let text = String(repeating: "[", count: 64) + "x" + String(repeating: "]", count: 64)
    var node = try XCTUnwrap(parse(text))
    for _ in 0..<64 { node = try XCTUnwrap(node.sequence?.first) }
    XCTAssertEqual(node.scalar, "x")
    XCTAssertEqual(node.mark, mark(1, 65))
  }

  func testCustomDepthLimit() {
    var limits = YAMLLimits()
    limits.maxDepth = 2
    assertProblems("a:\n  b:\n    c: 1\n", ["t.yaml:3:5: error: nesting deeper than 2 levels"], limits: limits)
  }

  func testNodeLimit() throws {
    var limits = YAMLLimits()
    limits.maxNodes = 6
    XCTAssertNotNil(try parse("[1,2,3,4,5]", limits: limits))
    assertProblems("[1,2,3,4,5,6]", ["t.yaml:1:12: error: document has more than 6 nodes"], kind: .tooManyNodes, limits: limits)
  }

  func testDefaultLimits() {
    let limits = YAMLLimits()
    XCTAssertEqual(limits.maxDepth, 64)
    XCTAssertEqual(limits.maxBytes, 8_388_608)
    XCTAssertEqual(limits.maxNodes, 1_000_000)
    XCTAssertEqual(limits.maxAliasExpansion, 10_000)
  }
}
