import DualScopeTestSupport
import PhraseMatching
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

  var folder: TemporaryFolder!

  override func setUpWithError() throws { folder = try TemporaryFolder("ds-impact") }
  override func tearDown() { folder.remove() }

  /// The texts as a CSV portfolio `p.csv` (document `dN` on line N + 1), read in small chunks.
  func portfolio(_ texts: [String], threads: Int = 1) throws -> PortfolioInput {
    var csv = "id,abstract\n"
    for (i, text) in texts.enumerated() { csv += "d\(i + 1),\(text)\n" }
    var input = PortfolioInput(
      inputs: [try folder.write("p.csv", csv)], layout: RecordLayout(idColumn: "id", textColumns: ["abstract"]),
      threads: threads)
    input.chunkBytes = 512
    return input
  }

  func analyse(threads: Int, texts: [String] = texts) throws -> (DiffImpact, [DocumentChange]) {
    let analysis = try ImpactAnalysis(
      old: try Classifier(taxonomy: DiffFixtures.old), new: try Classifier(taxonomy: DiffFixtures.new), examples: 3)
    var changed: [DocumentChange] = []
    let impact = try analysis.run(try portfolio(texts, threads: threads)) { changed.append($0) }
    return (impact, changed)
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
    let analysis = try ImpactAnalysis(old: c, new: c)
    let impact = try analysis.run(try portfolio(Self.texts)) { XCTFail("unexpected change \($0)") }
    XCTAssertEqual(impact.changed, 0)
    XCTAssertEqual(impact.levels, [])
    XCTAssertTrue(impact.fields.allSatisfy { $0.gained == 0 && $0.lost == 0 })
  }

  /// One scan over both releases' phrases gives each release exactly what its own classifier
  /// finds: on the project's corpora, the shipped 2024.1 and 2025.1, every result compared whole.
  func testTheJointScanAgreesWithEachReleaseAlone() throws {
    let a = try Classifier(taxonomy: ShippedTaxonomy.load(version: "2024.1").taxonomy)
    let b = try Classifier(taxonomy: ShippedTaxonomy.load(version: "2025.1").taxonomy)
    let joint = try JointMatcher(a.index, b.index)
    var (sa, sb, alone) = (ClassifierScratch(), ClassifierScratch(), ClassifierScratch())
    var compared = 0
    for name in ["labelled-en.jsonl", "labelled-nl.jsonl"] {
      let path = CommandRunner.packageRoot.appendingPathComponent("Corpora/" + name).path
      let layout = RecordLayout(idColumn: "id", textColumns: ["title", "text"])
      let (stream, resolved) = try RecordStream.open(path, layout: layout)
      while let chunk = try stream.next() {
        for case .success(let record) in chunk.records(resolved) {
          joint.scan(record.text, &sa.match, &sb.match)
          a.scoreMatches(record.text, &sa)
          b.scoreMatches(record.text, &sb)
          XCTAssertEqual(a.decide(record.text, sa), a.classify(record.text, scratch: &alone), record.id)
          XCTAssertEqual(b.decide(record.text, sb), b.classify(record.text, scratch: &alone), record.id)
          compared += 1
        }
      }
    }
    XCTAssertEqual(compared, 365)
  }
}
