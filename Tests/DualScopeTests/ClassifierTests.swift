import Foundation
import DualScopeTestSupport
import XCTest

@testable import DualScope

/// Scoring rules on a small taxonomy whose arithmetic can be checked by hand.
final class ClassifierTests: XCTestCase {
  static let area = Fixtures.text("releases/classifier/quantum.yaml")

  static let ai = Fixtures.text("releases/classifier/ai.yaml")

  static func classifier(_ options: ClassifierOptions = ClassifierOptions()) throws -> Classifier {
    let loaded = try TaxonomyLoader.load(Fixtures.fileSet(Fixtures.release("classifier")))
    loaded.taxonomy._checkInvariants()
    return try Classifier(taxonomy: loaded.taxonomy, options: options)
  }

  func field(_ c: Classification, _ id: String) -> FieldScore? { c.fields.first { $0.id == id } }

  func testRepeatsSaturate() throws {
    let c = try Self.classifier().classify("A qubit, a second qubit and a third qubit.")
    XCTAssertEqual(field(c, "quantum.computing")?.score, 5.25)  // 3 × (1 + 0.5 + 0.25)
    XCTAssertEqual(c.areas.map(\.id), ["quantum"])
    XCTAssertEqual(c.status, .classified)
  }

  /// Each match says the part of the text it sits in, and the rules count every part alike.
  func testExplainNamesThePartOfTheTextOfEachMatch() throws {
    let c = try Self.classifier()
    let text = "Qubit arrays\nEurope depends on a qubit supply.In this project we develop a qubit processor.Results reach stakeholders in a qubit workshop. A qubit."
    let e = c.explain(text)
    let counted = e.hits.filter { $0.fate == .counted && $0.term.hasPrefix("qubit") }
    XCTAssertEqual(counted.map(\.part), ["title", "background", "aim", "impact", "body"])
    // The same five matches score alike wherever they sit.
    XCTAssertEqual(
      e.score(of: "quantum.computing")?.score,
      c.explain("Qubit arrays\nA qubit. A qubit. A qubit. A qubit.").score(of: "quantum.computing")?.score)
    let json = try XCTUnwrap(String(data: JSONEncoder().encode(counted[2]), encoding: .utf8))
    XCTAssertTrue(json.contains("\"part\":\"aim\""), json)
  }

  func testSharedTermWeighsLessInEachField() throws {
    let e = try Self.classifier().explain("cryogenic control")
    let share = 1.5 / 2.0.squareRoot()
    XCTAssertEqual(e.score(of: "quantum.computing")?.score ?? 0, share, accuracy: 0.0001)
    XCTAssertEqual(e.score(of: "quantum.sensing")?.score ?? 0, share, accuracy: 0.0001)
    XCTAssertEqual(e.score(of: "quantum")?.score ?? 0, 2 * share, accuracy: 0.0001)
  }

  func testLongerMatchSubsumesShorterOne() throws {
    let e = try Self.classifier().explain("We build a quantum computer.")
    XCTAssertEqual(e.hits.filter { $0.fate == .counted }.map(\.term), ["quantum computer"])
    XCTAssertEqual(e.hits.filter { $0.fate == .subsumed }.map(\.term), ["quantum"])
  }

  func testWeakTermNeedsSupportNearby() throws {
    let alone = try Self.classifier().explain("A quantum perspective on governance.")
    XCTAssertEqual(alone.hits.map(\.fate), [.unsupported])
    XCTAssertEqual(alone.classification.status, .belowThreshold)
    XCTAssertEqual(
      alone.score(of: "quantum.computing")?.reason, "only weak terms, with no stronger term of the field near them")
    let supported = try Self.classifier().explain("A quantum processor with one qubit.")
    XCTAssertEqual(supported.score(of: "quantum.computing")?.score, 3.5)
  }

  func testExclusionCancelsOverlappingTerm() throws {
    let e = try Self.classifier().explain("Quantum chemistry of a single qubit.")
    let excluded = e.hits.filter { $0.fate == .excluded }
    XCTAssertEqual(excluded.map(\.text), ["Quantum"])
    XCTAssertEqual(excluded.first?.excludedBy, "quantum chemistry")
    XCTAssertNil(excluded.first?.secondMeaning)
    XCTAssertEqual(e.score(of: "quantum.computing")?.score, 3)
  }

