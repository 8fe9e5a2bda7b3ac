import DualScopeTestSupport
import Foundation
import XCTest

/// `kill -9` during `dualscope batch`: the final names hold the previous bytes or nothing, never a
/// part of the new run; a completed SQLite run opens and its counts add up.
final class CrashSafetyTests: XCTestCase {
  var scratch: URL!
  var taxonomy: String!

  override func setUpWithError() throws {
    scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("ds-crash-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    taxonomy = try BatchCommandTests.writeTaxonomy(in: scratch)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: scratch)
  }

  func testKillDuringJSONLOutput() throws {
    let input = try portfolio(rows: Self.bigRun)
    try killMidRun(format: "jsonl", input: input, previous: false)
    try killMidRun(format: "jsonl", input: input, previous: true)
  }

  func testKillDuringCSVOutput() throws {
    let input = try portfolio(rows: Self.bigRun)
    try killMidRun(format: "csv", input: input, previous: false)
    try killMidRun(format: "csv", input: input, previous: true)
  }

  func testKillDuringSQLiteOutput() throws {
    let input = try portfolio(rows: Self.bigRun)
    try killMidRun(format: "sqlite", input: input, previous: false)
    try killMidRun(format: "sqlite", input: input, previous: true)
  }

  func testACompletedSQLiteRunOpensAndItsCountsMatch() throws {
    let input = try portfolio(rows: 2_000, brokenEvery: 200)
    let db = scratch.appendingPathComponent("out.sqlite").path
    let errors = scratch.appendingPathComponent("errors.jsonl").path
    try Data("not a database\n".utf8).write(to: URL(fileURLWithPath: db))
    let r = try CommandRunner.run([
      "batch", input, "--taxonomy", taxonomy, "--format", "sqlite", "-o", db, "--errors", errors, "--quiet",
    ])
    XCTAssertEqual(r.status, 1, r.stderr)
    let out = try sqlite(
      db,
      """
      PRAGMA integrity_check;
      SELECT records || ' ' || documents || ' ' || errors || ' ' || classified || ' ' || unclassified FROM runs;
      SELECT count(*) FROM documents;
      SELECT count(*) FROM errors;
      SELECT count(*) FROM documents WHERE status = 'classified';
      SELECT count(DISTINCT doc) FROM assignments;
      SELECT count(*) FROM documents WHERE doc NOT IN (SELECT doc FROM assignments) AND status = 'classified';
      """)
    XCTAssertEqual(out, ["ok", "2010 2000 10 1000 1000", "2000", "10", "1000", "1000", "0"])
    let errorLines = try String(contentsOfFile: errors, encoding: .utf8).split(separator: "\n")
    XCTAssertEqual(errorLines.count, 10)
    XCTAssertTrue(errorLines.first?.contains("\"reason\":\"expected 3 fields, found 2\"") ?? false, "\(errorLines)")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix(".") }, [])
  }

  // MARK: Helpers

  /// Rows for a run of a few seconds in a debug build with one thread; the kill comes after the
  /// first 256 KB of output, long before the end.
  static let bigRun = 60_000

  /// A CSV portfolio; half the rows classify. Every `brokenEvery`-th row also gets a row with a
  /// missing field after it.
  func portfolio(rows: Int, brokenEvery: Int? = nil) throws -> String {
    var text = "id,title,abstract\n"
    text.reserveCapacity(rows * 70)
    for i in 0..<rows {
      text += i % 2 == 0
        ? "r\(i),Qubits and quantum key distribution,\"A qubit study, row \(i)\"\n"
        : "r\(i),Soil and water,\"A field survey of rivers, row \(i)\"\n"
      if let brokenEvery, i % brokenEvery == 0 { text += "broken\(i),no abstract\n" }
    }
    let url = scratch.appendingPathComponent("in-\(rows).csv")
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// Starts a batch run, kills it with SIGKILL once it has written part of its output, and checks
  /// the files under their final names.
  func killMidRun(format: String, input: String, previous: Bool) throws {
    let folder = scratch.appendingPathComponent("\(format)-\(previous ? "previous" : "fresh")")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let output = folder.appendingPathComponent("out.\(format)")
    let errors = folder.appendingPathComponent("errors.jsonl")
    let metadata = folder.appendingPathComponent("out.\(format).meta.json")
    var before: [URL: Data] = [:]
    if previous {
      before[output] = Data("previous \(format) output\n".utf8)
      before[errors] = Data("previous errors\n".utf8)
      if format != "sqlite" { before[metadata] = Data("{\"previous\": true}\n".utf8) }
      for (url, data) in before { try data.write(to: url) }
    }
    let process = Process()
    process.executableURL = CommandRunner.productsDirectory.appendingPathComponent("dualscope")
    process.arguments = [
      "batch", input, "--taxonomy", taxonomy, "--format", format, "-o", output.path, "--errors", errors.path,
      "--threads", "1", "--quiet",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let pid = process.processIdentifier
    let temporary = folder.appendingPathComponent(".out.\(format).tmp-\(pid)").path
    // Part of the results is on disk: a first 1 MB block (JSONL, CSV) or some inserted rows (SQLite).
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning && Date() < deadline && Self.size(temporary) < 256 << 10 { usleep(2_000) }
    XCTAssertTrue(process.isRunning, "\(format): the run ended before it could be killed")
    kill(pid, SIGKILL)
    process.waitUntilExit()
    XCTAssertEqual(process.terminationReason, .uncaughtSignal, format)
    XCTAssertEqual(process.terminationStatus, SIGKILL, format)

    for url in [output, errors, metadata] {
      let now = FileManager.default.contents(atPath: url.path)
      XCTAssertEqual(now, before[url], "\(format): \(url.lastPathComponent) changed under its final name")
    }
    let finalNames = Set([output, errors, metadata].map(\.lastPathComponent))
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !finalNames.contains(name) {
      XCTAssertTrue(name.hasPrefix(".") && name.hasSuffix(".tmp-\(pid)"), "\(format): unexpected file \(name)")
    }
  }

  static func size(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
  }

  /// Runs SQL with the sqlite3 shell; one string per output line.
  func sqlite(_ db: String, _ sql: String) throws -> [String] {
    let query = Process()
    query.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    query.arguments = ["sqlite3", db, sql]
    let pipe = Pipe()
    query.standardOutput = pipe
    try query.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    query.waitUntilExit()
    XCTAssertEqual(query.terminationStatus, 0)
    return out.split(separator: "\n").map(String.init)
  }
}
