/// An RFC 4180 CSV parser over a byte buffer: quoted fields with delimiters, line breaks and
/// doubled quotes; a byte-order mark; `,`, `;` or tab as delimiter.
///
/// A malformed row (an unterminated quote, text after a closing quote) becomes an error with its
/// line, and parsing resumes at the next line, so one bad row costs one record, not the file.
struct CSVParser {
  /// One parsed row: its fields, or why it could not be read.
  enum Row {
    case fields([String], line: Int)
    case error(String, line: Int)
  }

  let delimiter: UInt8

  /// Picks the delimiter that occurs most often outside quotes in the first line.
  static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
    var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
    var quoted = false
    for b in bytes {
      if b == UInt8(ascii: "\"") { quoted.toggle() }
      if !quoted && (b == 0x0A || b == 0x0D) { break }
      if !quoted, counts[b] != nil { counts[b]! += 1 }
    }
    let best = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!
    return best.value == 0 ? UInt8(ascii: ",") : best.key
  }

  /// Calls `row` for every row of the buffer, in order.
  func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1, _ row: (Row) -> Void) {
    var i = 0
    let n = bytes.count
    if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    var line = firstLine
    var field: [UInt8] = []
    var fields: [String] = []
    while i < n {
      // Start of a row.
      let rowLine = line
      let rowStart = i
      fields.removeAll(keepingCapacity: true)
      var failure: String?
      rowLoop: while true {
        field.removeAll(keepingCapacity: true)
        if i < n, bytes[i] == UInt8(ascii: "\"") {
          i += 1
          var closed = false
          while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
              if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\"") {
                field.append(b)
                i += 2
                continue
              }
              i += 1
              closed = true
              break
            }
            if b == 0x0A { line += 1 }
            field.append(b)
            i += 1
          }
          if !closed {
            failure = "unterminated quoted field"
            break rowLoop
          }
          if i < n, bytes[i] != delimiter, bytes[i] != 0x0A, bytes[i] != 0x0D {
            failure = "unexpected text after a closing quote"
            break rowLoop
          }
        } else {
          while i < n, bytes[i] != delimiter, bytes[i] != 0x0A, bytes[i] != 0x0D {
            field.append(bytes[i])
            i += 1
          }
        }
        fields.append(String(decoding: field, as: UTF8.self))
        if i >= n { break rowLoop }
        if bytes[i] == delimiter {
          i += 1
          continue
        }
        // End of line: CRLF, LF or CR.
        if bytes[i] == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
        i += 1
        line += 1
        break rowLoop
      }
      if let failure {
        row(.error(failure, line: rowLine))
        // Resynchronise at the line after the one the bad row started on.
        i = rowStart
        while i < n, bytes[i] != 0x0A { i += 1 }
        i += 1
        line = rowLine + 1
        continue
      }
      // A blank line is no record.
      if fields.count == 1 && fields[0].isEmpty { continue }
      row(.fields(fields, line: rowLine))
    }
  }
}
