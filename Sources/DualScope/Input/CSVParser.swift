/// An RFC 4180 CSV row scanner over a byte buffer: quoted fields with delimiters, line breaks and
/// doubled quotes; `,`, `;` or tab as delimiter.
///
/// The scanner finds where a row ends and where its fields lie without copying anything; the
/// fields are turned into strings later, on the worker threads, and only for the columns a run
/// uses. A malformed row (an unterminated quote, text after a closing quote, a row longer than the
/// limit) is reported with its line, and scanning resumes at the line after the one the row
/// started on, so one bad row costs one record, not the file.
struct CSVParser {
  /// Where one field's contents lie in the buffer.
  struct FieldSpan: Sendable, Hashable {
    var start: Int
    var end: Int
    /// The contents hold doubled quotes that must be undone.
    var escaped: Bool
  }

  /// What scanning one row found.
  enum Outcome: Equatable {
    /// A row ending before `end`; `lines` line breaks were consumed.
    case row(end: Int, lines: Int)
    /// A row of one empty field: no record.
    case blank(end: Int, lines: Int)
    /// A malformed row; scanning resumes at `end` (the next line), one line consumed.
    case error(String, end: Int)
    /// A malformed row whose next line is not in the buffer yet: skip to the next line break.
    case errorSkipping(String)
    /// The buffer ends inside the row: read more and scan it again.
    case needMore
  }

  let delimiter: UInt8

  /// Picks the delimiter that occurs most often outside quotes in the first line.
  static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
    detectDelimiter(bytes, complete: true) ?? UInt8(ascii: ",")
  }

  /// As ``detectDelimiter(_:)``; nil when the first line does not end inside `bytes` and more
  /// may follow (`complete` false), so the answer never depends on where a block ends.
  static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, complete: Bool) -> UInt8? {
    var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
    var quoted = false
    var ended = false
    for b in bytes {
      if b == UInt8(ascii: "\"") { quoted.toggle() }
      if !quoted && (b == 0x0A || b == 0x0D) {
        ended = true
        break
      }
      if !quoted, counts[b] != nil { counts[b]! += 1 }
    }
    if !ended && !complete { return nil }
    let best = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!
    return best.value == 0 ? UInt8(ascii: ",") : best.key
  }

  /// Scans the row starting at `start`, appending its fields to `fields` (cleared first).
  ///
  /// `atEnd` says the buffer holds the rest of the input; `limit` is the longest row in bytes.
  func scanRow(
    _ b: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool, limit: Int, fields: inout [FieldSpan]
  ) -> Outcome {
    fields.removeAll(keepingCapacity: true)
    let n = b.count
    let quote = UInt8(ascii: "\"")
    let delimiter = self.delimiter
    var i = start
    var lines = 0
    while true {
      if i < n, b[i] == quote {
        i += 1
        let contentStart = i
        var escaped = false
        var closed = false
        while true {
          i = ByteFinder.first(quote, 0x0A, in: b, from: i)
          guard i < n else { break }
          let c = b[i]
          if c == quote {
            if i + 1 < n {
              if b[i + 1] == quote {
                escaped = true
                i += 2
                continue
              }
            } else if !atEnd {
              return i - start > limit ? fail("row longer than \(limit) bytes", b, start, atEnd) : .needMore
            }
            closed = true
            break
          }
          if c == 0x0A { lines += 1 }
          i += 1
        }
        if !closed {
          if atEnd { return fail("unterminated quoted field", b, start, atEnd) }
          return i - start > limit
            ? fail("quoted field runs past \(limit) bytes (an unbalanced quote?)", b, start, atEnd) : .needMore
        }
        fields.append(FieldSpan(start: contentStart, end: i, escaped: escaped))
        i += 1
        if i < n, b[i] != delimiter, b[i] != 0x0A, b[i] != 0x0D {
          return fail("unexpected text after a closing quote", b, start, atEnd)
        }
      } else {
        let fieldStart = i
        i = ByteFinder.first(delimiter, 0x0A, 0x0D, in: b, from: i)
        if i == n && !atEnd {
          return i - start > limit ? fail("row longer than \(limit) bytes", b, start, atEnd) : .needMore
        }
        fields.append(FieldSpan(start: fieldStart, end: i, escaped: false))
      }
      if i >= n {
        return isBlank(fields) ? .blank(end: i, lines: lines) : .row(end: i, lines: lines)
      }
      if b[i] == delimiter {
        i += 1
        continue
      }
      // End of line: CRLF, LF or CR.
      if b[i] == 0x0D {
        if i + 1 < n {
          if b[i + 1] == 0x0A { i += 1 }
        } else if !atEnd {
          return .needMore
        }
      }
      i += 1
      lines += 1
      return isBlank(fields) ? .blank(end: i, lines: lines) : .row(end: i, lines: lines)
    }
  }

  private func isBlank(_ fields: [FieldSpan]) -> Bool {
    fields.count == 1 && fields[0].start == fields[0].end && !fields[0].escaped
  }

  /// A malformed row: resume after the first line break at or after the row's start.
  private func fail(_ message: String, _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ atEnd: Bool) -> Outcome {
    var i = start
    while i < b.count, b[i] != 0x0A { i += 1 }
    if i < b.count { return .error(message, end: i + 1) }
    return atEnd ? .error(message, end: b.count) : .errorSkipping(message)
  }

  /// The text of a field; doubled quotes undone, invalid UTF-8 replaced (and reported).
  static func string(_ b: UnsafeBufferPointer<UInt8>, _ span: FieldSpan) -> (String, invalid: Bool) {
    let slice = UnsafeBufferPointer(rebasing: b[span.start..<span.end])
    if !span.escaped { return UTF8Repair.string(slice) }
    var out: [UInt8] = []
    out.reserveCapacity(slice.count)
    var i = 0
    while i < slice.count {
      out.append(slice[i])
      i += slice[i] == UInt8(ascii: "\"") && i + 1 < slice.count && slice[i + 1] == UInt8(ascii: "\"") ? 2 : 1
    }
    return out.withUnsafeBufferPointer { UTF8Repair.string($0) }
  }
}
