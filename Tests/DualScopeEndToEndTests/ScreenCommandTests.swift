import DualScopeTestSupport
import Foundation
import XCTest

/// `dualscope screen` end to end: formats, inputs, errors and exit codes.
final class ScreenCommandTests: XCTestCase {
  static let quantum = "We develop superconducting qubits and quantum error correction for a quantum computer."

  func json(_ r: CommandResult) throws -> [String: Any] {
    try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout)
  }

  func testJSONCarriesTheStableKeys() throws {
    let r = try CommandRunner.run([
      "screen", Self.quantum, "--partner-country", "Iran", "--date", "2025-09-30", "--format", "json",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    let doc = try json(r)
    XCTAssertEqual(doc["schema"] as? String, "dualscope.screening/1")
    XCTAssertTrue((doc["disclaimer"] as? String)?.contains("no result is not clearance") ?? false)
    let triage = try XCTUnwrap(doc["triage"] as? [String: Any])
    XCTAssertEqual(triage["level"] as? String, "consult")
    XCTAssertFalse((triage["reasons"] as? [Any] ?? []).isEmpty)
    let regimes = try XCTUnwrap(doc["regimes"] as? [[String: Any]])
    let iran = try XCTUnwrap(regimes.first { $0["id"] as? String == "eu-iran" })
    XCTAssertEqual(iran["status"] as? String, "applies")
    XCTAssertFalse((iran["reasons"] as? [String] ?? []).isEmpty)
    XCTAssertNotNil(doc["organisations"] as? [Any])
    let metadata = try XCTUnwrap(doc["metadata"] as? [String: Any])
    XCTAssertNotNil((metadata["taxonomy"] as? [String: Any])?["version"] as? String)
    XCTAssertEqual(((metadata["regimes"] as? [String: Any])?["content_hash"] as? String)?.count, 64)
  }

  func testTheDayBeforeTheRestoration() throws {
    let r = try CommandRunner.run([
      "screen", Self.quantum, "--partner-country", "IR", "--date", "2025-09-29", "--format", "json",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    let regimes = try XCTUnwrap(try json(r)["regimes"] as? [[String: Any]])
    XCTAssertEqual(regimes.first { $0["id"] as? String == "eu-iran" }?["status"] as? String, "does-not-apply")
  }

  func testTextOutputLeadsWithTheTriageAndTheDisclaimer() throws {
    let r = try CommandRunner.run(["screen", Self.quantum, "--partner-org", "NIAP", "--funding", "NSERC", "--date", "2026-12-01"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.hasPrefix("triage: consult   (screening date 2026-12-01)\n"), r.stdout)
    XCTAssertTrue(r.stdout.contains("no result is not clearance"), r.stdout)
    XCTAssertTrue(
      r.stdout.contains(
        "partner 'NIAP' matches Northwind Institute of Applied Physics on list example-fictional 2026.1 through the alias 'NIAP' (a fictional example list)"
      ), r.stdout)
  }

  func testMarkdownIsADecisionRecord() throws {
    let r = try CommandRunner.run([
      "screen", Self.quantum, "--partner-country", "CN", "--date", "2026-12-01", "--format", "markdown",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    for heading in [
      "# Screening record", "| Screening date | 2026-12-01 |", "| Triage | **attention** |", "## Inputs",
      "## Fields touched", "## Triage: attention", "## Regimes", "### eu-china-arms-embargo: may-apply",
      "## What to check next", "## Open points", "## Decision",
    ] {
      XCTAssertTrue(r.stdout.contains(heading), "missing \(heading)\n\(r.stdout)")
    }
    XCTAssertTrue(r.stdout.contains("sha256 `"), r.stdout)
  }

  func testAnUnknownCountryExitsWithTwoAndSuggests() throws {
    let r = try CommandRunner.run(["screen", Self.quantum, "--partner-country", "Irann"])
    XCTAssertEqual(r.status, 2)
    XCTAssertEqual(
      r.stderr,
      "error: --partner-country: unknown country 'Irann' (did you mean 'Iran'?); give an ISO 3166-1 alpha-2 code or a country name\n")
  }

  func testAnInvalidDate() throws {
    let r = try CommandRunner.run(["screen", Self.quantum, "--date", "2025-02-30"])
    XCTAssertEqual(r.status, 2)
    XCTAssertEqual(r.stderr, "error: invalid date '2025-02-30': give a real day as YYYY-MM-DD\n")
  }

  func testAnEmptyText() throws {
    let r = try CommandRunner.run(["screen", "--file", "-"], stdin: "  \n")
    XCTAssertEqual(r.status, 2)
    XCTAssertEqual(
      r.stderr,
      "error: the text is empty: give a project description as an argument, with --file, or on standard input\n")
  }

  func testABrokenRegimeFolder() throws {
    let dir = try copyShippedRegimes()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("regimes/eu-iran.yaml")
    let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
      of: "      to: 2025-09-29\n", with: "      to: 2015-09-29\n")
    try text.write(to: file, atomically: true, encoding: .utf8)
    let r = try CommandRunner.run(["screen", Self.quantum, "--regimes", dir.path])
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(
      r.stderr.contains(
        "regimes/eu-iran.yaml:34:11: error: period 'jcpoa' ends before it starts: 'to' 2015-09-29 is before 'from' 2016-01-16"),
      r.stderr)
    XCTAssertTrue(r.stderr.hasSuffix("1 error in the regimes or lists\n"), r.stderr)
  }

  func testExtraListsAreMatched() throws {
    let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("ds-lists-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try """
    schema_version: 1
    list: {id: own-watch, name: Own list, version: "7", source: the institution, licence: internal, regimes: [ca-strac]}
    organisations:
      - {id: orion, name: Orion Østergaard Laboratory, country: NL, aliases: [OOL]}

    """.write(to: dir.appendingPathComponent("own.yaml"), atomically: true, encoding: .utf8)
    let r = try CommandRunner.run([
      "screen", Self.quantum, "--lists", dir.path, "--partner-org", "Dept. of Physics, orion østergaard laboratory", "--funding", "CIHR",
      "--format", "json", "--date", "2026-12-01",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    let doc = try json(r)
    let hits = try XCTUnwrap(doc["organisations"] as? [[String: Any]])
    XCTAssertEqual(hits.map { $0["list"] as? String }, ["own-watch"])
    XCTAssertEqual(hits.first?["list_version"] as? String, "7")
    let regimes = try XCTUnwrap(doc["regimes"] as? [[String: Any]])
    XCTAssertEqual(regimes.first { $0["id"] as? String == "ca-strac" }?["status"] as? String, "applies")
  }

  func testARegimesFolderWithItsSiblingLists() throws {
    let dir = try copyShippedRegimes()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CommandRunner.run([
      "screen", Self.quantum, "--regimes", dir.appendingPathComponent("regimes").path, "--partner-org", "NIAP",
      "--funding", "NSERC", "--date", "2026-12-01", "--format", "json",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    let doc = try json(r)
    XCTAssertEqual((doc["organisations"] as? [[String: Any]])?.first?["alias"] as? String, "NIAP")
    XCTAssertEqual((doc["triage"] as? [String: Any])?["level"] as? String, "consult")
  }

  func testRegimesThatDoNotFitTheClassifiersRelease() throws {
    let r = try CommandRunner.run(["screen", Self.quantum, "--taxonomy", "2024.1"])
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(
      r.stderr.contains(
        "Taxonomy/2026.1/regimes/eu-dprk.yaml:82:22: error: regime 'eu-dprk' names 'connectivity-digital.navigation-pnt', "
          + "which is no area or field of taxonomy 2024.1"), r.stderr)
    XCTAssertTrue(r.stderr.hasSuffix("the regimes do not fit taxonomy 2024.1; choose another with --taxonomy\n"), r.stderr)
  }

  /// The shipped regimes and lists, copied to a temporary release folder.
  func copyShippedRegimes() throws -> URL {
    let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("ds-regimes-\(UUID().uuidString)")
    let source = CommandRunner.packageRoot.appendingPathComponent("Taxonomy/2026.1")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for part in ["regimes", "lists"] {
      try FileManager.default.copyItem(at: source.appendingPathComponent(part), to: dir.appendingPathComponent(part))
    }
    return dir
  }
}
