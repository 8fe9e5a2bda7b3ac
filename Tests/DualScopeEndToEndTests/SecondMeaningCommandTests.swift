import DualScopeTestSupport
import XCTest

/// Second meanings as a user meets them on the built binary: `explain` and `diff`.
final class SecondMeaningCommandTests: XCTestCase {
  func testExplainNamesTheSecondMeaningThatCancelledAMatch() throws {
    let text = "Honeybee queens mate in flight with drones. We follow the drones with harmonic radar."
    let r = try CommandRunner.run(["explain", text])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("excluded by 'honeybee' (a second meaning, in the text)"), r.stdout)
    XCTAssertTrue(r.stdout.contains("every match was excluded (e.g. 'drones' by the second meaning 'honeybee')"), r.stdout)
    XCTAssertTrue(r.stdout.contains("result: unclassified: below threshold"), r.stdout)
    let json = try CommandRunner.run(["explain", text, "--format", "json"])
    XCTAssertTrue(json.stdout.contains("\"second_meaning\" : true"), json.stdout)
    // The release before 2026.1 reads them as uncrewed vehicles.
    let old = try CommandRunner.run(["explain", text, "--taxonomy", "2025.1"])
    XCTAssertTrue(old.stdout.contains("result: classified"), old.stdout)
    XCTAssertFalse(old.stdout.contains("second meaning"), old.stdout)
  }

  func testDiffReportsASecondMeaningAsATermChange() throws {
    let r = try CommandRunner.run(["diff", "2025.1", "2026.1"])
    XCTAssertEqual(r.status, 1, r.stderr)  // the releases differ
    XCTAssertTrue(
      r.stdout.contains("~ en: drone: plain → exclude: drone bee, drone brood, drone congregation, honeybee drone, honey bee drone, second meaning: honeybee"),
      r.stdout)
  }
}
