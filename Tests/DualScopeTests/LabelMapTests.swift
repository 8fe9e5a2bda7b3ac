import XCTest

@testable import DualScope

/// Label maps: exact labels, strong and weak rows, and `*` patterns for hierarchical labels.
final class LabelMapTests: XCTestCase {
  func load(_ text: String) throws -> LabelMap {
    try LabelMap.load(Array(text.utf8), file: "map.yaml")
  }

  func testExactStrongAndWeakLabels() throws {
    let map = try load("""
      quant-ph: [quantum]
      cs.ET: {weak: [quantum, semiconductors]}
      """)
    let g = map.gold(["quant-ph", "cs.ET", "math.CO"])
    XCTAssertEqual(g.strong, ["quantum"])
    XCTAssertEqual(g.weak, ["semiconductors"])  // weak only where no strong label says the same
    XCTAssertEqual(map.scoredIDs, ["quantum"])
  }

  func testPatternsMatchPrefixSuffixAndContainedText() throws {
    let map = try load("""
      "cs.*": {weak: [artificial-intelligence]}
      "*/optics": [semiconductors]
      "*quantum*": [quantum]
      """)
    XCTAssertEqual(map.gold(["cs.CR"]).weak, ["artificial-intelligence"])
    XCTAssertEqual(map.gold(["/natural sciences/physical sciences/optics"]).strong, ["semiconductors"])
    XCTAssertEqual(map.gold(["/natural sciences/physical sciences/optics/laser physics"]).strong, [])
    XCTAssertEqual(map.gold(["/natural sciences/physical sciences/quantum physics"]).strong, ["quantum"])
    XCTAssertEqual(map.gold(["math.CO", "/engineering"]).strong, [])
    XCTAssertEqual(map.scoredIDs, ["semiconductors", "quantum"])
  }

  func testAStarInsideALabelIsAnErrorWithItsPosition() {
    XCTAssertThrowsError(try load("quant-ph: [quantum]\n\"a*b\": [quantum]\n")) { error in
      let text = (error as? TaxonomyLoadError).map { DiagnosticRenderer().render($0.diagnostics) } ?? "\(error)"
      XCTAssertTrue(text.contains("map.yaml:2:1"), text)
      XCTAssertTrue(text.contains("'*' may only start or end a label pattern: 'a*b'"), text)
    }
  }
}
