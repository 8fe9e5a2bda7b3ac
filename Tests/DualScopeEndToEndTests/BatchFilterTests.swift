import DualScopeTestSupport
import Foundation
import XCTest

/// `batch` as a streaming filter between two pipes, as a cluster engine drives it: JSONL in on
/// standard input, results out on standard output in input order as they are made, error
/// records on standard error, memory bounded whatever the stream length.
final class BatchFilterTests: XCTestCase {
  func testResultsStreamInOrderAndErrorsGoToStandardError() throws {
    let folder = try TemporaryFolder("ds-filter")
    defer { folder.remove() }
    var input = ""
    for i in 0..<300 {
      if i % 100 == 50 {
        input += "{\"id\": \"r\(i)\", \"title\": \"broken\n"  // not JSON: an error record
      } else {
        input += "{\"id\": \"r\(i)\", \"title\": \"Qubits \(i)\", \"abstract\": \"A quantum computer.\"}\n"
      }
    }
    let r = try CommandRunner.run(
      ["batch", "-", "--input-format", "jsonl", "--metadata", folder.path("m.json"), "--errors", "-"], stdin: input)
    XCTAssertEqual(r.status, 1, "error records exit with 1")
    let ids = r.stdout.split(separator: "\n").map { line -> String in
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      return object?["id"] as? String ?? "?"
    }
    XCTAssertEqual(ids, (0..<300).filter { $0 % 100 != 50 }.map { "r\($0)" })
    let errors = r.stderr.split(separator: "\n")
    XCTAssertEqual(errors.count, 3, r.stderr)
    XCTAssertTrue(errors.allSatisfy { $0.hasPrefix("{\"source\":\"-\",\"line\":") }, r.stderr)
    let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.path("m.json"))))
    XCTAssertEqual(((meta as? [String: Any])?["counts"] as? [String: Any])?["records"] as? Int, 300)
  }

  /// `--format arrow` on the pipes: an Arrow IPC stream on standard output, one record batch a
  /// chunk, read back to the same values as the JSON lines of the same input, screening
  /// included; error records still go to standard error.
  func testAnArrowStreamOnStandardOutputHoldsTheJSONLinesValues() throws {
    let folder = try TemporaryFolder("ds-filter")
    defer { folder.remove() }
    var input = ""
    // A field no option reads, so that 8,000 records make several chunks of input.
    let notes = String(repeating: "n", count: 600)
    for i in 0..<8_000 {
      let country = ["KP", "CN", "", "IR", "DE"][i % 5]
      if i % 1_600 == 7 {
        input += "{\"id\": \"r\(i)\", \"title\": \"broken\n"
      } else {
        input += "{\"id\": \"r\(i)\", \"title\": \"Qubits \(i)\", \"abstract\": \"We build a quantum computer with spin qubits and \(i % 3 == 0 ? "deep learning" : "a history of trade").\", \"country\": \"\(country)\", \"unit\": \"U\(i % 4)\", \"notes\": \"\(notes)\"}\n"
      }
    }
    let common = [
      "batch", "-", "--input-format", "jsonl", "--errors", "-", "--carry-columns", "unit", "--partner-country-column",
      "country", "--date", "2026-01-15", "--threads", "2",
    ]
    let arrow = try CommandRunner.run(common + ["--format", "arrow", "--metadata", folder.path("a.json")], stdin: input)
    let json = try CommandRunner.run(common + ["--metadata", folder.path("j.json")], stdin: input)
    XCTAssertEqual(arrow.status, 1, arrow.stderr)
    XCTAssertEqual(json.status, 1, json.stderr)
    XCTAssertEqual(arrow.stderr, json.stderr, "the same error records")
    XCTAssertEqual(arrow.stderr.split(separator: "\n").count, 5)

    let read = try ArrowReader.read(arrow.stdoutBytes)
    XCTAssertGreaterThan(read.batches, 1, "one record batch a chunk")
    XCTAssertTrue(read.fields.contains("screening"))
    let expected = try json.stdout.split(separator: "\n").map { try JSONDecoder().decode(Value.self, from: Data($0.utf8)) }
    XCTAssertEqual(read.rows.count, 7_995)
    XCTAssertEqual(read.rows.count, expected.count)
    for (a, b) in zip(read.rows, expected) where a.droppingNulls != b {
      XCTFail("\(a.droppingNulls)\n≠ \(b)")
      break
    }
    let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.path("a.json"))))
    XCTAssertEqual(((meta as? [String: Any])?["batch"] as? [String: Any])?["format"] as? String, "arrow")
  }

  /// 60,000 records (about 12 MB) through the pipes: the first results arrive long before the
  /// input ends, and resident memory stays flat.
  func testALongStreamIsFilteredWithBoundedMemory() throws {
    let folder = try TemporaryFolder("ds-filter")
    defer { folder.remove() }
    let process = Process()
    process.executableURL = CommandRunner.productsDirectory.appendingPathComponent("dualscope")
    process.arguments = [
      "batch", "-", "--input-format", "jsonl", "--threads", "2", "--metadata", folder.path("m.json"), "--errors", "-",
    ]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    let total = 60_000
    let fed = Counter()
    let writer = Thread {
      let line = "\"title\": \"A cryogenic qubit controller\", \"abstract\": \"We build a quantum computer with spin qubits, EUV lithography and machine learning for tuning.\"}\n"
      var block = ""
      for i in 0..<total {
        block += "{\"id\": \"r\(i)\", " + line
        if i % 1000 == 999 {
          stdin.fileHandleForWriting.write(Data(block.utf8))
          block = ""
          fed.set(i + 1)
        }
      }
      try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    var lines = 0
    var fedAtFirstOutput = -1
    var peakKB = 0
    var pending = Data()
    while true {
      let data = stdout.fileHandleForReading.availableData
      if data.isEmpty { break }
      if fedAtFirstOutput < 0 { fedAtFirstOutput = fed.value }
      pending.append(data)
      lines += pending.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
      if let last = pending.lastIndex(of: 0x0A) { pending = pending.suffix(from: pending.index(after: last)) }
      if lines % 20 == 0, let kb = Self.residentKB(process.processIdentifier) { peakKB = max(peakKB, kb) }
    }
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0)
    XCTAssertEqual(lines, total)
    // At most 3 chunks a thread (1 MiB each) are read ahead, so results come before the end.
    XCTAssertLessThan(fedAtFirstOutput, total, "results must stream before the input ends")
    XCTAssertGreaterThan(peakKB, 0)
    XCTAssertLessThan(peakKB, 300_000, "resident memory of the filter")
    print("filter: \(lines) lines, first output after \(fedAtFirstOutput) records fed, peak resident \(peakKB) KB")
  }

  /// The resident memory of a running process, from /proc.
  static func residentKB(_ pid: Int32) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
      return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }
    return nil
  }
}

/// A number one thread sets and another reads.
private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var n = 0
  var value: Int { lock.withLock { n } }
  func set(_ v: Int) { lock.withLock { n = v } }
}
