import Foundation
import DualScopeTestSupport
import XCTest

@testable import DualScope

/// `evaluate --errors-output`: every document with a false positive or negative, with the
/// evidence behind a false positive and the score a false negative reached.
final class WrongDocumentTests: XCTestCase {
  func testEveryWrongDocumentIsListedWithItsEvidence() throws {
    let folder = try TemporaryFolder("ds-wrong")
    defer { folder.remove() }
    let jsonl = """
      {"id": "right", "title": "Qubits", "text": "We build superconducting qubits and quantum error correction.", "labels": ["quantum"]}
      {"id": "fp", "title": "Satellite children", "text": "Satellite children grow up between two countries; we interview their parents.", "labels": []}
      {"id": "fn", "title": "Anodes", "text": "A study of lithium-ion battery anodes.", "labels": ["energy", "robotics-autonomy"]}
      {"id": "weak", "title": "Weak", "text": "We build superconducting qubits.", "labels": ["quantum", "energy"]}

      """
    let path = try folder.write("set.jsonl", jsonl)
    let classifier = try Classifier(taxonomy: ShippedTaxonomy.load().taxonomy)
    let map = try LabelMap.load(Array("energy: {weak: [energy]}\nquantum: [quantum]\nrobotics-autonomy: [robotics-autonomy]\n".utf8), file: "map.yaml")
    let run = try Evaluator(classifier: classifier, labelMap: map).evaluate(
      PortfolioInput(inputs: [path], layout: RecordLayout(idColumn: "id", textColumns: ["title", "text"], labelsColumn: "labels")))
    let counts = run.report.micro.falsePositives + run.report.micro.falseNegatives
    XCTAssertGreaterThan(counts, 0)
    // Exactly the documents with a false positive or negative, in input order.
    XCTAssertEqual(run.wrong.map(\.id), run.predictions.filter { Set($0.predicted) != Set($0.gold) }.map(\.id))
    XCTAssertEqual(run.wrong.reduce(0) { $0 + $1.falsePositives.count + $1.falseNegatives.count }, counts)
    XCTAssertFalse(run.wrong.contains { $0.id == "right" })
    XCTAssertFalse(run.wrong.contains { $0.id == "weak" }, "a weak label is neither right nor wrong")
    for doc in run.wrong {
      for fp in doc.falsePositives {
        XCTAssertFalse(fp.evidence.isEmpty, "\(doc.id) \(fp.id)")
        XCTAssertGreaterThanOrEqual(fp.score, fp.threshold)
        for item in fp.evidence { XCTAssertFalse(item.matches.isEmpty) }
      }
      for fn in doc.falseNegatives { XCTAssertGreaterThan(fn.threshold, 0) }
    }
    let fn = try XCTUnwrap(run.wrong.first { $0.id == "fn" })
    XCTAssertTrue(fn.falseNegatives.map(\.id).contains("robotics-autonomy"))
    XCTAssertEqual(fn.falseNegatives.first { $0.id == "robotics-autonomy" }?.score, 0)
  }

  /// The missed gold areas in two kinds: no counted term of the area in the text, or evidence
  /// below the area's bar.
  func testMissedAreasAreCountedByWhyTheyWereMissed() throws {
    let folder = try TemporaryFolder("ds-missed")
    defer { folder.remove() }
    let jsonl = """
      {"id": "none", "title": "Harbours", "text": "A history of the harbour and its cranes.", "labels": ["robotics-autonomy"]}
      {"id": "below", "title": "Lone", "text": "A note on entanglement.", "labels": ["quantum"]}
      {"id": "right", "title": "Qubits", "text": "We build superconducting qubits and quantum error correction.", "labels": ["quantum"]}

      """
    let path = try folder.write("set.jsonl", jsonl)
    // The rules alone: the shipped learned scoring adds quantum to the lone term (its add_cut).
    var rulesAlone = ClassifierOptions()
    rulesAlone.uncalibrated = true
    let classifier = try Classifier(taxonomy: ShippedTaxonomy.load().taxonomy, options: rulesAlone)
    let map = try LabelMap.load(Array("quantum: [quantum]\nrobotics-autonomy: [robotics-autonomy]\n".utf8), file: "map.yaml")
    let run = try Evaluator(classifier: classifier, labelMap: map).evaluate(
      PortfolioInput(inputs: [path], layout: RecordLayout(idColumn: "id", textColumns: ["title", "text"], labelsColumn: "labels")))
    XCTAssertEqual(run.report.micro.falseNegatives, 2)
    XCTAssertEqual(
      run.report.missed,
      EvaluationReport.Missed(
        noTerm: 1, belowBar: 1, areas: ["robotics-autonomy": .init(noTerm: 1), "quantum": .init(belowBar: 1)]))
    // What the terms reach: the lone entanglement counted as found; nothing can find the harbour.
    let reach = try XCTUnwrap(run.report.termReach)
    XCTAssertEqual(reach.areas["quantum"]?.recall, 1)
    XCTAssertEqual(run.report.areas["quantum"]?.recall, 0.5)
    XCTAssertEqual(reach.areas["robotics-autonomy"]?.recall, 0)
    XCTAssertEqual(reach.micro.truePositives, 2)
    XCTAssertEqual(reach.micro.falseNegatives, 1)
    XCTAssertEqual(reach.macro.recall, 0.5)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = try XCTUnwrap(String(data: encoder.encode(run.report), encoding: .utf8))
    XCTAssertTrue(
      json.contains(
        #""missed":{"areas":{"quantum":{"below_bar":1,"no_term":0},"robotics-autonomy":{"below_bar":0,"no_term":1}},"below_bar":1,"no_term":1}"#),
      json)
    XCTAssertTrue(json.contains(#""term_reach":{"areas":{"#), json)
  }
}