  func testFieldExclusionAndCaseSensitiveAcronym() throws {
    let law = try Self.classifier().explain("How the AI Act shapes procurement.")
    XCTAssertEqual(law.classification.status, .belowThreshold)
    XCTAssertTrue(law.score(of: "artificial-intelligence.ml")?.reason.hasPrefix("every match was excluded") ?? false)
    let name = try Self.classifier().classify("Ai Weiwei and machine learning.")
    XCTAssertNil(field(name, "artificial-intelligence.ml"))  // "Ai" is not "AI"; 2 < 3
    let yes = try Self.classifier().classify("AI and machine learning for AI-based triage.")
    // "AI" twice (the second in "AI-based"): 1.5 × 1.5 = 2.25 outweighs "machine learning" (2).
    XCTAssertEqual(field(yes, "artificial-intelligence.ml")?.evidence.map(\.term), ["AI", "machine learning"])
    XCTAssertEqual(field(yes, "artificial-intelligence.ml")?.evidence.first?.matches.count, 2)
  }

  /// A second meaning cancels its term wherever the term stands in the text, where an exclusion
  /// cancels it only where the two overlap.
  func testSecondMeaningCancelsTheTermAnywhereInTheText() throws {
    let text = "Artificial insemination (AI) in dairy herds: AI success falls in heat waves."
    let e = try Self.classifier().explain(text)
    let excluded = e.hits.filter { $0.fate == .excluded }
    XCTAssertEqual(excluded.map(\.text), ["AI", "AI"])
    XCTAssertEqual(excluded.map(\.excludedBy), ["artificial insemination", "artificial insemination"])
    XCTAssertEqual(excluded.map(\.secondMeaning), [true, true])
    let json = try XCTUnwrap(String(data: JSONEncoder().encode(excluded[1]), encoding: .utf8))
    XCTAssertTrue(json.contains("\"second_meaning\":true"), json)
    XCTAssertEqual(e.classification.status, .belowThreshold)
    XCTAssertEqual(e.score(of: "artificial-intelligence.ml")?.score ?? 0, 0)
    // Without the second meaning in the text, the same sentence counts AI twice.
    let ai = try Self.classifier().explain("AI in dairy herds: AI success falls in heat waves.")
    XCTAssertEqual(ai.hits.filter { $0.fate == .counted }.map(\.text), ["AI", "AI"])
    XCTAssertEqual(ai.score(of: "artificial-intelligence.ml")?.score, 2.25)
    // The second meaning cancels only its own term: machine learning still counts beside it.
    let both = try Self.classifier().explain("Artificial insemination (AI) records read by machine learning.")
    XCTAssertEqual(both.hits.filter { $0.fate == .counted }.map(\.term), ["machine learning"])
    XCTAssertEqual(both.hits.filter { $0.fate == .excluded }.map(\.text), ["AI"])
  }

  func testStatusSaysWhyNothingWasAssigned() throws {
    let classifier = try Self.classifier()
    XCTAssertEqual(classifier.classify("").status, .noText)
    XCTAssertEqual(classifier.classify("  \n ").status, .noText)
    XCTAssertEqual(classifier.classify("A study of Dutch poetry.").status, .noTerms)
    XCTAssertEqual(classifier.classify("a quantum computer").status, .belowThreshold)
    XCTAssertEqual(classifier.classify("a quantum computer").level, DocumentLevel.none)
  }

  func testLevelFollowsSensitivityAndStrength() throws {
    let classifier = try Self.classifier()
    XCTAssertEqual(classifier.classify("a qubit").level, .elevated)  // high field, strength 1
    XCTAssertEqual(classifier.classify("a qubit, a kwantumcomputer").level, .high)  // strength 2
    XCTAssertEqual(classifier.classify("an NV centre").level, .low)  // medium field, strength 1
  }

  func testClearEvidenceNeedsAnAbsoluteScoreAsWellAsTwiceTheThreshold() throws {
    var options = ClassifierOptions()
    options.fieldThreshold = 1
    options.areaThreshold = 1
    // qubit 3 ≥ 2 × 1: clear without an absolute bar, so a high field makes the level high.
    XCTAssertEqual(try Self.classifier(options).classify("a qubit").level, .high)
    // With clear evidence at 5, one qubit (3) is thin: elevated; qubit + kwantumcomputer (6) is clear.
    options.clearEvidence = 5
    let strict = try Self.classifier(options)
    XCTAssertEqual(strict.classify("a qubit").level, .elevated)
    XCTAssertEqual(strict.classify("a qubit, a kwantumcomputer").level, .high)
    // A medium field below the bar stays low.
    XCTAssertEqual(strict.classify("an NV centre").level, .low)
  }

