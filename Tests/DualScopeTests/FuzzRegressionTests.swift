import XCTest

@testable import DualScope

/// Inputs the fuzz harnesses in Fuzz/ found, minimised, with the property each one broke.
final class FuzzRegressionTests: FolderTestCase {
  /// The chunks' `inputBytes` added up, and the number of records, for one chunk size.
  func read(_ path: String, format: InputFormat, chunkBytes: Int) throws -> (bytes: Int, records: Int) {
    let stream = try RecordStream(path: path, format: format, chunkBytes: chunkBytes)
    var bytes = 0
    var records = 0
    while let chunk = try stream.next() {
      bytes += chunk.inputBytes
      records += chunk.count
    }
    return (bytes, records)
  }

  /// Every byte of the input counts towards progress whatever the chunk size: bytes of blocks
  /// that held no record (a byte-order mark and header, blank lines, a header alone) were lost.
  func testInputBytesAddUpToTheFileSize() throws {
    let cases: [(String, InputFormat, String, Int)] = [
      // Found by CSVReader: a byte-order mark and header read before the first small chunk.
      ("bom.csv", .csv, "\u{FEFF}id,title,abstract\nP1,\"unterminated,x\nP2,ok,\"a\"\"b\"\n,,\n", 3),
      ("header-only.csv", .csv, "id,title\n", 0),
      ("blank-tail.csv", .csv, "id,title\n1,a\n\n\n\n", 1),
      ("blank-tail.jsonl", .jsonl, "{\"id\": \"1\"}\n\n  \n\n", 1),
      ("blank-head.jsonl", .jsonl, "\n\n\n{\"id\": \"1\"}\n", 1),
    ]
    for (name, format, text, records) in cases {
      let bytes = Array(text.utf8)
      let path = try file(name, bytes)
      for chunkBytes in [1, 2, 3, 7, 64, 1 << 20] {
        let read = try read(path, format: format, chunkBytes: chunkBytes)
        XCTAssertEqual(read.bytes, bytes.count, "\(name), chunks of \(chunkBytes) bytes")
        XCTAssertEqual(read.records, records, "\(name), chunks of \(chunkBytes) bytes")
      }
    }
  }

  /// The header, the results and the bytes accounted for, by chunk size; fails unless every
  /// chunk size gives the same.
  func readCSV(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> (
    columns: [String], results: [String], bytes: Int
  ) {
    var answers: [(columns: [String], results: [String], bytes: Int)] = []
    for chunkBytes in [1, 2, 3, 7, 64, 1 << 20] {
      let stream = try RecordStream(path: path, format: .csv, chunkBytes: chunkBytes)
      let resolved = ResolvedLayout(
        RecordLayout(idColumn: stream.columns.first ?? "id", textColumns: Array(stream.columns.dropFirst())),
        columns: stream.columns)
      var results: [String] = []
      var bytes = 0
      while let chunk = try stream.next() {
        bytes += chunk.inputBytes
        for r in chunk.records(resolved) {
          switch r {
          case .success(let record): results.append("\(record.line) \(record.id) [\(record.text)]")
          case .failure(let error): results.append("\(error.line) error: \(error.message)")
          }
        }
      }
      answers.append((stream.columns, results, bytes))
    }
    for a in answers.dropFirst() {
      XCTAssertEqual(a.columns, answers[0].columns, "chunk sizes disagree on the header", file: file, line: line)
      XCTAssertEqual(a.results, answers[0].results, "chunk sizes disagree on the records", file: file, line: line)
      XCTAssertEqual(a.bytes, answers[0].bytes, "chunk sizes disagree on the bytes", file: file, line: line)
    }
    return answers[0]
  }

  /// Rows before a CSV header are consumed once, whatever the chunk size: blank lines filling
  /// the first block left the header unread (the minimised input `\n\n\n,` read with 1-byte
  /// chunks gave no header and a record at line 7), and scanning again after reading more
  /// counted their lines twice and reported a malformed row twice.
  func testRowsBeforeTheHeaderAreReadOnce() throws {
    let found = try readCSV(try file("found.csv", Array("\n\n\n,".utf8)))
    XCTAssertEqual(found.columns, ["", ""])
    XCTAssertEqual(found.results, [])
    XCTAssertEqual(found.bytes, 4)

    let blank = try readCSV(try file("blank.csv", Array("\n\r\n\nid;title\n1;Lasers\n".utf8)))
    XCTAssertEqual(blank.columns, ["id", "title"])
    XCTAssertEqual(blank.results, ["5 1 [Lasers]"])

    let broken = try readCSV(try file("broken.csv", Array("\"ab\"cd efgh ijkl\n\nid,title\n1,a\n".utf8)))
    XCTAssertEqual(broken.columns, ["id", "title"])
    XCTAssertEqual(broken.results, ["1 error: header row: unexpected text after a closing quote", "4 1 [a]"])
    XCTAssertEqual(broken.bytes, 31)

    // Found by CSVReader: a quoted header field running past the first block.
    let long = try readCSV(try file("long.csv", Array("\"id\nfirst\",\"Regel 1\r\nregel 2\"\r\n1,x\r\n".utf8)))
    XCTAssertEqual(long.columns, ["id\nfirst", "Regel 1\r\nregel 2"])
    XCTAssertEqual(long.results, ["4 1 [x]"])
    XCTAssertEqual(long.bytes, 36)

    // Found by CSVReader: the delimiter was detected on what the first block held of a header
    // line whose quote runs into the next line (here: a tab, once the whole line is read).
    let quote = try readCSV(try file("quote.csv", [0x00] + Array("\"\n\"\t\",".utf8)))
    XCTAssertEqual(quote.columns, ["\u{0}\""])
    XCTAssertEqual(quote.results, ["2 error: unexpected text after a closing quote"])
  }
}

