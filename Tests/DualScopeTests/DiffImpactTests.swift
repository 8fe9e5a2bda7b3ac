import XCTest

@testable import DualScope

/// Classifying a portfolio with both fixture releases.
final class DiffImpactTests: XCTestCase {
  static let texts = [
    "quantum sensor arrays; a quantum sensor on a chip",
    "a photonic integrated circuit and another photonic integrated circuit",
    "wafer bonding and more wafer bonding",
    "EUV lithography with EUV lithography masks",
    "a study of procurement law",
  ]

  func records(_ texts: [String]) -> [PortfolioRecord] {
    texts.enumerated().map { i, text in
      PortfolioRecord(
        line: i + 2, source: "p.csv", id: "d\(i + 1)", text: text, labels: [], carried: [], hadInvalidUTF8: false)
    }
  }

  func analyse(threads: Int, texts: [String] = texts) throws -> (DiffImpact, [DocumentChange]) {
    var analysis = ImpactAnalysis(
      old: try Classifier(taxonomy: DiffFixtures.old), new: try Classifier(taxonomy: DiffFixtures.new),
      examples: 3, threads: threads)
    var changed: [DocumentChange] = []
    analysis.add(records(texts)) { changed.append($0) }
    return (analysis.report(portfolio: "p.csv"), changed)
  }

  func testCountsGainsAndLossesThroughLineage() throws {
    let (impact, changed) = try analyse(threads: 1)
    XCTAssertEqual(impact.documents, 5)
    XCTAssertEqual(impact.changed, 2)
    XCTAssertEqual(changed.map(\.id), ["d1", "d2"])
    // A split: the old field is lost, the new one gained; the area stays.
    XCTAssertEqual(changed[0].fieldsGained, ["quantum.sensing"])
    XCTAssertEqual(changed[0].fieldsLost, ["quantum.sensing-and-communication"])
    XCTAssertEqual(changed[0].areasGained, [])
    // A field moved under a new ID keeps counting as itself; its area changes.
    XCTAssertEqual(changed[1].fieldsGained, [])
    XCTAssertEqual(changed[1].fieldsLost, [])
    XCTAssertEqual(changed[1].areasGained, ["chips"])
    XCTAssertEqual(changed[1].areasLost, ["quantum"])
    let photonics = try XCTUnwrap(impact.fields.first { $0.id == "chips.photonics" })
    XCTAssertEqual(photonics.oldID, "quantum.photonics")
    XCTAssertEqual([photonics.old, photonics.new, photonics.gained, photonics.lost], [1, 1, 0, 0])
    let bonding = try XCTUnwrap(impact.fields.first { $0.id == "chips.bonding" })
    XCTAssertEqual([bonding.gained, bonding.lost], [0, 0])
    let quantum = try XCTUnwrap(impact.areas.first { $0.id == "quantum" })
    XCTAssertEqual([quantum.old, quantum.new, quantum.gained, quantum.lost], [2, 1, 0, 1])
    XCTAssertEqual(impact.classified, Change(old: 4, new: 4))
  }

  func testEvidenceShowsWhatChanged() throws {
    let (_, changed) = try analyse(threads: 1)
    let evidence = changed[0].evidence
    XCTAssertEqual(evidence.map(\.field), ["quantum.sensing", "quantum.sensing-and-communication"])
    XCTAssertEqual(evidence[0].score.old, nil)
    XCTAssertEqual(evidence[0].added.map(\.term), ["quantum sensor"])
    XCTAssertEqual(evidence[0].added.first?.matches, ["quantum sensor", "quantum sensor"])
    XCTAssertEqual(evidence[1].score.new, nil)
    XCTAssertEqual(evidence[1].removed.map(\.term), ["quantum sensor"])
  }

  func testResultDoesNotDependOnThreads() throws {
    let many = (0..<400).map { Self.texts[$0 % Self.texts.count] + " \($0)" }
    let (one, changedOne) = try analyse(threads: 1, texts: many)
    let (four, changedFour) = try analyse(threads: 4, texts: many)
    XCTAssertEqual(one, four)
    XCTAssertEqual(changedOne, changedFour)
    XCTAssertEqual(one.changed, 160)
    XCTAssertEqual(one.examples.count, 3)
  }

  func testImpactOfAReleaseOnItselfIsNothing() throws {
    let c = try Classifier(taxonomy: DiffFixtures.new)
    var analysis = ImpactAnalysis(old: c, new: c)
    analysis.add(records(Self.texts)) { XCTFail("unexpected change \($0)") }
    let impact = analysis.report(portfolio: "p")
    XCTAssertEqual(impact.changed, 0)
    XCTAssertEqual(impact.levels, [])
    XCTAssertTrue(impact.fields.allSatisfy { $0.gained == 0 && $0.lost == 0 })
  }

  func testMarkdownImpactSection() throws {
    let (impact, _) = try analyse(threads: 1)
    let diff = TaxonomyDiff(from: DiffFixtures.old, to: DiffFixtures.new)
    let memo = DiffMarkdownRenderer().render(diff, impact: impact)
    XCTAssertTrue(memo.contains("## Impact on `p.csv`"), memo)
    XCTAssertTrue(memo.contains("| `quantum` | Quantum technologies | 2 | 1 | 0 | 1 |"), memo)
    XCTAssertTrue(memo.contains("#### `d1` (p.csv:2): level low → low"), memo)
  }
}