  func testAnAreaBesidesTheBestNeedsSeveralDifferentTerms() throws {
    var options = ClassifierOptions()
    options.fieldThreshold = 1
    options.areaThreshold = 1
    let text = "A qubit and a kwantumcomputer, tuned with machine learning."
    // Without the rule: quantum (6) and AI (machine learning, 2).
    XCTAssertEqual(try Self.classifier(options).classify(text).areas.map(\.id), ["quantum", "artificial-intelligence"])
    options.secondaryMinMatches = 2
    let strict = try Self.classifier(options)
    XCTAssertEqual(strict.classify(text).areas.map(\.id), ["quantum"])
    XCTAssertFalse(strict.classify(text).fields.contains { $0.area == "artificial-intelligence" })
    // Two AI terms pass, and so does one AI term twice; the best area never needs more than
    // its threshold.
    XCTAssertEqual(
      strict.classify(text + " AI everywhere.").areas.map(\.id), ["quantum", "artificial-intelligence"])
    XCTAssertEqual(
      strict.classify(text + " More machine learning.").areas.map(\.id), ["quantum", "artificial-intelligence"])
    XCTAssertEqual(strict.classify("machine learning").areas.map(\.id), ["artificial-intelligence"])
    // explain says why the second area was left out.
    let why = strict.explain(text).score(of: "artificial-intelligence")?.reason ?? ""
    XCTAssertTrue(why.contains("has 1 match; another area needs 2"), why)
  }

  func testLongTextsAreNormalisedForLength() throws {
    let filler = Array(repeating: "word", count: 799).joined(separator: " ")
    let e = try Self.classifier().explain("qubit " + filler)
    XCTAssertEqual(e.lengthFactor, 2)
    XCTAssertEqual(e.score(of: "quantum.computing")?.score, 1.5)  // 3 ÷ √(800/200)
  }

  func testEvidenceSpansAreByteOffsetsIntoTheOriginal() throws {
    let text = "Één İstanbul-team bouwt een kwantumcomputer met qubits."
    let c = try Self.classifier().classify(text)
    let spans = field(c, "quantum.computing")?.evidence.flatMap(\.matches) ?? []
    XCTAssertEqual(spans.map(\.text).sorted(), ["kwantumcomputer", "qubits"])
    let bytes = Array(text.utf8)
    for s in spans {
      XCTAssertEqual(String(decoding: bytes[s.start..<s.end], as: UTF8.self), s.text)
    }
  }

  func testThresholdOverridesAndTopK() throws {
    var options = ClassifierOptions()
    options.thresholds["quantum"] = 10
    XCTAssertEqual(try Self.classifier(options).classify("a qubit").status, .belowThreshold)
    options = ClassifierOptions()
    options.topK = 1
    let c = try Self.classifier(options).classify("qubit qubit and machine learning with AI")
    XCTAssertEqual(c.areas.map(\.id), ["quantum"])
  }

  /// A score just under its threshold is written with the decimals that show it is under:
  /// rounded to two, "1.25 < 1.25" read as a contradiction.
  func testAScoreJustUnderItsThresholdIsWrittenAsUnderIt() throws {
    XCTAssertTrue(NumberText.short(1.2496, below: 1.25) == ("1.2496", "1.25"))
    XCTAssertTrue(NumberText.short(1, below: 1.0004) == ("1", "1.0004"))
    XCTAssertTrue(NumberText.short(1, below: 1.25) == ("1", "1.25"))
    XCTAssertTrue(NumberText.short(1.2, below: 1.25) == ("1.2", "1.25"))
    let score = try XCTUnwrap(try Self.classifier().classify("a qubit").areas.first { $0.id == "quantum" }?.score)
    var options = ClassifierOptions()
    options.thresholds["quantum"] = score + 0.0004
    let node = try XCTUnwrap(try Self.classifier(options).explain("a qubit").scores.first { $0.id == "quantum" })
    XCTAssertFalse(node.assigned)
    XCTAssertTrue(node.reason.hasPrefix("below threshold (score "), node.reason)
    let written = node.reason.dropFirst("below threshold (score ".count).split(separator: " ")
    XCTAssertLessThan(try XCTUnwrap(Double(written[0])), try XCTUnwrap(Double(written[2].dropLast())), node.reason)
  }

  func testSameInputSameBytes() throws {
    let classifier = try Self.classifier()
    let text = "Kwantumcomputer, qubit, AI and machine learning; cryogenic control of an NV centre."
    let a = try ResultJSON.encode(classifier.classify(text))
    var scratch = ClassifierScratch()
    _ = classifier.classify("something else entirely about qubits", scratch: &scratch)
    let b = try ResultJSON.encode(classifier.classify(text, scratch: &scratch))
    XCTAssertEqual(a, b)
  }
}
