import Foundation

/// The kinds of portfolio input DualScope reads.
public enum InputFormat: String, Sendable, CaseIterable {
  case csv
  case jsonl
  case text

  /// The format a path's extension suggests (`.csv`, `.tsv`, `.jsonl`, `.ndjson`, `.json`, a folder).
  public static func guess(_ path: String) -> InputFormat? {
    var p = path.lowercased()
    if p.hasSuffix(".gz") { p.removeLast(3) }
    if p.hasSuffix(".csv") || p.hasSuffix(".tsv") { return .csv }
    if p.hasSuffix(".jsonl") || p.hasSuffix(".ndjson") || p.hasSuffix(".json") { return .jsonl }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      return .text
    }
    return nil
  }
}

/// Reads whole inputs into raw records, keeping one result per record: the record or its error.
public enum RecordReader {
  /// CSV: the first row names the columns.
  public static func csv(
    _ bytes: [UInt8], source: String, delimiter: UInt8? = nil
  ) -> (columns: [String], records: [Result<RawRecord, RecordError>]) {
    var columns: [String] = []
    var out: [Result<RawRecord, RecordError>] = []
    let (text, replaced) = validUTF8(bytes)
    text.withUnsafeBufferPointer { buffer in
      let parser = CSVParser(delimiter: delimiter ?? CSVParser.detectDelimiter(buffer))
      parser.parse(buffer) { row in
        switch row {
        case .error(let message, let line):
          if columns.isEmpty {
            out.append(.failure(RecordError(source: source, line: line, message: "header row: " + message)))
          } else {
            out.append(.failure(RecordError(source: source, line: line, message: message)))
          }
        case .fields(let fields, let line):
          if columns.isEmpty {
            columns = fields.map { $0.trimmingSpaces() }
            return
          }
          guard fields.count == columns.count else {
            out.append(
              .failure(
                RecordError(
                  source: source, line: line,
                  message: "expected \(columns.count) fields, found \(fields.count)")))
            return
          }
          var values: [String: RecordValue] = [:]
          for (k, v) in zip(columns, fields) { values[k] = .text(v) }
          out.append(
            .success(
              RawRecord(
                line: line, source: source, values: values,
                hadInvalidUTF8: replaced.contains { $0 == line })))
        }
      }
    }
    return (columns, out)
  }

  /// JSONL: one object a line; blank lines are skipped.
  public static func jsonl(_ bytes: [UInt8], source: String) -> [Result<RawRecord, RecordError>] {
    var out: [Result<RawRecord, RecordError>] = []
    let (text, replaced) = validUTF8(bytes)
    let replacedLines = Set(replaced)
    text.withUnsafeBufferPointer { buffer in
      var line = 1
      var start = 0
      let n = buffer.count
      while start < n {
        var end = start
        while end < n, buffer[end] != 0x0A { end += 1 }
        var lineEnd = end
        if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let slice = UnsafeBufferPointer(rebasing: buffer[start..<lineEnd])
        if !slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
          do {
            let values = try JSONLineParser.parse(slice)
            out.append(
              .success(
                RawRecord(line: line, source: source, values: values, hadInvalidUTF8: replacedLines.contains(line))))
          } catch let error as JSONLineParser.Failure {
            out.append(
              .failure(
                RecordError(source: source, line: line, message: "invalid JSON at column \(error.column): \(error.message)")))
          } catch {
            out.append(.failure(RecordError(source: source, line: line, message: "invalid JSON")))
          }
        }
        start = end + 1
        line += 1
      }
    }
    return out
  }

  /// Replaces invalid UTF-8 with U+FFFD; returns the lines (1-based) where it did.
  static func validUTF8(_ bytes: [UInt8]) -> ([UInt8], [Int]) {
    if String(validating: bytes, as: UTF8.self) != nil { return (bytes, []) }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 16)
    var lines: [Int] = []
    var line = 1
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      let length: Int
      switch b {
      case 0x00..<0x80: length = 1
      case 0xC2..<0xE0: length = 2
      case 0xE0..<0xF0: length = 3
      case 0xF0..<0xF5: length = 4
      default: length = 0
      }
      if length > 1, i + length <= bytes.count,
        String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil
      {
        out.append(contentsOf: bytes[i..<(i + length)])
        i += length
      } else if length == 1 {
        if b == 0x0A { line += 1 }
        out.append(b)
        i += 1
      } else {
        out.append(contentsOf: [0xEF, 0xBF, 0xBD])
        if lines.last != line { lines.append(line) }
        i += 1
      }
    }
    return (out, lines)
  }
}
