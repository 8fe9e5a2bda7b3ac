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

  /// A `*` anywhere stands for any run, the empty one too; a later `*` retries where an earlier
  /// attempt failed.
  func testStarsInsideAValueMatchAnyRun() {
    let d3 = "HORIZON-CL5-*-D3-*"
    XCTAssertTrue(RecordContextRule.matches(d3, "HORIZON-CL5-2023-D3-01-13"))
    XCTAssertTrue(RecordContextRule.matches(d3, "horizon-cl5-2024-d3-01-10"))
    XCTAssertTrue(RecordContextRule.matches(d3, "HORIZON-CL5--D3-"))
    XCTAssertFalse(RecordContextRule.matches(d3, "HORIZON-CL5-2023-D2-01-02"))
    XCTAssertFalse(RecordContextRule.matches(d3, "HORIZON-CL4-2023-D3-01-13"))
    XCTAssertFalse(RecordContextRule.matches(d3, "HORIZON-CL5-2023-D3"))
    XCTAssertTrue(RecordContextRule.matches("a*bc", "abxbc"))
    XCTAssertTrue(RecordContextRule.matches("a*b*c", "aXbYbZc"))
    XCTAssertFalse(RecordContextRule.matches("a*b*c", "aXcYb"))
    XCTAssertTrue(RecordContextRule.matches("*", ""))
    XCTAssertFalse(RecordContextRule.matches("a", ""))
    let rule = RecordContextRule(column: "topics", values: [d3], areaScore: 0.5, supports: ["quantum"])
    XCTAssertEqual(rule.matchedValue(in: "HORIZON-CL6-2023-X; HORIZON-CL5-2023-D3-01-13"), "HORIZON-CL5-2023-D3-01-13")
  }

  static let energy = """
    area:
      id: energy
      name: {en: Energy, nl: Energie}
      sensitivity: medium
    fields:
      - id: energy.storage
        name: {en: Storage, nl: Opslag}
        sensitivity: medium
        terms:
          en:
            - {term: battery, weight: 1}
            - {term: solar cell, weight: 3}
    """

  static let supportRules = """
    defaults:
      secondary_min_matches: 2
    record_context:
      - column: fundingScheme
        values: [CSA]
        area_score: 8
      - column: topics
        values: ["HORIZON-CL5-*-D3-*"]
        supports: [energy]
        area_score: 0.5
      - column: topics
        values: ["*-QUANTUM-*"]
        supports: [quantum]
        area_score: 5
      - column: topics
        values: ["HORIZON-EUSPA-*"]
        areas: [energy]
        area_score: 8
    """

  /// The fixture release with an energy area and the rules above; area and field thresholds 2.
  func supportingClassifier() throws -> Classifier {
    let manifest = TaxonomyFixtures.manifest(adding: Self.supportRules)
      .replacingOccurrences(of: "  - quantum.yaml", with: "  - quantum.yaml\n  - energy.yaml")
    let loaded = try TaxonomyLoader.load(TaxonomyFixtures.files(["taxonomy.yaml": manifest, "energy.yaml": Self.energy]))
    loaded.taxonomy._checkInvariants()
    var options = ClassifierOptions()
    options.areaThreshold = 2
    options.fieldThreshold = 2
    return try Classifier(taxonomy: loaded.taxonomy, options: options)
  }

  func testASupportingRuleLowersItsAreasBarOnlyAndNeverWithoutEvidence() throws {
    let c = try supportingClassifier()
    XCTAssertEqual(c.taxonomy.manifest.recordContext.map(\.supports), [[], ["energy"], ["quantum"], []])
    XCTAssertEqual(c.taxonomy.manifest.recordContext.map(\.areas), [[], [], [], ["energy"]])
    var s = ClassifierScratch()
    let d3 = ("topics", "HORIZON-CL5-2024-D3-01-10")
    let battery = "We build a battery."
    // One battery (1) is under the threshold (2) by the text alone or in another call.
    XCTAssertEqual(c.classify(record(battery, []), scratch: &s).status, .belowThreshold)
    XCTAssertEqual(c.classify(record(battery, [("topics", "HORIZON-CL5-2024-D2-01-10")]), scratch: &s).status, .belowThreshold)
    XCTAssertEqual(c.classify(record(battery, [("fundingScheme", "HORIZON-CL5-2024-D3-01-10")]), scratch: &s).status, .belowThreshold)
    // In a call of the energy-supply destination it is enough.
    let supported = c.classify(record(battery, [d3]), scratch: &s)
    XCTAssertEqual(supported.areas.map(\.id), ["energy"])
    XCTAssertEqual(supported.areas.first?.score, 1)
    // Never without a term of the area in the text.
    XCTAssertEqual(c.classify(record("We build a qubit, a qubit.", [d3]), scratch: &s).areas.map(\.id), ["quantum"])
    XCTAssertEqual(c.classify(record("A study of energy markets.", [d3]), scratch: &s).status, .noTerms)
    // A stronger-evidence rule applies after the support: a coordination action needs 8 all the same.
    XCTAssertEqual(c.classify(record(battery, [d3, ("fundingScheme", "CSA")]), scratch: &s).status, .belowThreshold)
    // A support never raises a bar: a qubit (3) passes in a quantum call whose rule says 5.
    XCTAssertEqual(
      c.classify(record("We build a qubit.", [("topics", "HORIZON-CL4-2026-QUANTUM-01")]), scratch: &s).areas.map(\.id),
      ["quantum"])
  }

  /// A stronger-evidence rule with `areas` asks those areas alone for more.
  func testAStrongerEvidenceRuleCanAskSomeAreasAlone() throws {
    let c = try supportingClassifier()
    var s = ClassifierScratch()
    let euspa = [("topics", "HORIZON-EUSPA-2023-SPACE-01-46")]
    let text = "We build a qubit, a qubit and a qubit, and a solar cell and a solar cell."
    XCTAssertEqual(c.classify(record(text, []), scratch: &s).areas.map(\.id), ["quantum", "energy"])
    XCTAssertEqual(c.classify(record(text, euspa), scratch: &s).areas.map(\.id), ["quantum"])
    let why = c.explain(text, metadata: euspa).score(of: "energy")?.reason ?? ""
    XCTAssertTrue(why.contains("the record's topics is 'HORIZON-EUSPA-2023-SPACE-01-46', which asks for stronger evidence"), why)
    XCTAssertEqual(c.explain(text, metadata: euspa).score(of: "quantum")?.reason, "assigned")
  }

  func testASupportedAreaNeedsNoSecondMatchBesideABetterArea() throws {
    let c = try supportingClassifier()
    var s = ClassifierScratch()
    // Quantum is the best area; energy has one match, and a second area needs two
    // (secondary_min_matches). An area its call supports is no stray mention: one is enough.
    let text = "We build a qubit and a qubit, with a battery."
    XCTAssertEqual(c.classify(record(text, []), scratch: &s).areas.map(\.id), ["quantum"])
    let supported = c.classify(record(text, [("topics", "HORIZON-CL5-2024-D3-01-10")]), scratch: &s)
    XCTAssertEqual(supported.areas.map(\.id), ["quantum", "energy"])
    XCTAssertEqual(
      c.explain(text, metadata: [("topics", "HORIZON-CL5-2024-D3-01-10")]).score(of: "energy")?.reason.hasPrefix("assigned"),
      true)
    // A solar cell (3) passes energy's threshold by itself; beside quantum it is one match only.
    let cell = "We build a qubit, a qubit and a qubit, and a solar cell."
    XCTAssertEqual(c.classify(record(cell, []), scratch: &s).areas.map(\.id), ["quantum"])
    let d3 = [("topics", "HORIZON-CL5-2024-D3-01-10")]
    XCTAssertEqual(c.classify(record(cell, d3), scratch: &s).areas.map(\.id), ["quantum", "energy"])
    XCTAssertEqual(
      c.explain(cell, metadata: d3).score(of: "energy")?.reason,
      "assigned: the record's topics is 'HORIZON-CL5-2024-D3-01-10', which supports the area (record context), "
        + "so one match is enough beside a better area (another area needs 2)")
    XCTAssertEqual(c.explain(cell, metadata: d3).score(of: "quantum")?.reason, "assigned")
  }

  func testExplainSaysWhichRuleLoweredTheBar() throws {
    let c = try supportingClassifier()
    let d3 = [("topics", "HORIZON-CL5-2024-D3-01-10")]
    let why = c.explain("We build a battery.", metadata: d3).score(of: "energy")?.reason ?? ""
    XCTAssertEqual(
      why,
      "assigned: the record's topics is 'HORIZON-CL5-2024-D3-01-10', which supports the area (record context), "
        + "so it needs 0.5 instead of 2, score 1")
    // Above the text's own bar, the support made no difference and is not mentioned.
    XCTAssertEqual(c.explain("We build a solar cell.", metadata: d3).score(of: "energy")?.reason, "assigned")
    // Under the lowered bar: the bar it was measured against is the rule's.
    let long = "We build a battery. " + String(repeating: "Words of the text that say nothing more. ", count: 400)
    let under = c.explain(long, metadata: d3)
    let reason = under.score(of: "energy")?.reason ?? ""
    XCTAssertTrue(reason.hasPrefix("below threshold (score 0."), reason)
    XCTAssertTrue(reason.hasSuffix("< 0.5, the bar the record's topics 'HORIZON-CL5-2024-D3-01-10' sets for the area (record context))"), reason)
    XCTAssertTrue(
      (under.score(of: "energy.storage")?.reason ?? "").hasPrefix("below threshold"), under.score(of: "energy.storage")?.reason ?? "")
  }

  func testSupportsMustNameAreasOfTheRelease() {
    let badLists = TaxonomyFixtures.failure([
      "taxonomy.yaml": TaxonomyFixtures.manifest(
        adding: """
          record_context:
            - column: topics
              values: [X]
              supports: [quantum, quantum]
              area_score: 1
            - column: topics
              values: [Y]
              supports: []
              area_score: 1
            - column: topics
              values: [W]
              supports: [quantum]
              areas: [quantum]
              area_score: 8
          """)
    ])
    for message in [
      "T/taxonomy.yaml:10:25: error: area 'quantum' listed twice", "T/taxonomy.yaml:14:15: error: 'supports' must list at least one area",
      "'supports' or 'areas', not both",
    ] {
      XCTAssertTrue(badLists.contains(message), "'\(message)' not in: \(badLists)")
    }
    let unknown = TaxonomyFixtures.failure([
      "taxonomy.yaml": TaxonomyFixtures.manifest(
        adding: """
          record_context:
            - column: topics
              values: [X]
              supports: [quantum.computing, quantun]
              area_score: 1
            - column: topics
              values: [Z]
              areas: [energy]
              area_score: 8
          """)
    ])
    for message in [
      "T/taxonomy.yaml:10:16: error: record-context rule names 'quantum.computing', which is no area of the release",
      "T/taxonomy.yaml:10:35: error: record-context rule names 'quantun', which is no area of the release (did you mean 'quantum'?)",
      "T/taxonomy.yaml:14:13: error: record-context rule names 'energy', which is no area of the release",
    ] {
      XCTAssertTrue(unknown.contains(message), "'\(message)' not in: \(unknown)")
    }
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
            values: [CSA, CSA, "*", "**", "*x*", "a*b"]
            area_score: 8
            weight: 2
          - values: [CSA]
        """)
    ])
    let expected = [
      "'column' must name a column", "'values' must list at least one value", "'area_score' must be greater than 0",
      "value 'CSA' listed twice", "a value must hold text besides '*', found '*'", "found '**'",
      "unknown key 'weight'", "missing", "T/taxonomy.yaml:",
    ]
    for message in expected { XCTAssertTrue(text.contains(message), "'\(message)' not in: \(text)") }
    // A '*' inside a value is a pattern like any other.
    XCTAssertFalse(text.contains("'*x*'") || text.contains("'a*b'"), text)
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
    // An area that passes the raised bar says which bar it passed.
    XCTAssertEqual(
      c.explain(deep, metadata: [("fundingScheme", "CSA")]).score(of: "quantum")?.reason,
      "assigned: score 9.75 passes the bar of 8 that the record's fundingScheme 'CSA' sets (record context)")
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
    let supporting = Self.rules + """

          - column: topics
            values: ["HORIZON-CL5-*-D3-*"]
            supports: [quantum]
            area_score: 0.5
        """
    let withSupport = try TaxonomyLoader.load(TaxonomyFixtures.files(["taxonomy.yaml": manifest(supporting)])).taxonomy
    XCTAssertEqual(
      TaxonomyDiff(from: old, to: withSupport).manifest.recordContext?.summary,
      ["record-context rule added: topics in [HORIZON-CL5-*-D3-*]: supports quantum, which then needs 0.5"])
    let asking = supporting.replacingOccurrences(of: "supports: [quantum]", with: "areas: [quantum]")
    let withAsking = try TaxonomyLoader.load(TaxonomyFixtures.files(["taxonomy.yaml": manifest(asking)])).taxonomy
    XCTAssertEqual(
      TaxonomyDiff(from: old, to: withAsking).manifest.recordContext?.summary,
      ["record-context rule added: topics in [HORIZON-CL5-*-D3-*]: quantum needs 0.5"])
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
