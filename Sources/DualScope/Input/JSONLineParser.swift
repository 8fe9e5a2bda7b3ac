/// Parses one JSONL line into a record's values.
///
/// Written here rather than taken from Foundation because batch runs parse millions of lines:
/// this parser works on the line's bytes in place, decodes only strings, keeps top-level keys
/// and turns arrays of strings into lists, and reports the column of a syntax error.
/// Nested objects and mixed arrays are kept as their JSON text.
struct JSONLineParser {
  /// A syntax error at a 1-based byte column of the line.
  struct Failure: Error {
    var column: Int
    var message: String
  }

  private let bytes: UnsafeBufferPointer<UInt8>
  private var i = 0

  private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  /// The top-level object's keys and values.
  static func parse(_ line: UnsafeBufferPointer<UInt8>) throws(Failure) -> [String: RecordValue] {
    var p = JSONLineParser(line)
    p.skipSpace()
    guard p.peek == UInt8(ascii: "{") else { throw p.fail("expected a JSON object") }
    let object = try p.object()
    p.skipSpace()
    guard p.i == p.bytes.count else { throw p.fail("unexpected text after the JSON object") }
    return object
  }

  private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

  private func fail(_ message: String) -> Failure {
    Failure(column: i + 1, message: message)
  }

  private mutating func skipSpace() {
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 }
  }

  private mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
    skipSpace()
    guard peek == byte else { throw fail("expected \(what)") }
    i += 1
  }

  private mutating func object() throws(Failure) -> [String: RecordValue] {
    try expect(UInt8(ascii: "{"), "'{'")
    var out: [String: RecordValue] = [:]
    skipSpace()
    if peek == UInt8(ascii: "}") {
      i += 1
      return out
    }
    while true {
      skipSpace()
      guard peek == UInt8(ascii: "\"") else { throw fail("expected a key in double quotes") }
      let key = try string()
      try expect(UInt8(ascii: ":"), "':' after a key")
      skipSpace()
      out[key] = try value()
      skipSpace()
      guard let c = peek else { throw fail("unterminated object") }
      i += 1
      if c == UInt8(ascii: "}") { return out }
      guard c == UInt8(ascii: ",") else {
        i -= 1
        throw fail("expected ',' or '}'")
      }
    }
  }

  private mutating func value() throws(Failure) -> RecordValue {
    guard let c = peek else { throw fail("expected a value") }
    switch c {
    case UInt8(ascii: "\""):
      return .text(try string())
    case UInt8(ascii: "["):
      let start = i
      if let list = try stringArray() { return .list(list) }
      i = start
      try skipValue()
      return .text(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
    case UInt8(ascii: "{"):
      let start = i
      try skipValue()
      return .text(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "t"):
      try literal("true")
      return .text("true")
    case UInt8(ascii: "f"):
      try literal("false")
      return .text("false")
    default:
      let start = i
      try number()
      return .text(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
    }
  }

  /// An array whose elements are all strings (or null); `nil` when it holds anything else.
  private mutating func stringArray() throws(Failure) -> [String]? {
    i += 1
    var out: [String] = []
    skipSpace()
    if peek == UInt8(ascii: "]") {
      i += 1
      return out
    }
    while true {
      skipSpace()
      if peek == UInt8(ascii: "\"") {
        out.append(try string())
      } else if peek == UInt8(ascii: "n") {
        try literal("null")
      } else {
        return nil
      }
      skipSpace()
      guard let c = peek else { throw fail("unterminated array") }
      i += 1
      if c == UInt8(ascii: "]") { return out }
      guard c == UInt8(ascii: ",") else {
        i -= 1
        throw fail("expected ',' or ']'")
      }
    }
  }

  private mutating func skipValue() throws(Failure) {
    skipSpace()
    guard let c = peek else { throw fail("expected a value") }
    if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
      let close = c == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
      i += 1
      skipSpace()
      if peek == close {
        i += 1
        return
      }
      while true {
        if close == UInt8(ascii: "}") {
          skipSpace()
          guard peek == UInt8(ascii: "\"") else { throw fail("expected a key in double quotes") }
          _ = try string()
          try expect(UInt8(ascii: ":"), "':' after a key")
        }
        try skipValue()
        skipSpace()
        guard let d = peek else { throw fail("unterminated \(close == UInt8(ascii: "]") ? "array" : "object")") }
        i += 1
        if d == close { return }
        guard d == UInt8(ascii: ",") else {
          i -= 1
          throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))'")
        }
      }
    } else {
      _ = try value()
    }
  }

  private mutating func literal(_ word: StaticString) throws(Failure) {
    let n = word.utf8CodeUnitCount
    guard i + n <= bytes.count else { throw fail("invalid literal") }
    for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw fail("invalid literal") }
    i += n
  }

  private mutating func number() throws(Failure) {
    let start = i
    if peek == UInt8(ascii: "-") { i += 1 }
    while let c = peek, (48...57).contains(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "e")
      || c == UInt8(ascii: "E") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
    {
      i += 1
    }
    if i == start || (i == start + 1 && bytes[start] == UInt8(ascii: "-")) {
      i = start
      throw fail("expected a value")
    }
  }

  private mutating func string() throws(Failure) -> String {
    i += 1
    let start = i
    // Fast path: no escapes.
    while i < bytes.count {
      let c = bytes[i]
      if c == UInt8(ascii: "\"") {
        let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        i += 1
        return s
      }
      if c == UInt8(ascii: "\\") { break }
      if c < 0x20 { throw fail("control character in a string") }
      i += 1
    }
    var out = [UInt8](bytes[start..<i])
    while i < bytes.count {
      let c = bytes[i]
      if c == UInt8(ascii: "\"") {
        i += 1
        return String(decoding: out, as: UTF8.self)
      }
      if c < 0x20 { throw fail("control character in a string") }
      if c != UInt8(ascii: "\\") {
        out.append(c)
        i += 1
        continue
      }
      i += 1
      guard let e = peek else { break }
      i += 1
      switch e {
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
          bytes[i + 1] == UInt8(ascii: "u")
        {
          i += 2
          let low = try hex4()
          if (0xDC00..<0xE000).contains(low) {
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else {
            scalar = 0xFFFD
          }
        }
        let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(u)).utf8))
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
      default:
        i -= 1
        throw fail("invalid escape in a string")
      }
    }
    throw fail("unterminated string")
  }

  private mutating func hex4() throws(Failure) -> UInt32 {
    guard i + 4 <= bytes.count else { throw fail("invalid \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[i]
      let d: UInt32
      switch c {
      case 48...57: d = UInt32(c - 48)
      case 65...70: d = UInt32(c - 55)
      case 97...102: d = UInt32(c - 87)
      default: throw fail("invalid \\u escape")
      }
      v = v << 4 | d
      i += 1
    }
    return v
  }
}
