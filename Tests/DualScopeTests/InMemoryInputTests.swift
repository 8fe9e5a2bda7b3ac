import Foundation
import XCTest

@testable import DualScope

/// CSV and JSONL held in memory read exactly as the same bytes read from a file.
final class InMemoryInputTests: XCTestCase {
  let layout = RecordLayout(idColumn: "id", textColumns: ["title", "abstract"], carryColumns: [])

  func records(_ stream: RecordStream, _ resolved: ResolvedLayout) throws -> [String] {
    var out: [String] = []
    while let c = try stream.next() {
      for r in c.records(resolved) {
        switch r {
        case .success(let p): out.append("\(p.line) \(p.id) [\(p.text)]")
        case .failure(let e): out.append("\(e.line) error: \(e.message)")
        }
      }
    }
    return out
  }

  func compare(_ text: String, format: InputFormat, ext: String) throws -> [String] {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ds-mem-\(UUID().uuidString).\(ext)")
    try Data(text.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    var answers: [[String]] = []
    for chunk in [1, 5, 64, 1 << 20] {
      let (fromFile, fileLayout) = try RecordStream.open(url.path, format: format, layout: layout, chunkBytes: chunk)
      let opened = try OpenedInput.inMemory(Array(text.utf8), name: "body", format: format, layout: layout, chunkBytes: chunk)
      let a = try records(fromFile, fileLayout)
      let b = try records(opened.stream, opened.layout)
      XCTAssertEqual(a, b, "chunk \(chunk)")
      XCTAssertEqual(opened.stream.position, text.utf8.count)
      answers.append(b)
    }
    return answers[0]
  }

  func testCSVInMemoryReadsLikeAFile() throws {
    let out = try compare(
      "id,title,abstract\n1,\"Lasers, optics\",\"two\nlines\"\n2,Plain,Text\n3,\"broken\n", format: .csv, ext: "csv")
    XCTAssertEqual(out.count, 3)
    XCTAssertTrue(out[2].contains("error"))
  }

  func testJSONLInMemoryReadsLikeAFile() throws {
    let out = try compare(
      "{\"id\":\"a\",\"title\":\"T\",\"abstract\":\"A\"}\n\n{not json}\n{\"id\":\"b\",\"title\":\"U\",\"abstract\":\"B\"}",
      format: .jsonl, ext: "jsonl")
    XCTAssertEqual(out.count, 3)
  }

  func testEmptyBodyHasNoRecordsAndAMissingColumnIsASetupError() throws {
    let empty = try OpenedInput.inMemory([], name: "body", format: .csv, layout: layout)
    XCTAssertEqual(try records(empty.stream, empty.layout), [])
    XCTAssertThrowsError(try OpenedInput.inMemory(Array("x,y\n1,2\n".utf8), name: "body", format: .csv, layout: layout))
  }
}
