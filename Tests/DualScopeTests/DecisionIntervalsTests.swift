import DualScopeTestSupport
import XCTest

@testable import DualScope

/// `evaluate --bootstrap`: percentile intervals of the decision figures from resampled documents.
final class DecisionIntervalsTests: XCTestCase {
  typealias Document = (gold: Set<String>, weak: Set<String>, predicted: Set<String>)

  /// A labelled set with every kind of outcome: right and wrong areas, weak-only labels, and
  /// documents with no gold area, flagged or not.
  func documents(_ count: Int, seed: UInt64 = 7) -> [Document] {
    var rng = SeededGenerator(seed: seed)
    let areas = ["a", "b", "c"]
    return (0..<count).map { _ in
      var gold = Set<String>()
      var predicted = Set<String>()
      var weak = Set<String>()
      for a in areas {
        let g = Double.random(in: 0..<1, using: &rng) < 0.3
        if g { gold.insert(a) }
        if Double.random(in: 0..<1, using: &rng) < (g ? 0.75 : 0.1) { predicted.insert(a) }
        if !g && Double.random(in: 0..<1, using: &rng) < 0.05 { weak.insert(a) }
      }
      return (gold, weak, predicted)
    }
  }

  /// A resample's figures are those of ``DecisionMetrics`` for the same documents.
  func testFiguresAreTheDecisionReportsFigures() {
    let docs = documents(300)
    let areas = ["a", "b", "c"]
    for minSupport in [1, 40, 1000] {
      let report = DecisionMetrics.compute(areas: areas, documents: docs, minSupport: minSupport)
      var counts = [Int](repeating: 0, count: 12)
      let x = DecisionIntervals.Outcomes(areas: areas, documents: docs).figures(
        of: Array(docs.indices), minSupport: minSupport, counts: &counts)
      XCTAssertEqual(x.precision, report.micro.precision, accuracy: 1e-12)
      XCTAssertEqual(x.recall, report.micro.recall, accuracy: 1e-12)
      XCTAssertEqual(x.f1, report.micro.f1, accuracy: 1e-12)
      XCTAssertEqual(x.macroF1, report.macroF1, accuracy: 1e-12, "min support \(minSupport)")
      XCTAssertEqual(try XCTUnwrap(x.unflaggedShare), report.unflaggedShare, accuracy: 1e-12)
    }
  }

  /// Seeded: the same documents give the same intervals; each holds the figure of the whole set;
  /// ten times the documents give narrower ones.
  func testIntervalsAreSeededHoldTheFigureAndNarrowWithMoreDocuments() throws {
    let docs = documents(120)
    let areas = ["a", "b", "c"]
    let i = try XCTUnwrap(DecisionIntervals.compute(areas: areas, documents: docs, resamples: 400))
    XCTAssertEqual(i, DecisionIntervals.compute(areas: areas, documents: docs, resamples: 400))
    XCTAssertNotEqual(i, DecisionIntervals.compute(areas: areas, documents: docs, resamples: 400, seed: 9))
    let report = DecisionMetrics.compute(areas: areas, documents: docs)
    let pairs: [(DecisionIntervals.Interval, Double)] = [
      (i.microPrecision, report.micro.precision), (i.microRecall, report.micro.recall), (i.microF1, report.micro.f1),
      (i.macroF1, report.macroF1), (try XCTUnwrap(i.unflaggedShare), report.unflaggedShare),
    ]
    for (interval, figure) in pairs {
      XCTAssertLessThan(interval.low, figure)
      XCTAssertGreaterThan(interval.high, figure)
    }
    let many = try XCTUnwrap(
      DecisionIntervals.compute(areas: areas, documents: Array(repeating: docs, count: 10).flatMap { $0 }, resamples: 400))
    XCTAssertLessThan(many.microF1.high - many.microF1.low, (i.microF1.high - i.microF1.low) / 2)
    XCTAssertLessThan(many.macroF1.high - many.macroF1.low, (i.macroF1.high - i.macroF1.low) / 2)
  }

  /// Two releases on the same documents: each one's figures as the report gives them, the
  /// paired differences' intervals around the difference, zero against itself.
  func testComparisonPairsTheResamples() throws {
    let areas = ["a", "b", "c"]
    let theirs = documents(200)
    // This release drops the false positives of every third document and changes nothing else.
    let mine: [Document] = theirs.enumerated().map { k, d in
      (d.gold, d.weak, k % 3 == 0 ? d.predicted.intersection(d.gold) : d.predicted)
    }
    let c = DecisionIntervals.compare(areas: areas, this: mine, other: theirs, otherRelease: "1.0", resamples: 500)
    XCTAssertEqual(c.release, "1.0")
    XCTAssertEqual(c.documents, 200)
    XCTAssertEqual(c.this, DecisionMetrics.compute(areas: areas, documents: mine))
    XCTAssertEqual(c.other, DecisionMetrics.compute(areas: areas, documents: theirs))
    XCTAssertEqual(c.changedDocuments, zip(mine, theirs).filter { $0.predicted != $1.predicted }.count)
    XCTAssertGreaterThan(c.changedDocuments, 0)
    let d = try XCTUnwrap(c.difference)
    XCTAssertGreaterThan(d.microPrecision.low, 0, "fewer false positives and nothing else: precision only rises")
    XCTAssertEqual(d.microRecall, .init(low: 0, high: 0))
    let gain = c.this.micro.f1 - c.other.micro.f1
    XCTAssertTrue(d.microF1.low <= gain && gain <= d.microF1.high)
    XCTAssertEqual(c, DecisionIntervals.compare(areas: areas, this: mine, other: theirs, otherRelease: "1.0", resamples: 500))
    let same = DecisionIntervals.compare(areas: areas, this: theirs, other: theirs, otherRelease: "1.0", resamples: 100)
    XCTAssertEqual(same.changedDocuments, 0)
    XCTAssertEqual(same.difference?.microF1, .init(low: 0, high: 0))
    XCTAssertEqual(same.difference?.unflaggedShare, .init(low: 0, high: 0))
    XCTAssertNil(DecisionIntervals.compare(areas: areas, this: mine, other: theirs, otherRelease: "1.0", resamples: 0).difference)
  }

  /// Every decision right: no resample can differ. No document without a gold area: no interval
  /// for them. No resamples or no documents: no intervals.
  func testEdgeCases() throws {
    let right: [Document] =
      Array(repeating: (["a"], [], ["a"]), count: 20) + Array(repeating: (["b"], [], ["b"]), count: 10)
      + Array(repeating: ([], [], []), count: 5)
    let i = try XCTUnwrap(DecisionIntervals.compute(areas: ["a", "b"], documents: right, resamples: 100))
    XCTAssertEqual(i.microF1, .init(low: 1, high: 1))
    XCTAssertEqual(i.macroF1, .init(low: 1, high: 1))
    XCTAssertEqual(i.unflaggedShare, .init(low: 1, high: 1))
    let labelled: [Document] = [(["a"], [], ["a"]), (["b"], [], [])]
    XCTAssertNil(try XCTUnwrap(DecisionIntervals.compute(areas: ["a", "b"], documents: labelled, resamples: 50)).unflaggedShare)
    XCTAssertNil(DecisionIntervals.compute(areas: ["a"], documents: right, resamples: 0))
    XCTAssertNil(DecisionIntervals.compute(areas: ["a"], documents: [], resamples: 10))
  }
}
