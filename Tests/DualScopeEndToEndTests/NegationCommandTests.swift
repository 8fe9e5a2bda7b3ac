import DualScopeTestSupport
import XCTest

/// Negated evidence as a user meets it on the built binary: `explain` and `diff`.
final class NegationCommandTests: XCTestCase {
  func testExplainShowsTheNegationWordAndWhyNothingCounted() throws {
    let r = try CommandRunner.run(["explain", "Er wordt geen genetische modificatie toegepast in dit project."])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("negated by 'geen'"), r.stdout)
    XCTAssertTrue(r.stdout.contains("every match was negated (e.g. 'genetische modificatie' after 'geen')"), r.stdout)
    // The release before 2026.1 counts it.
    let old = try CommandRunner.run(["explain", "Er wordt geen genetische modificatie toegepast.", "--taxonomy", "2025.1"])
    XCTAssertFalse(old.stdout.contains("negated"), old.stdout)
  }

  func testDiffReportsTheWindowInTextAndMarkdown() throws {
    let text = try CommandRunner.run(["diff", "2025.1", "2026.1"])
    XCTAssertTrue(text.stdout.contains("negation window: off → 8 words"), text.stdout)
    let memo = try CommandRunner.run(["diff", "2026.1", "2025.1", "--format", "markdown"])
    XCTAssertTrue(memo.stdout.contains("- Negation window: 8 words → off"), memo.stdout)
  }
}
