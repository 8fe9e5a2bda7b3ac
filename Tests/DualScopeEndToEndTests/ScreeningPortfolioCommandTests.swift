import DualScopeTestSupport
import Foundation
import XCTest

/// `batch`, `map` and `diff` with screening, as a user runs them.
final class ScreeningPortfolioCommandTests: XCTestCase {
  var folder: TemporaryFolder!

  override func setUpWithError() throws { folder = try TemporaryFolder("ds-screen-cli") }
  override func tearDown() { folder.remove() }

  let csv = """
    id,unit,title,abstract,countries,partners
    p1,Physics,Enrichment,Uranium enrichment with gas centrifuges and reprocessing of spent nuclear fuel.,Iran,
    p2,History,Trade,A history of medieval trade routes and guild archives in Flanders.,"China; Russia",
    p3,Physics,Qubits,We develop superconducting qubits and quantum error correction.,Irann,
    p4,Physics,Qubits,We develop superconducting qubits and quantum error correction.,,Kestrel Harbour Tech

    """

  func testBatchWritesATriagePerRecordAndAnErrorRecordForAnUnknownCountry() throws {
    let input = try folder.write("grants.csv", csv)
    let out = folder.path("out.jsonl")
    let errors = folder.path("errors.jsonl")
    let r = try CommandRunner.run([
      "batch", input, "--partner-country-column", "countries", "--partner-org-column", "partners",
      "--date", "2026-12-01", "-o", out, "--errors", errors, "--threads", "2",
    ])
    XCTAssertEqual(r.status, 1, r.stderr)  // one error record
    XCTAssertTrue(r.stderr.contains("triage: consult 1,"), r.stderr)
    let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
    XCTAssertEqual(lines.map { $0["id"] as? String }, ["p1", "p2", "p4"])
    let levels = lines.map { (($0["screening"] as? [String: Any])?["triage"] as? [String: Any])?["level"] as? String }
    XCTAssertEqual(levels, ["consult", "none", "check"])
    let error = try String(contentsOfFile: errors, encoding: .utf8)
    XCTAssertTrue(error.contains("\"line\":4"), error)
    XCTAssertTrue(error.contains("unknown country 'Irann' (did you mean 'Iran'?) in column 'countries'"), error)
    let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + ".meta.json"))) as! [String: Any]
    let screening = try XCTUnwrap(meta["screening"] as? [String: Any])
    XCTAssertEqual(screening["date"] as? String, "2026-12-01")
    XCTAssertTrue((screening["disclaimer"] as? String)?.contains("not legal advice") ?? false)
  }

  func testScreeningOptionsWithoutAColumnAreAUsageError() throws {
    let input = try folder.write("grants.csv", csv)
    let r = try CommandRunner.run(["batch", input, "--date", "2026-12-01", "-o", folder.path("o.jsonl")])
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("name its columns too"), r.stderr)
    let bad = try CommandRunner.run([
      "batch", input, "--partner-country-column", "countries", "--date", "2026-02-30", "-o", folder.path("o.jsonl"),
    ])
    XCTAssertEqual(bad.status, 2)
    XCTAssertTrue(bad.stderr.contains("invalid date '2026-02-30'"), bad.stderr)
    let missing = try CommandRunner.run([
      "batch", input, "--partner-country-column", "country", "-o", folder.path("o.jsonl"),
    ])
    XCTAssertEqual(missing.status, 2)
    XCTAssertTrue(missing.stderr.contains("country"), missing.stderr)
  }

  /// The regimes are loaded beside the release, but their problems come after the release's
  /// and the date's: with several things wrong, the first of them is what the user reads.
  func testProblemsAreReportedReleaseFirstThenDateThenRegimes() throws {
    let input = try folder.write("grants.csv", csv)
    let out = folder.path("o.jsonl")
    let noRelease = try CommandRunner.run([
      "batch", input, "--partner-country-column", "countries", "--taxonomy", folder.path("none"),
      "--regimes", folder.path("none"), "--date", "2026-02-30", "-o", out,
    ])
    XCTAssertEqual(noRelease.status, 2)
    XCTAssertTrue(noRelease.stderr.contains("no such taxonomy folder"), noRelease.stderr)
    XCTAssertFalse(noRelease.stderr.contains("regimes"), noRelease.stderr)
    XCTAssertFalse(noRelease.stderr.contains("invalid date"), noRelease.stderr)
    let noDate = try CommandRunner.run([
      "batch", input, "--partner-country-column", "countries", "--regimes", folder.path("none"), "--date", "2026-02-30",
      "-o", out,
    ])
    XCTAssertEqual(noDate.status, 2)
    XCTAssertTrue(noDate.stderr.contains("invalid date '2026-02-30'"), noDate.stderr)
    XCTAssertFalse(noDate.stderr.contains("regimes folder"), noDate.stderr)
    let noRegimes = try CommandRunner.run([
      "map", input, "--unit-columns", "unit", "--partner-country-column", "countries", "--regimes", folder.path("none"),
    ])
    XCTAssertEqual(noRegimes.status, 2)
    XCTAssertTrue(noRegimes.stderr.contains("no such regimes folder"), noRegimes.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out))
  }

  func testTheMapCountsTriageLevelsPerUnit() throws {
    let input = try folder.write("grants.csv", csv)
    let r = try CommandRunner.run([
      "map", input, "--unit-columns", "unit", "--partner-country-column", "countries", "--partner-org-column", "partners",
      "--date", "2026-12-01", "--format", "csv",
    ])
    XCTAssertEqual(r.status, 1, r.stderr)  // p3 could not be screened
    XCTAssertTrue(r.stderr.contains("Irann"), r.stderr)
    XCTAssertTrue(r.stdout.contains("Physics,2,triage:consult,1,0.5,,p1"), r.stdout)
    XCTAssertTrue(r.stdout.contains("Physics,2,triage:check,1,0.5,,p4"), r.stdout)
    XCTAssertTrue(r.stdout.contains("History,1,triage:consult,0,0.0,,"), r.stdout)
  }

  func testDiffReportsTheRegimesAndReScreensThePortfolio() throws {
    let r = try CommandRunner.run(["diff", "2025.1", "2026.1"])
    XCTAssertEqual(r.status, 1, r.stderr)
    XCTAssertTrue(r.stdout.contains("regimes and lists"), r.stdout)
    XCTAssertTrue(r.stdout.contains("+ regime eu-iran"), r.stdout)
    XCTAssertTrue(r.stdout.contains("+ list example-fictional"), r.stdout)

    let input = try folder.write("grants.csv", csv.replacingOccurrences(of: "Irann", with: "Iran"))
    let impact = try CommandRunner.run([
      "diff", "2025.1", "2026.1", "--impact", input, "--partner-country-column", "countries",
      "--partner-org-column", "partners", "--date", "2026-12-01", "--format", "json",
    ])
    XCTAssertEqual(impact.status, 1, impact.stderr)
    let json = try JSONSerialization.jsonObject(with: Data(impact.stdout.utf8)) as! [String: Any]
    let report = try XCTUnwrap(json["impact"] as? [String: Any])
    XCTAssertEqual(report["unscreened"] as? Int, 0)
    let shifts = try XCTUnwrap(report["triage"] as? [[String: Any]])
    XCTAssertEqual(shifts.reduce(0) { $0 + ($1["documents"] as! Int) }, 3)  // p1, p3 consult; p4 check
    XCTAssertNotNil(json["screening"])
  }
}
