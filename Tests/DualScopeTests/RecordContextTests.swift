import DualScopeTestSupport
import XCTest

@testable import DualScope

/// Record-context rules: decoding and its errors, the raised area bar for a record whose column
/// matches, `explain`, `diff`, and a portfolio run that carries the column.
final class RecordContextTests: XCTestCase {
  static let rules = """
    record_context:
      - column: fundingScheme
        values: [CSA, "*-CSA", "CSA-*"]
        area_score: 8
    """

  func manifest(_ rules: String = RecordContextTests.rules) -> String { TaxonomyFixtures.manifest(adding: rules) }

  func classifier(_ rules: String = RecordContextTests.rules) throws -> Classifier {
    try TaxonomyFixtures.classifier(manifestAdding: rules)
  }

  func record(_ text: String, _ carried: [(String, String)]) -> PortfolioRecord {
    PortfolioRecord(line: 2, source: "t", id: "r", text: text, labels: [], carried: carried, hadInvalidUTF8: false)
  }

  func testRulesAreDecoded() throws {
    let rules = try classifier().taxonomy.manifest.recordContext
    XCTAssertEqual(rules, [RecordContextRule(column: "fundingScheme", values: ["CSA", "*-CSA", "CSA-*"], areaScore: 8)])
  }

  func testValuesMatchWithoutCaseByTheirEndsAndInLists() {
    let rule = RecordContextRule(column: "c", values: ["CSA", "*-CSA", "CSA-*"], areaScore: 8)
    XCTAssertEqual(rule.matchedValue(in: "HORIZON-CSA"), "HORIZON-CSA")
    XCTAssertEqual(rule.matchedValue(in: "horizon-csa"), "horizon-csa")
    XCTAssertEqual(rule.matchedValue(in: " csa "), "csa")
    XCTAssertEqual(rule.matchedValue(in: "CSA-LSP"), "CSA-LSP")
    XCTAssertEqual(rule.matchedValue(in: "HORIZON-RIA; HORIZON-CSA"), "HORIZON-CSA")
    XCTAssertNil(rule.matchedValue(in: "HORIZON-RIA"))
    XCTAssertNil(rule.matchedValue(in: "CSAX"))
    XCTAssertNil(rule.matchedValue(in: "HORIZON-CSAB"))
    XCTAssertNil(rule.matchedValue(in: ""))
    // The fold is ASCII only: other bytes compare as they are.
    XCTAssertTrue(RecordContextRule.matches("É-call", "É-CALL"))
    XCTAssertFalse(RecordContextRule.matches("é-call", "É-CALL"))
  }

  func testBadRulesAreReportedWithTheirPlace() {
    let text = TaxonomyFixtures.failure([
      "taxonomy.yaml": manifest(
        """
        record_context:
          - column: ""
            values: []
            area_score: 0
          - column: fundingScheme
            values: [CSA, CSA, "*", "*x*", "a*b"]
            area_score: 8
            weight: 2
          - values: [CSA]
        """)
    ])
    let expected = [
      "'column' must name a column", "'values' must list at least one value", "'area_score' must be greater than 0",
      "value 'CSA' listed twice", "with '*' only at its start or its end, found '*'", "found '*x*'", "found 'a*b'",
      "unknown key 'weight'", "missing", "T/taxonomy.yaml:",
    ]
    for message in expected { XCTAssertTrue(text.contains(message), "'\(message)' not in: \(text)") }
    let notAList = TaxonomyFixtures.failure(["taxonomy.yaml": manifest("record_context: {column: x}")])
    XCTAssertTrue(notAList.contains("'record_context' must be a list of rules"), notAList)
  }

  func testAMatchingRecordNeedsTheRulesScore() throws {
    let c = try classifier()
    let text = "We build a qubit."
    var s = ClassifierScratch()
    // Without the column, or with another scheme, a qubit (3) is assigned.
    XCTAssertEqual(c.classify(record(text, []), scratch: &s).areas.map(\.id), ["quantum"])
    XCTAssertEqual(c.classify(record(text, [("fundingScheme", "HORIZON-RIA")]), scratch: &s).areas.map(\.id), ["quantum"])
    XCTAssertEqual(c.classify(record(text, [("scheme", "HORIZON-CSA")]), scratch: &s).areas.map(\.id), ["quantum"])
    // A coordination and support action needs 8.
    let csa = c.classify(record(text, [("fundingScheme", "HORIZON-CSA")]), scratch: &s)
    XCTAssertEqual(csa.status, .belowThreshold)
    // A text alone after it: the scratch's metadata does not carry over.
    XCTAssertEqual(c.classify(text, scratch: &s).areas.map(\.id), ["quantum"])
    // Strong evidence passes: qubit ×3 (5.25) + quantum computer ×2 (1.5) + kwantumcomputer (3).
    let deep = "A qubit, a qubit, a qubit, a quantum computer, a quantum computer, a kwantumcomputer."
    XCTAssertEqual(c.classify(record(deep, [("fundingScheme", "CSA")]), scratch: &s).areas.map(\.id), ["quantum"])
    // explain names the column, its value and the bar.
    let why = c.explain(text, metadata: [("fundingScheme", "HORIZON-CSA")]).score(of: "quantum")?.reason ?? ""
    XCTAssertTrue(
      why.contains("the record's fundingScheme is 'HORIZON-CSA', which asks for stronger evidence (record context), so an area needs 8"),
      why)
    XCTAssertEqual(c.explain(text).score(of: "quantum")?.reason, "assigned")
  }

