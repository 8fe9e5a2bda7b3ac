import Foundation
import XCTest

@testable import DualScope

/// The runner: nothing lost, output independent of threads, atomic files, SQLite.
final class BatchRunnerTests: XCTestCase {
  var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("ds-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  /// A portfolio of `n` rows with a bad row every 97 and an empty text every 50.
  func portfolio(_ n: Int) throws -> String {
    var text = "id,title,abstract,dept\n"
    let topics = [
      "A qubit array with cryogenic control", "Machine learning for protein folding", "Dutch poetry of the 1950s",
      "Een kwantumcomputer met spinqubits", "AI and machine learning for triage",
    ]
    for i in 0..<n {
      if i % 97 == 13 {
        text += "\(i),\"unbalanced,x,y\n"
      } else if i % 50 == 7 {
        text += "\(i),,,D\(i % 3)\n"
      } else {
        text += "\(i),\"\(topics[i % topics.count]), part \(i)\",\"Line one\nline two, qubit \(i)\",D\(i % 3)\n"
      }
    }
    let url = directory.appendingPathComponent("p.csv")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  func runner(_ path: String, threads: Int) throws -> BatchRunner {
    var options = BatchOptions(
      inputs: [path], layout: RecordLayout(idColumn: "id", textColumns: ["title", "abstract"], carryColumns: ["dept"]),
      threads: threads)
    options.chunkBytes = 4096
    return BatchRunner(classifier: try ClassifierTests.classifier(), options: options)
  }

  func testEveryRecordIsADocumentOrAnErrorAndThreadsDoNotChangeTheBytes() throws {
    let input = try portfolio(1200)
    var outputs: [Data] = []
    for threads in [1, 4] {
      let out = directory.appendingPathComponent("out-\(threads).jsonl").path
      let errors = directory.appendingPathComponent("err-\(threads).jsonl").path
      let r = try runner(input, threads: threads)
      let summary = try r.run(
        try r.open(), into: try JSONLinesResultWriter(path: out, metadataPath: out + ".meta.json"),
        errors: try ErrorRecordWriter(path: errors))
      XCTAssertEqual(summary.counts.records, 1200)
      XCTAssertTrue(summary.counts.balanced)
      XCTAssertEqual(summary.counts.errors, 13)
      XCTAssertEqual(summary.counts.unclassified["unclassified: no text"], 23)  // row 207 is an error
      let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
      XCTAssertEqual(lines.count, summary.counts.documents)
      let errorLines = try String(contentsOfFile: errors, encoding: .utf8).split(separator: "\n")
      XCTAssertEqual(errorLines.count, 13)
      XCTAssertTrue(errorLines[0].contains("\"line\":27"), String(errorLines[0]))
      let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + ".meta.json")))
      XCTAssertEqual(((meta as? [String: Any])?["counts"] as? [String: Any])?["records"] as? Int, 1200)
      outputs.append(try Data(contentsOf: URL(fileURLWithPath: out)))
    }
    XCTAssertEqual(outputs[0], outputs[1])
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
    XCTAssertEqual(leftovers, [])
  }

  func testAnAbortedOutputLeavesNothingUnderTheFinalName() throws {
    let path = directory.appendingPathComponent("x.jsonl").path
    let file = try AtomicOutputFile(path)
    try file.write("partial")
    try file.flush()
    XCTAssertTrue(FileManager.default.fileExists(atPath: file.temporaryPath!))
    XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    file.abort()
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
  }

  func testSQLiteHoldsRunsDocumentsAssignmentsAndEvidence() throws {
    let input = try portfolio(200)
    let db = directory.appendingPathComponent("r.sqlite").path
    let r = try runner(input, threads: 2)
    let summary = try r.run(try r.open(), into: try SQLiteResultWriter(path: db, carry: ["dept"]))
    let query = Process()
    query.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    query.arguments = [
      db,
      "SELECT count(*) FROM documents; SELECT records, errors, taxonomy_id FROM runs; "
        + "SELECT count(DISTINCT doc) FROM assignments WHERE node_id = 'quantum'; "
        + "SELECT count(*) > 0 FROM evidence WHERE term = 'qubit'; SELECT count(*) FROM errors;",
    ]
    let pipe = Pipe()
    query.standardOutput = pipe
    guard FileManager.default.fileExists(atPath: "/usr/bin/sqlite3") else { throw XCTSkip("no sqlite3") }
    try query.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    query.waitUntilExit()
    let lines = out.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines[0], String(summary.counts.documents))
    XCTAssertEqual(lines[1], "200|\(summary.counts.errors)|test-taxonomy")
    XCTAssertEqual(lines[2], String(summary.counts.areas["quantum"] ?? -1))
    XCTAssertEqual(lines[3], "1")
    XCTAssertEqual(lines[4], String(summary.counts.errors))
  }

  func testMapCountsSharesAndLevels() throws {
    let input = try portfolio(300)
    let r = try runner(input, threads: 2)
    let sink = CollectingSink()
    _ = try r.run(try r.open(), into: sink)
    var builder = InstitutionMapBuilder(taxonomy: r.classifier.taxonomy, unitColumns: ["dept"])
    for d in sink.documents { builder.add(d) }
    let map = builder.build()
    XCTAssertEqual(map.rows.map(\.label), ["D0", "D1", "D2"])
    XCTAssertEqual(map.total.documents, sink.documents.count)
    let quantum = map.columns.firstIndex { $0.id == "quantum" }!
    XCTAssertEqual(map.rows.map { $0.cells[quantum].count }.reduce(0, +), map.total.cells[quantum].count)
    XCTAssertEqual(map.total.cells[quantum].highest, .high)
    XCTAssertLessThanOrEqual(map.total.cells[quantum].top.count, 5)
    let html = MapHTMLRenderer.render(map)
    XCTAssertTrue(html.contains("<svg"))
    XCTAssertFalse(html.contains("src=") || html.contains("<link"), "the report must be self-contained")
  }
}
