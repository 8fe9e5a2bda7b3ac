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

  /// An area that no label names strongly (only weakly, by a field, or not at all) is one the
  /// input does not judge; a field's label judges its area; an identity map judges every area.
  func testAreasNoLabelNamesStronglyAreUnjudged() throws {
    let taxonomy = try ShippedTaxonomy.load().taxonomy
    let map = try load("""
      quant-ph: [quantum]
      cs.AR: [semiconductors.processors]
      nucl-ex: {weak: [energy]}
      """)
    let all = Set(taxonomy.areas.map(\.id))
    XCTAssertEqual(map.unjudgedAreas(in: taxonomy), all.subtracting(["quantum", "semiconductors"]))
    XCTAssertTrue(map.unjudgedAreas(in: taxonomy).contains("energy"))
    XCTAssertEqual(LabelMap.identity(taxonomy).unjudgedAreas(in: taxonomy), [])
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
