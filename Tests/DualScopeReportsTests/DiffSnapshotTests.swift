import DualScope
import DualScopeReports
import DualScopeTestSupport
import XCTest

/// The diff reports of the fixture releases, compared with recorded snapshots.
final class DiffSnapshotTests: XCTestCase {
  func testMarkdownMemo() throws {
    let diff = TaxonomyDiff(from: ReportFixtures.old, to: ReportFixtures.new)
    try Snapshot.check(DiffMarkdownRenderer().render(diff), named: "diff-fixture.md")
  }

  func testMarkdownMemoReversed() throws {
    let diff = TaxonomyDiff(from: ReportFixtures.new, to: ReportFixtures.old)
    try Snapshot.check(DiffMarkdownRenderer().render(diff), named: "diff-fixture-reversed.md")
  }

  func testMarkdownMemoOfIdenticalReleases() throws {
    let diff = TaxonomyDiff(from: ReportFixtures.old, to: ReportFixtures.old)
    try Snapshot.check(DiffMarkdownRenderer().render(diff), named: "diff-identical.md")
  }

  func testTextReport() throws {
    let diff = TaxonomyDiff(from: ReportFixtures.old, to: ReportFixtures.new)
    try Snapshot.check(DiffTextRenderer(colour: false).render(diff), named: "diff-fixture.txt")
  }

  func testTextRendererColoursOnlyWhenAsked() {
    let plain = DiffTextRenderer(colour: false).render(TaxonomyDiff(from: ReportFixtures.old, to: ReportFixtures.new))
    XCTAssertFalse(plain.contains("\u{1B}["))
    XCTAssertTrue(plain.contains("+ chips.packaging"), plain)
    XCTAssertTrue(plain.contains("- quantum.annealing"), plain)
    XCTAssertTrue(plain.contains("~ quantum.sensing-and-communication → quantum.sensing, quantum.communication"), plain)
    let coloured = DiffTextRenderer(colour: true).render(TaxonomyDiff(from: ReportFixtures.old, to: ReportFixtures.new))
    XCTAssertTrue(coloured.contains("\u{1B}[32m+ \u{1B}[0mchips.packaging"), coloured)
    XCTAssertEqual(DiffTextRenderer().render(TaxonomyDiff(from: ReportFixtures.old, to: ReportFixtures.old)).components(separatedBy: "\n").dropFirst(3).first, "no changes")
  }

  func testMarkdownImpactSection() throws {
    let folder = try TemporaryFolder("ds-impact")
    defer { folder.remove() }
    var csv = "id,abstract\n"
    for (i, text) in ["quantum sensor arrays; a quantum sensor on a chip", "a study of procurement law"].enumerated() {
      csv += "d\(i + 1),\(text)\n"
    }
    let path = try folder.write("p.csv", csv)
    let analysis = try ImpactAnalysis(
      old: try Classifier(taxonomy: ReportFixtures.old), new: try Classifier(taxonomy: ReportFixtures.new), examples: 3)
    let impact = try analysis.run(
      PortfolioInput(inputs: [path], layout: RecordLayout(idColumn: "id", textColumns: ["abstract"])))
    let memo = DiffMarkdownRenderer().render(TaxonomyDiff(from: ReportFixtures.old, to: ReportFixtures.new), impact: impact)
    XCTAssertTrue(memo.contains("## Impact on `\(path)`"), memo)
    XCTAssertTrue(memo.contains("| `quantum.sensing` | Quantum sensing | 0 | 1 | 1 | 0 |"), memo)
    XCTAssertTrue(memo.contains("#### `d1` (\(path):2): level low → low"), memo)
  }
}
