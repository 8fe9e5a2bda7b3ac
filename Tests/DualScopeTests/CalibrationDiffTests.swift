import XCTest

@testable import DualScope

/// `diff` of the learned scoring: settings, biases, the largest evidence weight changes and the
/// context weights that moved.
final class CalibrationDiffTests: XCTestCase {
  func model(cut: Double = 0.5, bias: Double = -2, weight: Double = 1.2, context: [Float] = [0.5, -0.25]) -> CalibrationModel {
    CalibrationModel(
      release: "t", options: .init(), cut: cut, clearProbability: 0.8, trainingHash: "abc", trainingDocuments: 100,
      validation: [:],
      areas: [
        .init(id: "quantum", bias: bias, evidence: ["quantum.sensing|aim": weight, "quantum.sensing|background": 0.3]),
        .init(id: "energy", bias: -1.5, evidence: ["energy.storage|aim": 0.9]),
      ],
      context: [(bucket: 7, weights: context), (bucket: 9, weights: [0.1, 0])])
  }

  func testNothingWhenNeitherIsCalibratedAndNoChangeWhenTheSame() {
    XCTAssertNil(CalibrationDiff(from: nil, to: nil))
    let same = CalibrationDiff(from: model(), to: model())
    XCTAssertEqual(same?.isEmpty, true)
    let added = CalibrationDiff(from: nil, to: model())
    XCTAssertEqual(added?.isEmpty, false)
    XCTAssertEqual(added?.evidenceChanged, 3)
    XCTAssertEqual(added?.biases.count, 2)
  }

  func testSettingsBiasesWeightsAndContext() throws {
    let d = try XCTUnwrap(CalibrationDiff(from: model(), to: model(cut: 0.4, bias: -1.5, weight: 2.0, context: [0.5, 0.75])))
    XCTAssertEqual(d.settings, ["cut 0.5 → 0.4"])
    XCTAssertEqual(d.biases, [.init(area: "quantum", old: -2, new: -1.5)])
    XCTAssertEqual(d.evidenceChanged, 1)
    XCTAssertEqual(d.evidence.first?.feature, "quantum.sensing|aim")
    XCTAssertEqual(d.evidence.first?.old, 1.2)
    XCTAssertEqual(d.evidence.first?.new, 2.0)
    XCTAssertEqual(d.contextChanged, 1)
    XCTAssertEqual(d.contextLargest, 1.0)
  }

  /// Releases calibrated in different formats hash context words differently: the diff says so
  /// before counting the context weights that moved.
  func testADifferentFormatIsSaid() throws {
    var old = model()
    old.format = 1
    let d = try XCTUnwrap(CalibrationDiff(from: old, to: model()))
    XCTAssertEqual(d.settings.count, 1)
    XCTAssertTrue(d.settings[0].hasPrefix("calibration format 1 → 2: context words are hashed differently"), d.settings[0])
    XCTAssertEqual(CalibrationDiff(from: model(), to: model())?.settings, [])
  }

  /// A shared context model: the setting, each area's weight of it as an evidence change, and its
  /// column's weights among the context weights that moved.
  func testASharedContextModelIsReported() throws {
    var new = model()
    new.options.sharedContext = true
    new.areas[0].shared = 0.8
    new.areas[1].shared = 0.4
    new.context = [(bucket: 7, weights: [0.5, -0.25, -1.5]), (bucket: 9, weights: [0.1, 0, 0])]
    let d = try XCTUnwrap(CalibrationDiff(from: model(), to: new))
    XCTAssertEqual(d.settings, ["shared context no → yes"])
    XCTAssertEqual(d.evidenceChanged, 2)
    XCTAssertEqual(d.evidence.first, .init(area: "quantum", feature: CalibrationModel.sharedColumnName, old: nil, new: 0.8))
    XCTAssertEqual(d.contextChanged, 1)
    XCTAssertEqual(d.contextLargest, 1.5)
  }
}
