import DualScopeTestSupport
import Foundation
import XCTest

/// The real outputs of the tool, compared with recorded snapshots under
/// `Tests/Fixtures/Snapshots/cli`: a change of behaviour shows up as a reviewed text diff.
/// Re-record on purpose with `RECORD_SNAPSHOTS=1 swift test --filter OutputSnapshotTests`.
///
/// Every run names release 2025.1 explicitly, so a new shipped release does not move them.
final class OutputSnapshotTests: XCTestCase {
  static let abstract = """
    Spin qubits in silicon: we develop a cryogenic control chip for a quantum computer and test \
    quantum error correction on a 12-qubit array. EUV lithography defines the gates; a machine \
    learning model tunes the device.
    """

  /// Runs the tool with a fixed terminal width; checks the exit status and the snapshot.
  func check(_ arguments: [String], _ name: String, status: Int32 = 0, stdin: String? = nil) throws {
    let r = try CommandRunner.run(arguments, stdin: stdin, environment: ["COLUMNS": "100"])
    XCTAssertEqual(r.status, status, r.stderr)
    try Snapshot.check(r.stdout, named: "cli/" + name)
  }

  func testClassifyTextAndJSON() throws {
    try check(["classify", "--taxonomy", "2025.1", Self.abstract], "classify.txt")
    try check(["classify", "--taxonomy", "2025.1", "--format", "json", Self.abstract], "classify.json")
    // The shipped release is calibrated: each area's line carries its probability.
    try check(["classify", "--taxonomy", "2026.1", Self.abstract], "classify-2026.1.txt")
  }

  func testExplain() throws {
    try check(["explain", "--taxonomy", "2025.1", Self.abstract], "explain.txt")
  }

  /// A history of the technology that still names it densely enough: the area is assigned, and
  /// explain says which raised bar it passed.
  static let study = """
    A history of quantum computing: interviews with historians and archival legislation records \
    trace how the quantum computer, the qubit, superconducting qubits and quantum error correction \
    left the laboratory.
    """

  func testExplainOfAStudyAboutTechnology() throws {
    try check(["explain", "--taxonomy", "2025.1", Self.study], "explain-study.txt")
  }

  /// The evaluation report of the own English labelled corpus: per-area figures, the missed
  /// areas by why they were missed, the threshold sweep and the worst mistakes with evidence.
  func testEvaluate() throws {
    try check(
      ["evaluate", "Corpora/labelled-en.jsonl", "--taxonomy", "2025.1", "--text-columns", "title,text"], "evaluate.txt")
  }

  func testBatchJSONLAndCSV() throws {
    let folder = try TemporaryFolder("ds-snap")
    defer { folder.remove() }
    let meta = folder.path("m.json")
    let common = [
      "batch", "Corpora/portfolio-university.csv", "--taxonomy", "2025.1", "--carry-columns", "department",
      "--quiet", "--metadata", meta,
    ]
    try check(common, "batch.jsonl")
    try check(common + ["--format", "csv"], "batch.csv")
  }

  func testMapText() throws {
    try check(
      ["map", "Corpora/portfolio-university.csv", "--taxonomy", "2025.1", "--unit-columns", "faculty,department"],
      "map.txt")
  }

  func testTaxonomyStats() throws {
    try check(["taxonomy", "stats", "2025.1"], "taxonomy-stats.txt")
  }

  func testDiffMarkdown() throws {
    try check(["diff", "2024.1", "2025.1", "--format", "markdown"], "diff-2024.1-2025.1.md", status: 1)
  }

  func testHelpOfEverySubcommand() throws {
    let commands = [
      [], ["classify"], ["explain"], ["evaluate"], ["validate"], ["taxonomy"], ["taxonomy", "stats"],
      ["taxonomy", "list"], ["taxonomy", "show"], ["diff"], ["batch"], ["map"], ["match"], ["calibrate"],
      ["suggest-terms"], ["screen"], ["serve"],
    ]
    for command in commands {
      let name = (["dualscope"] + command).joined(separator: "-") + ".txt"
      try check(command + ["--help"], "help/" + name)
    }
  }
}
