import XCTest

@testable import DualScope

/// Roll-up into areas whatever order the fields are listed in, and the lone-term factor.
final class ClassifierRollUpTests: XCTestCase {
  /// `quantum.hardware.ions` is listed before its parent `quantum.hardware` (explicit `parent:`).
  static let area = """
    area:
      id: quantum
      name: {en: Quantum, nl: Kwantum}
      sensitivity: high
    fields:
      - id: quantum.hardware.ions
        name: {en: Trapped ions, nl: Ionenvallen}
        parent: quantum.hardware
        terms:
          en: [{term: ion trap, weight: 2}]
          nl: [{term: ionenval, weight: 2}]
      - id: quantum.hardware
        name: {en: Quantum hardware, nl: Kwantumhardware}
        terms:
          en: [{term: qubit, weight: 1}, {term: transmon, weight: 1}, {term: transmons, weight: 1, inflect: false}]
          nl: [{term: kwantumbit, weight: 1}]
    """

  func classifier(_ options: ClassifierOptions = ClassifierOptions(), defaults: String = "") throws -> Classifier {
    var manifest = TaxonomyFixtures.manifest
    if !defaults.isEmpty { manifest = manifest.replacingOccurrences(of: "areas:", with: "defaults:\n\(defaults)\nareas:") }
    let loaded = try TaxonomyLoader.load(TaxonomyFixtures.files(["quantum.yaml": Self.area, "taxonomy.yaml": manifest]))
    loaded.taxonomy._checkInvariants()
    return try Classifier(taxonomy: loaded.taxonomy, options: options)
  }

  func testSubFieldListedBeforeItsParentRollsUpIntoTheArea() throws {
    var options = ClassifierOptions()
    options.areaThreshold = 2.5
    options.fieldThreshold = 0.5
    let c = try classifier(options).classify("An ion trap holds one qubit.")
    // ion trap 2 (sub-field) + qubit 1 (field) = 3 at the area.
    XCTAssertEqual(c.areas.map(\.id), ["quantum"])
    XCTAssertEqual(c.areas.first?.score, 3)
    XCTAssertEqual(c.fields.first { $0.id == "quantum.hardware" }?.score, 3)
    XCTAssertEqual(c.fields.first { $0.id == "quantum.hardware.ions" }?.score, 2)
  }

  func testOneTermAloneNeedsTheLoneTermFactorTimesTheThreshold() throws {
    var options = ClassifierOptions()
    options.areaThreshold = 2
    options.fieldThreshold = 1
    // One term, twice: 2 + 1 = 3 ≥ 2, and 3 ≥ 1.4 × 2 = 2.8.
    XCTAssertEqual(try classifier(options, defaults: "  lone_term_factor: 1.4").classify("ion trap, ion trap").areas.count, 1)
    // One term once: 2 ≥ 2 but 2 < 2.8; two different terms of 1 + 1 = 2 pass.
    let lone = try classifier(options, defaults: "  lone_term_factor: 1.4")
    XCTAssertEqual(lone.classify("An ion trap.").status, .belowThreshold)
    XCTAssertEqual(lone.classify("A transmon qubit.").areas.map(\.id), ["quantum"])
    // The option overrides the taxonomy; a factor of 1 is the plain threshold.
    options.loneTermFactor = 1
    XCTAssertEqual(try classifier(options, defaults: "  lone_term_factor: 1.4").classify("An ion trap.").areas.count, 1)
    // explain says why.
    let why = lone.explain("An ion trap.").score(of: "quantum")?.reason ?? ""
    XCTAssertTrue(why.contains("one term alone needs 2.8"), why)
  }

  func testASpanCountsOncePerFieldEvenWhenTwoOfItsTermsMatchIt() throws {
    var options = ClassifierOptions()
    options.areaThreshold = 0.5
    options.fieldThreshold = 0.5
    // `transmon` inflects to `transmons`, which the field also lists: the span counts once.
    let c = try classifier(options).classify("Two transmons.")
    XCTAssertEqual(c.fields.first { $0.id == "quantum.hardware" }?.score, 1)
    XCTAssertEqual(c.fields.first?.evidence.count, 1)
  }

  func testLoneTermFactorBelowOneIsRefused() {
    let text = TaxonomyFixtures.failure([
      "taxonomy.yaml": TaxonomyFixtures.manifest.replacingOccurrences(
        of: "areas:", with: "defaults:\n  lone_term_factor: 0.5\nareas:")
    ])
    XCTAssertTrue(text.contains("lone_term_factor must be at least 1"), text)
  }

  func testLevelAndSecondaryDefaultsComeFromTheManifestAndAreChecked() throws {
    var options = ClassifierOptions()
    options.areaThreshold = 1
    options.fieldThreshold = 1
    // ion trap (2, a medium field) is twice the threshold: clear without a bar (elevated), thin
    // under clear_evidence 5 (low).
    XCTAssertEqual(try classifier(options).classify("An ion trap.").level, .elevated)
    let barred = try classifier(options, defaults: "  clear_evidence: 5\n  secondary_min_matches: 3")
    XCTAssertEqual(barred.classify("An ion trap.").level, .low)
    XCTAssertEqual(barred.clearEvidence, 5)
    XCTAssertEqual(barred.secondaryMinMatches, 3)
    let text = TaxonomyFixtures.failure([
      "taxonomy.yaml": TaxonomyFixtures.manifest.replacingOccurrences(
        of: "areas:", with: "defaults:\n  clear_evidence: -1\n  secondary_min_matches: 0\nareas:")
    ])
    XCTAssertTrue(text.contains("clear_evidence must be 0 or more"), text)
    XCTAssertTrue(text.contains("secondary_min_matches must be at least 1"), text)
  }
}
