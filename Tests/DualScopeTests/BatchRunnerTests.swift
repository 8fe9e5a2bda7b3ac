import Foundation
import DualScopeTestSupport
import XCTest

@testable import DualScope

/// The runner: nothing lost, output independent of threads, atomic files, SQLite.
final class BatchRunnerTests: FolderTestCase {
  /// The generated portfolio of `n` rows (``Fixtures/portfolio(_:in:)``).
  func portfolio(_ n: Int) throws -> String {
    try Fixtures.portfolio(n, in: folder)
  }

  func runner(_ path: String, threads: Int) throws -> BatchRunner {
    var input = PortfolioInput(
      inputs: [path], layout: RecordLayout(idColumn: "id", textColumns: ["title", "abstract"], carryColumns: ["dept"]),
      threads: threads)
    input.chunkBytes = 4096
    return BatchRunner(classifier: try ClassifierTests.classifier(), options: BatchOptions(input: input))
  }

  func testEveryRecordIsADocumentOrAnErrorAndThreadsDoNotChangeTheBytes() throws {
    let input = try portfolio(1200)
    var outputs: [Data] = []
    for threads in [1, 4] {
      let out = directory.appendingPathComponent("out-\(threads).jsonl").path
      let errors = directory.appendingPathComponent("err-\(threads).jsonl").path
      let r = try runner(input, threads: threads)
      let summary = try r.run(
        try r.open(), into: try ResultFileWriter.jsonLines(path: out, metadataPath: out + ".meta.json", carry: ["dept"]),
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

  /// A named pipe or a device is written in place, as a stream: it stays what it was (renaming a
  /// finished temporary file over `/dev/null` replaced the device with a plain file) and a
  /// reader of the pipe gets every byte.
  func testAPipeOrADeviceIsWrittenInPlaceNotReplaced() throws {
    let fifo = directory.appendingPathComponent("results.pipe").path
    XCTAssertEqual(mkfifo(fifo, 0o600), 0)
    let received = Received()
    let reader = Thread {
      // Read to the end (a pipe has no size to read up to).
      received.data = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
      received.done.signal()
    }
    reader.start()
    let file = try AtomicOutputFile(fifo)
    XCTAssertTrue(file.isStream)
    XCTAssertNil(file.temporaryPath)
    try file.write(String(repeating: "line\n", count: 300_000))
    try file.commit()
    XCTAssertEqual(received.done.wait(timeout: .now() + 10), .success)
    XCTAssertEqual(received.data.count, 1_500_000)
    var info = stat()
    XCTAssertEqual(stat(fifo, &info), 0)
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO, "still a named pipe")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["results.pipe"])
    // Only when the pipe stayed a pipe: a writer that replaces its target must not get at the device.
    guard info.st_mode & S_IFMT == S_IFIFO else { return }

    try AtomicOutputFile.write(Array("discarded".utf8), to: "/dev/null")
    XCTAssertEqual(stat("/dev/null", &info), 0)
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "/dev/null is still a device")
    XCTAssertTrue(AtomicOutputFile.isSpecialFile("/dev/null"))
    XCTAssertFalse(AtomicOutputFile.isSpecialFile(directory.path))
    XCTAssertFalse(AtomicOutputFile.isSpecialFile(directory.appendingPathComponent("missing.jsonl").path))
  }

  func testEveryResultLineDecodesBackToWhatWasWritten() throws {
    let input = try portfolio(400)
    let out = directory.appendingPathComponent("round.jsonl").path
    let r = try runner(input, threads: 2)
    _ = try r.run(try r.open(), into: try ResultFileWriter.jsonLines(path: out, metadataPath: nil, carry: ["dept"]))
    let sink = CollectingSink()
    _ = try r.run(try r.open(), into: sink)
    var decoded: [ResultLine] = []
    let problems = try ResultLineReader.read(out) { decoded.append($0) }
    XCTAssertEqual(problems, [])
    XCTAssertEqual(decoded.count, sink.lines.count)
    XCTAssertGreaterThan(sink.lines.filter { !$0.classification.fields.isEmpty }.count, 100)
    for (a, b) in zip(decoded, sink.lines) { XCTAssertEqual(a, b) }
    // And the Codable encoding of a line is the same object as the hand-written one.
    let first = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").first { $0.contains("qubit") }!
    let viaEncoder = try JSONSerialization.jsonObject(with: JSONEncoder().encode(decoded.first { $0.classification.words > 0 && !$0.classification.fields.isEmpty }!)) as? NSDictionary
    let byHand = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? NSDictionary
    XCTAssertEqual(viaEncoder?.allKeys.count, byHand?.allKeys.count)
  }
}

/// What the pipe's reader thread read, and when it was done.
private final class Received: @unchecked Sendable {
  var data = Data()
  let done = DispatchSemaphore(value: 0)
}