  /// The rows `calibrate` holds out are measured with the metadata they carry, as `evaluate`
  /// measures them.
  func testHeldOutRowsAreMeasuredWithTheirMetadata() throws {
    let c = try classifier()
    let item = { (scheme: String) in
      CalibrationReport.Item(text: "We build a qubit.", metadata: [("fundingScheme", scheme)], gold: ["quantum"])
    }
    XCTAssertEqual(CalibrationReport.run(c, [item("HORIZON-RIA")]).decisions.micro.recall, 1)
    XCTAssertEqual(CalibrationReport.run(c, [item("HORIZON-CSA")]).decisions.micro.recall, 0)
  }

  func testAReleaseWithoutRulesIgnoresTheColumn() throws {
    let loaded = try TaxonomyLoader.load(TaxonomyFixtures.files())
    XCTAssertEqual(loaded.taxonomy.manifest.recordContext, [])
    var options = ClassifierOptions()
    options.areaThreshold = 1
    let c = try Classifier(taxonomy: loaded.taxonomy, options: options)
    var s = ClassifierScratch()
    XCTAssertEqual(c.classify(record("We build a qubit.", [("fundingScheme", "CSA")]), scratch: &s).areas.map(\.id), ["quantum"])
  }

  func testDiffListsRulesAddedAndRemovedBothWays() throws {
    let old = try TaxonomyLoader.load(TaxonomyFixtures.files(["taxonomy.yaml": manifest()])).taxonomy
    let changed = Self.rules.replacingOccurrences(of: "area_score: 8", with: "area_score: 6")
    let new = try TaxonomyLoader.load(TaxonomyFixtures.files(["taxonomy.yaml": manifest(changed)])).taxonomy
    let d = TaxonomyDiff(from: old, to: new)
    let c = try XCTUnwrap(d.manifest.recordContext)
    XCTAssertEqual(
      c.summary,
      [
        "record-context rule added: fundingScheme in [CSA, *-CSA, CSA-*]: an area needs 6",
        "record-context rule removed: fundingScheme in [CSA, *-CSA, CSA-*]: an area needs 8",
      ])
    XCTAssertEqual(TaxonomyDiff(from: new, to: old), d.reversed)
    let plain = try TaxonomyLoader.load(TaxonomyFixtures.files()).taxonomy
    XCTAssertEqual(TaxonomyDiff(from: plain, to: old).manifest.recordContext?.added.count, 1)
    XCTAssertNil(TaxonomyDiff(from: old, to: old).manifest.recordContext)
  }

  /// A portfolio run (here `evaluate`'s) with the column carried applies the rule to the records that match, and only to them.
  func testAPortfolioRunThatCarriesTheColumnAppliesTheRule() throws {
    let folder = try TemporaryFolder("ds-record-context")
    defer { folder.remove() }
    let path = try folder.write(
      "p.csv", "id,abstract,fundingScheme,labels\na,We build a qubit.,HORIZON-RIA,quantum\nb,We build a qubit.,HORIZON-CSA,quantum\n"
        + "c,We build a qubit.,,quantum\n")
    var layout = RecordLayout(idColumn: "id", textColumns: ["abstract"], labelsColumn: "labels")
    layout.carryColumns = ["fundingScheme"]
    let c = try classifier()
    let run = try Evaluator(classifier: c, labelMap: LabelMap.identity(c.taxonomy)).evaluate(
      PortfolioInput(inputs: [path], layout: layout))
    XCTAssertEqual(run.predictions.map(\.id), ["a", "b", "c"])
    XCTAssertEqual(run.predictions.map { $0.scores["quantum"] ?? 0 }, [3, 3, 3])
    XCTAssertEqual(run.predictions.map { $0.predicted.contains("quantum") }, [true, false, true])
  }
}
