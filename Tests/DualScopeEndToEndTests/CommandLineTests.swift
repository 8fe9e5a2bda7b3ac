import DualScopeTestSupport
import Foundation
import XCTest

/// Runs the built `dualscope` and checks output and exit status.
final class CommandLineTests: XCTestCase {
  func testValidateTheShippedRelease() throws {
    let r = try CommandRunner.run(["validate"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.hasPrefix("embedded:2026.1: valid: taxonomy dualscope-risk-fields 2026.1, 10 areas"), r.stdout)
  }

  func testValidateWorksFromAnyDirectory() throws {
    let r = try CommandRunner.run(["validate"], in: URL(fileURLWithPath: NSTemporaryDirectory()))
    XCTAssertEqual(r.status, 0, r.stderr)
  }

  func testValidateReportsDiagnosticsAndExitsWithTwo() throws {
    let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("ds-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try """
    schema_version: 1
    id: t
    version: "1"
    title: T
    languages: [en]
    areas: [a.yaml]
    """.write(to: dir.appendingPathComponent("taxonomy.yaml"), atomically: true, encoding: .utf8)
    try """
    area:
      id: quantum
      name: {en: Quantum, nl: Kwantum}
    fields:
      - id: quantum.computing
        name: {en: Computing, nl: Rekenen}
        trems:
          en: [qubit]
    """.write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
    let r = try CommandRunner.run(["validate", dir.path])
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(
      r.stderr.contains(
        "\(dir.path)/a.yaml:7:5: error: unknown key 'trems' in a field (did you mean 'terms'?)\n    trems:\n    ^\n"),
      r.stderr)
    XCTAssertTrue(r.stderr.hasSuffix("errors in the taxonomy\n"), r.stderr)
  }

  func testTaxonomyStatsJSON() throws {
    let r = try CommandRunner.run(["taxonomy", "stats", "--format", "json"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    XCTAssertEqual(json["id"] as? String, "dualscope-risk-fields")
    XCTAssertEqual(json["schema_version"] as? Int, 1)
    XCTAssertEqual((json["areas"] as? [String])?.count, 10)
    XCTAssertGreaterThanOrEqual(json["fields"] as? Int ?? 0, 45)
    XCTAssertGreaterThanOrEqual(json["terms"] as? Int ?? 0, 1500)
    XCTAssertEqual((json["content_hash"] as? String)?.count, 64)
    let byLanguage = json["terms_by_language"] as? [String: Int] ?? [:]
    XCTAssertGreaterThanOrEqual(Double(byLanguage["nl"] ?? 0), 0.3 * Double(json["terms"] as? Int ?? 0))
  }

  func testClassifyJSONCarriesTheAuditTrail() throws {
    let r = try CommandRunner.run([
      "classify", "--format", "json",
      "We build a superconducting quantum computer with fifty transmon qubits and study quantum error correction.",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    XCTAssertEqual(json["schema"] as? String, "dualscope.classification/2")
    let metadata = json["metadata"] as! [String: Any]
    XCTAssertEqual((metadata["taxonomy"] as! [String: Any])["version"] as? String, "2026.1")
    XCTAssertNotNil((metadata["tool"] as! [String: Any])["version"])
    let result = json["result"] as! [String: Any]
    let areas = (result["areas"] as! [[String: Any]]).map { $0["id"] as! String }
    XCTAssertEqual(areas.first, "quantum")
  }

  func testClassifyTextShowsTheProbabilityTheJSONCarries() throws {
    let text = "We build a superconducting quantum computer with fifty transmon qubits and study quantum error correction."
    let json = try CommandRunner.run(["classify", "--format", "json", text])
    XCTAssertEqual(json.status, 0, json.stderr)
    let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
    let quantum = ((document["result"] as! [String: Any])["areas"] as! [[String: Any]]).first { $0["id"] as? String == "quantum" }
    let probability = try XCTUnwrap(quantum?["probability"] as? Double)
    let shown = try CommandRunner.run(["classify", text])
    XCTAssertEqual(shown.status, 0, shown.stderr)
    let line = try XCTUnwrap(shown.stdout.split(separator: "\n").first { $0.hasPrefix("  quantum ") })
    // Written to two decimals ("0.9" for 0.9012), or "> 0.99" for a probability that would round to 1.
    let written = try XCTUnwrap(line.split(separator: "; probability ").last?.split(separator: ")").first, String(line))
    if probability >= 0.995 {
      XCTAssertEqual(written, "> 0.99", String(line))
    } else {
      XCTAssertEqual(try XCTUnwrap(Double(written), String(line)), probability, accuracy: 0.005, String(line))
    }
    // The rules alone give no probability, and the line says none.
    let rules = try CommandRunner.run(["classify", "--uncalibrated", text])
    XCTAssertEqual(rules.status, 0, rules.stderr)
    XCTAssertFalse(rules.stdout.contains("probability"), rules.stdout)
  }

  func testClassifyReadsStandardInput() throws {
    let r = try CommandRunner.run(["classify"], stdin: "Een kwantumcomputer met supergeleidende qubits.")
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("quantum"), r.stdout)
  }

  func testUsageErrorsExitWithTwo() throws {
    let r = try CommandRunner.run(["classify", "--top-k", "0", "text"])
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("--top-k must be at least 1"), r.stderr)
    let unknown = try CommandRunner.run(["explain", "--field", "quantum.nonsense", "text"])
    XCTAssertEqual(unknown.status, 2)
    XCTAssertTrue(unknown.stderr.contains("unknown area or field 'quantum.nonsense'"), unknown.stderr)
  }

  func testExplainSaysWhyAFieldWasNotAssigned() throws {
    let r = try CommandRunner.run([
      "explain", "--field", "artificial-intelligence",
      "This law study examines how the AI Act regulates public administration.",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("result: unclassified"), r.stdout)
  }

  /// `--context COLUMN=VALUE` gives one text the columns a portfolio record would carry: the
  /// shipped release asks a coordination and support action for stronger evidence, and an energy
  /// call's topic supports energy.
  func testClassifyAndExplainTakeTheRecordsColumns() throws {
    let qubit = "We build a superconducting qubit for quantum computing."
    let plain = try CommandRunner.run(["classify", qubit])
    XCTAssertTrue(plain.stdout.contains("quantum"), plain.stdout)
    for rules in [[], ["--uncalibrated"]] {
      let csa = try CommandRunner.run(["classify"] + rules + ["--context", "fundingScheme=HORIZON-CSA", qubit])
      XCTAssertEqual(csa.status, 0, csa.stderr)
      XCTAssertFalse(csa.stdout.contains("quantum"), csa.stdout)
    }
    // The shipped learned scoring would add the area (its probability reaches the add_cut), but
    // it does not overrule a context rule, and explain says both.
    let held = try CommandRunner.run(["explain", "--context", "fundingScheme=HORIZON-CSA", qubit])
    XCTAssertEqual(held.status, 0, held.stderr)
    XCTAssertTrue(held.stdout.contains("which asks for stronger evidence"), held.stdout)
    XCTAssertTrue(held.stdout.contains("but the model does not overrule a context rule"), held.stdout)
    let heat = "Development of heating technologies for renewable energy in industry."
    let why = try CommandRunner.run(["explain", "--context", "topics=HORIZON-CL5-2024-D3-01-10", heat])
    XCTAssertEqual(why.status, 0, why.stderr)
    XCTAssertTrue(
      why.stdout.contains("the record's topics is 'HORIZON-CL5-2024-D3-01-10', which supports the area"), why.stdout)
    XCTAssertTrue(try CommandRunner.run(["classify", "--context", "topics=HORIZON-CL5-2024-D3-01-10", heat]).stdout.contains("energy"))
    XCTAssertTrue(try CommandRunner.run(["classify", heat]).stdout.contains("unclassified: below threshold"))
    let bad = try CommandRunner.run(["classify", "--context", "HORIZON-CSA", qubit])
    XCTAssertEqual(bad.status, 2)
    XCTAssertTrue(bad.stderr.contains("--context wants COLUMN=VALUE, found 'HORIZON-CSA'"), bad.stderr)
  }

  /// `--context-columns` names the columns that describe a record, for `batch`, `map` and
  /// `evaluate` alike: the shipped release asks a coordination and support action for stronger
  /// evidence, and the columns are carried to the output as `--carry-columns` are.
  func testPortfolioCommandsTakeContextColumns() throws {
    let folder = try TemporaryFolder("ds-context")
    defer { folder.remove() }
    let qubit = "We build a superconducting qubit for quantum computing."
    let csv = try folder.write(
      "grants.csv", "id,fundingScheme,title,labels\ncsa,HORIZON-CSA,\"\(qubit)\",\nria,HORIZON-RIA,\"\(qubit)\",quantum\n")
    let batch = try CommandRunner.run([
      "batch", csv, "--text-columns", "title", "--context-columns", "fundingScheme", "--metadata", folder.path("m.json"),
    ])
    XCTAssertEqual(batch.status, 0, batch.stderr)
    let lines = try batch.stdout.split(separator: "\n").map { line in
      try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
    XCTAssertEqual(lines.map { $0["id"] as? String }, ["csa", "ria"])
    XCTAssertEqual(lines.map { ($0["areas"] as? [[String: Any]])?.compactMap { $0["id"] as? String } }, [[], ["quantum"]])
    XCTAssertEqual(lines.map { ($0["carried"] as? [String: String])?["fundingScheme"] }, ["HORIZON-CSA", "HORIZON-RIA"])
    let map = try CommandRunner.run([
      "map", csv, "--text-columns", "title", "--context-columns", "fundingScheme", "--unit-columns", "fundingScheme",
      "--format", "csv",
    ])
    XCTAssertEqual(map.status, 0, map.stderr)
    let rows = map.stdout.split(separator: "\n").filter { $0.hasPrefix("HORIZON-") && $0.contains(",quantum,") }
    XCTAssertEqual(rows.map { $0.split(separator: ",").prefix(4).joined(separator: ",") },
      ["HORIZON-CSA,1,quantum,0", "HORIZON-RIA,1,quantum,1"], map.stdout)
    let evaluate = try CommandRunner.run([
      "evaluate", csv, "--text-columns", "title", "--labels-column", "labels", "--context-columns", "fundingScheme",
    ])
    XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
    XCTAssertTrue(evaluate.stdout.contains("2 documents"), evaluate.stdout)
    let withoutContext = try CommandRunner.run(["evaluate", csv, "--text-columns", "title", "--labels-column", "labels"])
    XCTAssertNotEqual(withoutContext.stdout, evaluate.stdout, "without the column the CSA is flagged")
  }
}

