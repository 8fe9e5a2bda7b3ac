import DualScope
import DualScopeServer
import DualScopeTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

/// POST batch: one JSON line for every record in, results and error records alike.
final class BatchAPITests: XCTestCase {
  /// Records in a portfolio file, counted by the library's own reader (rows and unreadable rows).
  func records(in path: String, format: InputFormat) throws -> Int {
    let layout = RecordLayout(idColumn: "id", textColumns: ["title", "abstract"])
    let (stream, _) = try RecordStream.open(path, format: format, layout: layout)
    var n = 0
    while let chunk = try stream.next() { n += chunk.count }
    return n
  }

  func lines(_ buffer: ByteBuffer) throws -> [[String: Any]] {
    try String(buffer: buffer).split(separator: "\n").map {
      try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  func testTheSamplePortfolioGivesOneLineARecord() async throws {
    let path = CommandRunner.packageRoot.appendingPathComponent("Corpora/portfolio-university.csv").path
    let expected = try records(in: path, format: .csv)
    XCTAssertGreaterThan(expected, 100)
    let body = ByteBuffer(bytes: try Data(contentsOf: URL(fileURLWithPath: path)))
    let app = try ServerFixture.application()
    try await app.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/batch?carry_columns=faculty", method: .post, headers: [.contentType: "text/csv"], body: body
      ) { response in
        XCTAssertEqual(response.status, .ok)
        XCTAssertEqual(response.headers[.contentType], "application/x-ndjson; charset=utf-8")
        let out = try self.lines(response.body)
        XCTAssertEqual(out.count, expected)
        XCTAssertEqual(response.headers[HTTPField.Name("DualScope-Records")!], String(expected))
        let results = out.filter { $0["error"] == nil }
        XCTAssertEqual(
          response.headers[HTTPField.Name("DualScope-Errors")!], String(out.count - results.count))
        XCTAssertTrue(results.allSatisfy { $0["status"] is String && $0["source"] as? String == "request" })
        XCTAssertTrue(results.allSatisfy { ($0["carried"] as? [String: Any])?["faculty"] != nil })
      }
    }
    // The same result lines as the command writes for the file (the source aside).
    let cli = try CommandRunner.run(["batch", path, "--metadata", "/dev/null", "--quiet"])
    XCTAssertEqual(cli.status, 0, cli.stderr)
    XCTAssertEqual(cli.stdout.split(separator: "\n").count, expected)
  }

  func testErrorRecordsAreLinesOfTheirOwnShape() async throws {
    let body = """
      {"id": "a", "title": "Quantum sensing", "abstract": "Superconducting qubits and quantum error correction."}
      {"id": "b", "title": broken}
      {"title": "no id here", "abstract": "text"}
      {"id": "d", "title": "Poetry", "abstract": "Medieval verse."}

      """
    let app = try ServerFixture.application()
    try await app.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/batch", method: .post, headers: [.contentType: "application/x-ndjson"],
        body: ByteBuffer(string: body)
      ) { response in
        XCTAssertEqual(response.status, .ok)
        let out = try self.lines(response.body)
        XCTAssertEqual(out.count, 4)
        let errors = out.compactMap { $0["error"] as? [String: Any] }
        XCTAssertEqual(errors.count, 2)
        XCTAssertEqual(Set(errors.compactMap { $0["line"] as? Int }), [2, 3])
        XCTAssertTrue(errors.allSatisfy { $0["reason"] is String && $0["source"] as? String == "request" })
        XCTAssertEqual(Set(out.compactMap { $0["id"] as? String }), ["a", "d"])
        XCTAssertEqual(response.headers[HTTPField.Name("DualScope-Errors")!], "2")
      }
    }
  }

  func testAMissingColumnOrAnUnknownTypeIsRefused() async throws {
    let app = try ServerFixture.application()
    try await app.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/batch?text_columns=summary", method: .post, headers: [.contentType: "text/csv"],
        body: ByteBuffer(string: "id,title\n1,Quantum\n")
      ) { response in
        XCTAssertEqual(response.status, .badRequest)
        XCTAssertTrue(String(buffer: response.body).contains("summary"), String(buffer: response.body))
      }
      try await client.execute(
        uri: "/api/v1/batch", method: .post, headers: [.contentType: "application/pdf"], body: ByteBuffer(string: "x")
      ) { response in
        XCTAssertEqual(response.status, .unsupportedMediaType)
      }
    }
  }
}
