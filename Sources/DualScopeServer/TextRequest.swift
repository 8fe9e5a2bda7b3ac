import Foundation

/// The body of `POST classify` and `POST explain`: `{"text": "…"}`, and optionally the columns a
/// portfolio record would carry, `"context": {"fundingScheme": "HORIZON-CSA", "topics": "…"}`,
/// for the release's record-context rules (or a calibrated release's context columns). Any other
/// key is refused (400), so a misspelt or unsupported option never passes silently; `cut` is not
/// offered yet: the release's own thresholds apply.
struct TextRequest: Decodable {
  let text: String
  /// The record's columns and values, ordered by column.
  let context: [(String, String)]

  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    if let unknown = c.allKeys.map(\.stringValue).sorted().first(where: { $0 != "text" && $0 != "context" }) {
      throw TextRequestError(message: "unknown field '\(unknown)' (the body takes \"text\" and \"context\")")
    }
    guard c.contains(Key(stringValue: "text")) else {
      throw TextRequestError(message: "missing field 'text'")
    }
    do {
      text = try c.decode(String.self, forKey: Key(stringValue: "text"))
    } catch {
      throw TextRequestError(message: "field 'text' must be a string")
    }
    let columns: [String: String]
    do {
      columns = try c.decodeIfPresent([String: String].self, forKey: Key(stringValue: "context")) ?? [:]
    } catch {
      throw TextRequestError(
        message: "field 'context' must be an object of strings, a column to its value (\"fundingScheme\": \"HORIZON-CSA\")")
    }
    if columns.keys.contains(where: \.isEmpty) {
      throw TextRequestError(message: "field 'context' names a column with an empty name")
    }
    context = columns.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  init(text: String) {
    self.text = text
    self.context = []
  }

  /// Decodes a body, naming the problem in the error's message. The common body, one object
  /// with one key `text`, is read directly; anything else goes through `JSONDecoder`, which
  /// also names what is wrong.
  static func decode(_ bytes: UnsafeRawBufferPointer) throws(TextRequestError) -> TextRequest {
    if let text = plainText(bytes) { return TextRequest(text: text) }
    return try decodeBody(TextRequest.self, bytes, expected: "{\"text\": \"…\"}")
  }

  /// The text of a body that is exactly `{"text": "…"}` (white space allowed between tokens),
  /// or nil for anything else: another shape, a raw control character, invalid UTF-8, a lone
  /// surrogate. Nil never means an error by itself; the caller decodes such bodies fully.
  static func plainText(_ b: UnsafeRawBufferPointer) -> String? {
    var i = 0
    let n = b.count
    func skipSpace() {
      while i < n, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }
    func expect(_ c: UInt8) -> Bool {
      skipSpace()
      guard i < n, b[i] == c else { return false }
      i += 1
      return true
    }
    guard expect(UInt8(ascii: "{")), expect(UInt8(ascii: "\"")) else { return nil }
    guard i + 5 <= n, b[i] == UInt8(ascii: "t"), b[i + 1] == UInt8(ascii: "e"), b[i + 2] == UInt8(ascii: "x"),
      b[i + 3] == UInt8(ascii: "t"), b[i + 4] == UInt8(ascii: "\"")
    else { return nil }
    i += 5
    guard expect(UInt8(ascii: ":")), expect(UInt8(ascii: "\"")) else { return nil }
    // The string: find its end; copy only when it holds escapes.
    let start = i
    var escaped = false
    while i < n, b[i] != UInt8(ascii: "\"") {
      if b[i] < 0x20 { return nil }
      if b[i] == UInt8(ascii: "\\") {
        escaped = true
        i += 1
      }
      i += 1
    }
    guard i < n else { return nil }
    let end = i
    i += 1
    guard expect(UInt8(ascii: "}")) else { return nil }
    skipSpace()
    guard i == n else { return nil }
    let raw = UnsafeRawBufferPointer(rebasing: b[start..<end])
    if !escaped { return String(validating: raw, as: UTF8.self) }
    guard let bytes = unescape(raw) else { return nil }
    return String(validating: bytes, as: UTF8.self)
  }

  /// The bytes of a JSON string's inside with its escapes resolved; nil for a bad escape.
  static func unescape(_ b: UnsafeRawBufferPointer) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    var i = 0
    func hex4(_ at: Int) -> UInt32? {
      guard at + 4 <= b.count else { return nil }
      var v: UInt32 = 0
      for k in at..<(at + 4) {
        let c = b[k]
        let d: UInt32
        switch c {
        case 0x30...0x39: d = UInt32(c - 0x30)
        case 0x41...0x46: d = UInt32(c - 0x41 + 10)
        case 0x61...0x66: d = UInt32(c - 0x61 + 10)
        default: return nil
        }
        v = v << 4 | d
      }
      return v
    }
    while i < b.count {
      let c = b[i]
      guard c == UInt8(ascii: "\\") else {
        out.append(c)
        i += 1
        continue
      }
      guard i + 1 < b.count else { return nil }
      let e = b[i + 1]
      i += 2
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        guard var v = hex4(i) else { return nil }
        i += 4
        if (0xD800..<0xDC00).contains(v) {
          guard i + 6 <= b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u"), let low = hex4(i + 2),
            (0xDC00..<0xE000).contains(low)
          else { return nil }
          i += 6
          v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(v) {
          return nil
        }
        guard let scalar = Unicode.Scalar(v) else { return nil }
        out.append(contentsOf: String(Character(scalar)).utf8)
      default: return nil
      }
    }
    return out
  }

  /// Decodes a JSON object body of type `T`; errors name the problem, and `expected` shows the
  /// shape the body should have.
  static func decodeBody<T: Decodable>(_ type: T.Type, _ bytes: some Sequence<UInt8>, expected: String)
    throws(TextRequestError) -> T
  {
    let data = Data(bytes)
    if data.isEmpty { throw TextRequestError(message: "empty body: expected a JSON object \(expected)") }
    do {
      return try JSONDecoder().decode(T.self, from: data)
    } catch let e as TextRequestError {
      throw e
    } catch DecodingError.dataCorrupted(let context) {
      let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
      throw TextRequestError(message: "malformed JSON: " + (detail ?? context.debugDescription))
    } catch DecodingError.typeMismatch(_, _) {
      throw TextRequestError(message: "expected a JSON object \(expected)")
    } catch {
      throw TextRequestError(message: "malformed JSON: \(error)")
    }
  }
}

struct TextRequestError: Error {
  let message: String
}
