import DualScopeTestSupport
import Foundation
import XCTest

/// `dualscope diff` on the built binary: exit codes, the shipped releases, git revisions, impact.
final class DiffCommandTests: XCTestCase {
  var scratch: URL!

  override func setUpWithError() throws {
    scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("ds-diff-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: scratch)
  }

  static let manifest = """
    schema_version: 1
    id: t
    version: "VERSION"
    title: T
    languages: [en, nl]
    areas: [quantum.yaml]
    """

  static let oldArea = """
    area:
      id: quantum
      name: {en: Quantum, nl: Kwantum}
      sensitivity: high
    fields:
      - id: quantum.computing
        name: {en: Quantum computing, nl: Kwantumcomputers}
        sensitivity: high
        terms:
          en: [{term: qubit, weight: 3}]
    """

  static let newArea = """
    area:
      id: quantum
      name: {en: Quantum, nl: Kwantum}
      sensitivity: high
    fields:
      - id: quantum.computing
        name: {en: Quantum computing, nl: Kwantumcomputers}
        sensitivity: high
        terms:
          en:
            - {term: qubit, weight: 3}
            - {term: quantum processor, weight: 3}
    """

  /// Writes a release folder and returns its path.
  @discardableResult
  func writeRelease(_ name: String, version: String, area: String, under base: URL? = nil) throws -> String {
    let dir = (base ?? scratch).appendingPathComponent(name)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try (Self.manifest.replacingOccurrences(of: "VERSION", with: version) + "\n")
      .write(to: dir.appendingPathComponent("taxonomy.yaml"), atomically: true, encoding: .utf8)
    try (area + "\n").write(to: dir.appendingPathComponent("quantum.yaml"), atomically: true, encoding: .utf8)
    return dir.path
  }

  func testIdenticalReleasesExitWithZero() throws {
    let r = try CommandRunner.run(["diff", "2025.1", "2025.1"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("no changes"), r.stdout)
  }

  func testDifferentReleasesExitWithOne() throws {
    let a = try writeRelease("a", version: "1", area: Self.oldArea)
    let b = try writeRelease("b", version: "2", area: Self.newArea)
    let r = try CommandRunner.run(["diff", a, b])
    XCTAssertEqual(r.status, 1, r.stderr)
    XCTAssertTrue(r.stdout.contains("+ en: quantum processor (weight 3)"), r.stdout)
  }

  func testErrorsExitWithTwo() throws {
    let missing = try CommandRunner.run(["diff", scratch.appendingPathComponent("nothing").path, "2025.1"])
    XCTAssertEqual(missing.status, 2)
    XCTAssertTrue(missing.stderr.contains("no such taxonomy folder"), missing.stderr)
    let unknown = try CommandRunner.run(["diff", "1999.9", "2025.1"])
    XCTAssertEqual(unknown.status, 2)
    let usage = try CommandRunner.run(["diff", "2025.1", "2025.1", "--impact-output", "x.jsonl"])
    XCTAssertEqual(usage.status, 2)
    XCTAssertTrue(usage.stderr.contains("--impact-output needs --impact"), usage.stderr)
    let badGit = try CommandRunner.run(["diff", "git:no-such-revision:Taxonomy/2025.1", "2025.1"])
    XCTAssertEqual(badGit.status, 2)
  }

  func testHelpDocumentsTheExitCodes() throws {
    let r = try CommandRunner.run(["diff", "--help"])
    XCTAssertEqual(r.status, 0)
    XCTAssertTrue(r.stdout.contains("0 the releases are the same; 1 they differ; 2 usage or data"), r.stdout)
  }

  func testShippedReleasesAsMarkdown() throws {
    let r = try CommandRunner.run(["diff", "2024.1", "2025.1", "--format", "markdown"])
    XCTAssertEqual(r.status, 1, r.stderr)
    for heading in ["# Taxonomy revision: 2024.1 → 2025.1", "## Summary", "## Release", "## Added", "## Split",
      "## Merged", "## Moved", "## Renamed", "## Changed", "- Source added:"]
    {
      XCTAssertTrue(r.stdout.contains(heading), "missing \(heading) in\n\(r.stdout)")
    }
    let back = try CommandRunner.run(["diff", "2025.1", "2024.1", "--format", "markdown"])
    XCTAssertEqual(back.status, 1, back.stderr)
    XCTAssertTrue(back.stdout.contains("## Removed"), back.stdout)
  }

  func testShippedReleasesAsJSON() throws {
    let r = try CommandRunner.run(["diff", "2024.1", "2025.1", "--format", "json"])
    XCTAssertEqual(r.status, 1, r.stderr)
    let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    XCTAssertEqual(json["schema"] as? String, "dualscope.diff/1")
    let old = json["old"] as! [String: Any]
    let new = json["new"] as! [String: Any]
    XCTAssertEqual(old["version"] as? String, "2024.1")
    XCTAssertEqual(new["version"] as? String, "2025.1")
    XCTAssertEqual(old["id"] as? String, "dualscope-risk-fields")
    XCTAssertEqual((old["content_hash"] as? String)?.count, 64)
    XCTAssertNotNil((json["tool"] as? [String: Any])?["version"])
    let kinds = Set((json["lineage"] as! [[String: Any]]).compactMap { $0["kind"] as? String })
    XCTAssertEqual(kinds, ["split", "merged"])
    let summary = json["summary"] as! [String: Any]
    for key in ["fields_added", "moved", "renamed", "terms_added", "terms_removed", "weights_changed",
      "sensitivity_changed", "dual_use_changed", "crosswalk_changed"]
    {
      XCTAssertGreaterThan(summary[key] as? Int ?? 0, 0, key)
    }
  }

  func testReleasesFromGitRevisions() throws {
    let repo = scratch.appendingPathComponent("repo")
    try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
    try git(["init", "-q"], in: repo)
    try writeRelease("tax", version: "1", area: Self.oldArea, under: repo)
    try git(["add", "tax"], in: repo)
    try git(["commit", "-q", "-m", "first"], in: repo)
    try writeRelease("tax", version: "2", area: Self.newArea, under: repo)
    try git(["commit", "-q", "-am", "second"], in: repo)

    let changed = try CommandRunner.run(["diff", "git:HEAD~1:tax", "git:HEAD:tax"], in: repo)
    XCTAssertEqual(changed.status, 1, changed.stderr)
    XCTAssertTrue(changed.stdout.contains("old: git:HEAD~1:tax"), changed.stdout)
    XCTAssertTrue(changed.stdout.contains("+ en: quantum processor"), changed.stdout)
    let same = try CommandRunner.run(["diff", "git:HEAD:tax", "tax"], in: repo)
    XCTAssertEqual(same.status, 0, same.stdout + same.stderr)
    let missing = try CommandRunner.run(["diff", "git:HEAD:nowhere", "tax"], in: repo)
    XCTAssertEqual(missing.status, 2)
    XCTAssertTrue(missing.stderr.contains("no taxonomy files at 'nowhere'"), missing.stderr)
  }

  /// A release at a git revision comes with its regimes and lists, so `diff` compares them as it
  /// does for folders: unchanged is unchanged, and a regime edited between two commits shows.
  func testRegimesAndListsFromGitRevisions() throws {
    let repo = scratch.appendingPathComponent("screening-repo")
    try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
    try git(["init", "-q"], in: repo)
    let release = repo.appendingPathComponent("rel")
    try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent("Taxonomy/2026.1"), to: release)
    try git(["add", "rel"], in: repo)
    try git(["commit", "-q", "-m", "first"], in: repo)
    let same = try CommandRunner.run(["diff", "git:HEAD:rel", "rel"], in: repo)
    XCTAssertEqual(same.status, 0, same.stdout + same.stderr)
    XCTAssertTrue(same.stdout.contains("regimes and lists\n  no changes"), same.stdout)

    let syria = release.appendingPathComponent("regimes/eu-syria.yaml")
    let text = try String(contentsOf: syria, encoding: .utf8)
    let renamed = text.replacingOccurrences(
      of: "  name: EU restrictive measures concerning Syria (security-ground measures)",
      with: "  name: EU restrictive measures concerning Syria (revised)")
    XCTAssertNotEqual(renamed, text)
    try renamed.write(to: syria, atomically: true, encoding: .utf8)
    try git(["commit", "-q", "-am", "second"], in: repo)
    let changed = try CommandRunner.run(["diff", "git:HEAD~1:rel", "git:HEAD:rel"], in: repo)
    XCTAssertEqual(changed.status, 1, changed.stderr)
    XCTAssertTrue(changed.stdout.contains("~ regime eu-syria  EU restrictive measures concerning Syria (revised)"), changed.stdout)
    XCTAssertFalse(changed.stdout.contains("+ regime"), changed.stdout)
  }

  func testImpactOnAPortfolio() throws {
    let a = try writeRelease("a", version: "1", area: Self.oldArea)
    let b = try writeRelease("b", version: "2", area: Self.newArea)
    let portfolio = scratch.appendingPathComponent("portfolio.csv")
    try """
    pid,title,abstract
    p1,Processors,We design a quantum processor; the quantum processor is cooled.
    p2,Qubits,Superconducting qubit arrays with a qubit readout.
    p3,Law,A study of procurement law.

    """.write(to: portfolio, atomically: true, encoding: .utf8)
    let lines = scratch.appendingPathComponent("changed.jsonl")
    let r = try CommandRunner.run([
      "diff", a, b, "--format", "json", "--impact", portfolio.path, "--id-column", "pid",
      "--text-columns", "title,abstract", "--impact-output", lines.path,
    ])
    XCTAssertEqual(r.status, 1, r.stderr)
    let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    let impact = json["impact"] as! [String: Any]
    XCTAssertEqual(impact["documents"] as? Int, 3)
    XCTAssertEqual(impact["changed"] as? Int, 1)
    let fields = impact["fields"] as! [[String: Any]]
    let computing = fields.first { $0["id"] as? String == "quantum.computing" }!
    XCTAssertEqual(computing["gained"] as? Int, 1)
    XCTAssertEqual(computing["lost"] as? Int, 0)
    let written = try String(contentsOf: lines, encoding: .utf8).split(separator: "\n")
    XCTAssertEqual(written.count, 1)
    let line = try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as! [String: Any]
    XCTAssertEqual(line["id"] as? String, "p1")
    XCTAssertEqual(line["fields_gained"] as? [String], ["quantum.computing"])
    XCTAssertEqual(line["new_version"] as? String, "2")
    let evidence = (line["evidence"] as! [[String: Any]])[0]
    XCTAssertEqual(((evidence["added"] as! [[String: Any]])[0])["term"] as? String, "quantum processor")

    let markdown = try CommandRunner.run([
      "diff", a, b, "--format", "markdown", "--impact", portfolio.path, "--id-column", "pid",
      "--text-columns", "title,abstract",
    ])
    XCTAssertEqual(markdown.status, 1, markdown.stderr)
    XCTAssertTrue(markdown.stdout.contains("## Impact on `\(portfolio.path)`"), markdown.stdout)
    XCTAssertTrue(markdown.stdout.contains("| `quantum.computing` | Quantum computing | 1 | 2 | 1 | 0 |"), markdown.stdout)

    let missingColumn = try CommandRunner.run(["diff", a, b, "--impact", portfolio.path])
    XCTAssertEqual(missingColumn.status, 2)
  }

  private func git(_ arguments: [String], in directory: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"] + arguments
    process.currentDirectoryURL = directory
    try process.run()
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0, "git \(arguments.joined(separator: " "))")
  }
}
