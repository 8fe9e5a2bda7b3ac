import XCTest

@testable import DualScope

/// The streaming readers: CSV edge cases, JSONL errors, line numbers, chunk boundaries.
final class BatchReaderTests: FolderTestCase {
  func file(_ name: String, _ text: String) throws -> String { try file(name, Array(text.utf8)) }

  let layout = RecordLayout(idColumn: "id", textColumns: ["title", "abstract"], carryColumns: ["dept"])

  /// Reads a file with every chunk size from tiny to whole, checking that all give one answer.
  func read(
    _ path: String, layout: RecordLayout? = nil, format: InputFormat? = nil
  ) throws -> [Result<PortfolioRecord, RecordError>] {
    var answers: [[String]] = []
    var last: [Result<PortfolioRecord, RecordError>] = []
    for chunk in [1, 2, 3, 7, 64, 1 << 20] {
      let stream = try RecordStream(path: path, format: format, chunkBytes: chunk)
      let resolved = ResolvedLayout(layout ?? self.layout, columns: stream.columns)
      var out: [Result<PortfolioRecord, RecordError>] = []
      while let c = try stream.next() { out += c.records(resolved) }
      answers.append(out.map(describe))
      last = out
    }
    for a in answers.dropFirst() { XCTAssertEqual(a, answers[0], "chunk sizes disagree") }
    return last
  }

  func describe(_ r: Result<PortfolioRecord, RecordError>) -> String {
    switch r {
    case .success(let p):
      return "\(p.line) \(p.id) [\(p.text)] \(p.carried.map(\.1))\(p.hadInvalidUTF8 ? " invalid" : "")"
    case .failure(let e): return "\(e.line) error: \(e.message)"
    }
  }

  func testQuotedCommasNewlinesAndDoubledQuotes() throws {
    let path = try file(
      "a.csv",
      "id,title,abstract,dept\r\n1,\"Lasers, optics\",\"Line one\nline \"\"two\"\"\",Physics\r\n\n2,Plain,Text,Chem\n")
    XCTAssertEqual(
      try read(path).map(describe),
      ["2 1 [Lasers, optics\n\nLine one\nline \"two\"] [\"Physics\"]", "5 2 [Plain\n\nText] [\"Chem\"]"])
  }

  func testByteOrderMarkAndDetectedDelimiters() throws {
    let semicolon = try file("s.csv", [0xEF, 0xBB, 0xBF] + Array("id;title;abstract;dept\n1;A, b;C;D\n".utf8))
    XCTAssertEqual(try read(semicolon).map(describe), ["2 1 [A, b\n\nC] [\"D\"]"])
    let tab = try file("t.tsv", "id\ttitle\tabstract\tdept\n7\tX; y\tZ\tW\n")
    XCTAssertEqual(try read(tab).map(describe), ["2 7 [X; y\n\nZ] [\"W\"]"])
  }

  func testUnbalancedQuoteIsAnErrorAndTheReaderResynchronises() throws {
    let path = try file(
      "q.csv",
      "id,title,abstract,dept\n1,ok,fine,A\n2,\"broken,text,B\n3,\"next\",row,C\n4,last,row,D\n")
    XCTAssertEqual(
      try read(path).map(describe),
      ["2 1 [ok\n\nfine] [\"A\"]", "3 error: unexpected text after a closing quote", "4 3 [next\n\nrow] [\"C\"]",
       "5 4 [last\n\nrow] [\"D\"]"])
    let atEnd = try file("e.csv", "id,title,abstract,dept\n1,ok,fine,A\n2,\"never closed,x,y\n3,a,b,c\n")
    XCTAssertEqual(
      try read(atEnd).map(describe),
      ["2 1 [ok\n\nfine] [\"A\"]", "3 error: unterminated quoted field", "4 3 [a\n\nb] [\"c\"]"])
  }

  func testWrongFieldCountAndEmptyIDAreErrors() throws {
    let path = try file("f.csv", "id,title,abstract,dept\n1,a,b\n,a,b,c\n")
    XCTAssertEqual(
      try read(path).map(describe),
      ["2 error: expected 4 fields, found 3", "3 error: empty id in column 'id'"])
  }

  func testInvalidUTF8IsReplacedAndFlagged() throws {
    let path = try file("u.csv", Array("id,title,abstract,dept\n1,caf".utf8) + [0xE9] + Array(",x,y\n".utf8))
    XCTAssertEqual(try read(path).map(describe), ["2 1 [caf\u{FFFD}\n\nx] [\"y\"] invalid"])
  }

  func testJSONLinesErrorsCarryTheirLine() throws {
    let path = try file(
      "j.jsonl",
      "{\"id\": \"a\", \"title\": \"T\", \"abstract\": \"X\", \"dept\": \"D\"}\n\n{\"id\": \"b\", \"title\": }\n"
        + "{\"id\": \"c\", \"abstract\": null, \"dept\": [\"x\", \"y\"]}\n")
    XCTAssertEqual(
      try read(path).map(describe),
      ["1 a [T\n\nX] [\"D\"]", "3 error: invalid JSON at column 22: expected a value", "4 c [] [\"x; y\"]"])
  }

  func testGzipAndFolderInputs() throws {
    let plain = "id,title,abstract,dept\n1,a,b,c\n"
    let path = try file("p.csv", plain)
    let gz = Process()
    gz.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    gz.arguments = ["gzip", "-k", path]
    try gz.run()
    gz.waitUntilExit()
    XCTAssertEqual(try read(path + ".gz").map(describe), ["2 1 [a\n\nb] [\"c\"]"])
    let folder = directory.appendingPathComponent("texts")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "Qubits.".write(to: folder.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
    try "Lasers.".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
    try "no".write(to: folder.appendingPathComponent("skip.md"), atomically: true, encoding: .utf8)
    XCTAssertEqual(try read(folder.path).map(describe), ["1 a [Lasers.] []", "1 b [Qubits.] []"])
  }

  func testMissingColumnListsTheColumnsThatExist() throws {
    let path = try file("m.csv", "id,title,summary\n1,a,b\n")
    XCTAssertThrowsError(try RecordStream.open(path, layout: layout)) { error in
      XCTAssertEqual(
        (error as? SetupError)?.description, "\(path): no columns 'abstract', 'dept'; the input has: id, title, summary")
    }
  }
}
