import DualScopeTestSupport
import XCTest

@testable import DualScope

/// Floors on the project's own labelled corpora with the shipped taxonomy, so a change to the
/// terms or the scorer that costs quality fails here. The figures measured are in the README.
final class CorpusQualityTests: XCTestCase {
  func evaluate(_ name: String) throws -> EvaluationReport {
    let path = CommandRunner.packageRoot.appendingPathComponent("Corpora/\(name)").path
    let layout = RecordLayout(idColumn: "id", textColumns: ["title", "text"], labelsColumn: "labels")
    let classifier = try Classifier(taxonomy: ShippedTaxonomy.load().taxonomy)
    let run = try Evaluator(classifier: classifier, labelMap: .identity(classifier.taxonomy))
      .evaluate(PortfolioInput(inputs: [path], layout: layout, threads: 2))
    XCTAssertEqual(run.errors.count, 0)
    return run.report
  }

  func testEnglishCorpusFloors() throws {
    let r = try evaluate("labelled-en.jsonl")
    XCTAssertEqual(r.areas.count, 10)
    XCTAssertGreaterThanOrEqual(r.macro.f1, 0.77)
    XCTAssertGreaterThanOrEqual(r.macro.precision, 0.77)
    for (id, m) in r.areas { XCTAssertGreaterThanOrEqual(m.f1, 0.6, id) }
  }

  func testDutchCorpusFloors() throws {
    let r = try evaluate("labelled-nl.jsonl")
    XCTAssertEqual(r.areas.count, 10)
    // The floors for Dutch descriptions: macro F1 ≥ 0.75 with precision ≥ 0.80.
    XCTAssertGreaterThanOrEqual(r.macro.f1, 0.79)
    XCTAssertGreaterThanOrEqual(r.macro.precision, 0.80)
    for (id, m) in r.areas { XCTAssertGreaterThanOrEqual(m.f1, 0.6, id) }
  }
}
