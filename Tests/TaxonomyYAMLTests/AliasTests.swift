import XCTest
@testable import TaxonomyYAML

final class AliasTests: XCTestCase {
  func testAliasesBecomeCopiesOfTheAnchoredNode() throws {
    let text = """
      defaults: &d
        lang: en
        weight: 2
      items:
        - *d
        - &s "shared"
        - *s
      again: *d
      """
    let root = try XCTUnwrap(parse(text))
    let defaults = try XCTUnwrap(root.value(forKey: "defaults"))
    // A node's mark is where its anchor (or tag) starts, and copies keep it.
    XCTAssertEqual(defaults.mark, mark(1, 11))
    let items = try XCTUnwrap(root.value(forKey: "items")?.sequence)
    XCTAssertEqual(items[0], defaults)
    XCTAssertEqual(root.value(forKey: "again"), defaults)
    XCTAssertEqual(items[1].content, .scalar("shared", .doubleQuoted))
    XCTAssertEqual(items[1].mark, mark(6, 5))
    XCTAssertEqual(items[2], items[1])
    XCTAssertEqual(shape(root), "{defaults: {lang: en, weight: 2}, items: [{lang: en, weight: 2}, shared, shared], again: {lang: en, weight: 2}}")
  }

  func testAliasAsKey() throws {
    let root = try XCTUnwrap(parse("k: &k name\n*k : value\n"))
    XCTAssertEqual(root.value(forKey: "name")?.scalar, "value")
  }

  func testRedefinedAnchorRefersToTheLatest() throws {
    let root = try XCTUnwrap(parse("a: &x 1\nb: &x 2\nc: *x\n"))
    XCTAssertEqual(root.value(forKey: "c")?.scalar, "2")
  }

  func testUnknownAlias() {
    assertProblems("a: 1\nb: *missing\n", ["t.yaml:2:4: error: unknown alias 'missing'"], kind: .unknownAlias)
    // An anchor defined later does not count.
    assertProblems("a: *x\nb: &x 1\n", ["t.yaml:1:4: error: unknown alias 'x'"])
  }

  func testRecursiveAlias() {
    assertProblems(
      "a: &r [1, *r]\n", ["t.yaml:1:11: error: alias 'r' refers to a node that contains it"], kind: .recursiveAlias)
    assertProblems("a: &x 1\nb: &x {c: *x}\n", ["t.yaml:2:11: error: alias 'x' refers to a node that contains it"])
  }

  /// The classic "billion laughs": nine levels, each nine aliases of the one before.
  func testBillionLaughsIsRefusedQuickly() {
    var lines = ["lol1: &lol1 [" + Array(repeating: "\"lol\"", count: 9).joined(separator: ",") + "]"]
    for level in 2...9 {
      lines.append("lol\(level): &lol\(level) [" + Array(repeating: "*lol\(level - 1)", count: 9).joined(separator: ",") + "]")
    }
    let start = ContinuousClock.now
    // lol1 copies cost 10 nodes, lol2 91, lol3 820, lol4 7381: the first *lol4 passes 10,000.
    assertProblems(
      lines.joined(separator: "\n") + "\n",
      ["t.yaml:5:14: error: alias expansion exceeds 10000 nodes (possible 'billion laughs' document)"],
      kind: .aliasExpansion)
    XCTAssertLessThan(ContinuousClock.now - start, .seconds(1))
  }

  /// A large anchored mapping referenced many times ("quadratic blowup").
  func testQuadraticBlowupIsRefused() {
    let big = "{" + (0..<1000).map { "k\($0): v" }.joined(separator: ", ") + "}"
    let refs = "[" + Array(repeating: "*big", count: 1000).joined(separator: ", ") + "]"
    let start = ContinuousClock.now
    // Each copy costs 2001 nodes; the fifth one passes 10,000.
    assertProblems(
      "big: &big \(big)\nrefs: \(refs)\n",
      ["t.yaml:2:32: error: alias expansion exceeds 10000 nodes (possible 'billion laughs' document)"],
      kind: .aliasExpansion)
    XCTAssertLessThan(ContinuousClock.now - start, .seconds(1))
  }

  func testExpansionUpToTheLimitIsAccepted() throws {
    var limits = YAMLLimits()
    limits.maxAliasExpansion = 9
    // Each copy of [a, b] is 3 nodes: three copies are exactly 9.
    let root = try XCTUnwrap(parse("x: &x [a, b]\ny: [*x, *x, *x]\n", limits: limits))
    XCTAssertEqual(shape(root.value(forKey: "y")), "[[a, b], [a, b], [a, b]]")
    assertProblems(
      "x: &x [a, b]\ny: [*x, *x, *x, *x]\n",
      ["t.yaml:2:17: error: alias expansion exceeds 9 nodes (possible 'billion laughs' document)"], limits: limits)
  }

  func testAliasCopiesCountTowardsDepth() throws {
    var limits = YAMLLimits()
    limits.maxDepth = 3
    XCTAssertNotNil(try parse("a: &d [[x]]\n", limits: limits))
    assertProblems("a: &d [[x]]\nb: [*d]\n", ["t.yaml:2:5: error: nesting deeper than 3 levels"], kind: .tooDeep, limits: limits)
  }
}
