/// Writes the document `classify --format json` prints (``ClassificationDocument``) as compact
/// JSON by hand: the same bytes as `ResultJSON.encode(document, pretty: false)` (keys sorted,
/// slashes unescaped, strings escaped as `JSONEncoder` escapes them), without building a tree or
/// a `String` per number. The run metadata never changes for one classifier, so it is encoded
/// once, with `JSONEncoder`, when the writer is made. A test compares the bytes with the Codable
/// encoding for many texts.
public struct ClassificationDocumentWriter: Sendable {
  /// `{"metadata":…,"result":`
  private let head: [UInt8]

  public init(metadata: ResultMetadata) throws {
    head = Array(("{\"metadata\":" + (try ResultJSON.encode(metadata, pretty: false)) + ",\"result\":").utf8)
  }

  /// The document of one classification, with a final newline.
  public func encode(_ c: Classification) -> [UInt8] {
    var j = JSONBytes()
    j.reserve(head.count + 512 + c.fields.count * 1024)
    head.withUnsafeBytes { j.bytes.append($0) }
    Self.encode(c, into: &j)
    j.raw(",\"schema\":\"dualscope.classification/2\"}\n")
    return j.array
  }

  /// A classification's keys in sorted order: areas, fields, level, status, words.
  static func encode(_ c: Classification, into j: inout JSONBytes) {
    j.open()
    j.key("areas"); j.openArray()
    for (k, a) in c.areas.enumerated() {
      if k > 0 { j.comma() }
      j.open()
      j.key("id"); j.encoderString(a.id); j.comma()
      j.key("level"); j.encoderString(a.level.rawValue); j.comma()
      j.key("name"); j.encoderString(a.name); j.comma()
      if let p = a.probability { j.key("probability"); j.double(p); j.comma() }
      j.key("score"); j.double(a.score); j.comma()
      j.key("threshold"); j.double(a.threshold)
      j.close()
    }
    j.closeArray(); j.comma()
    j.key("fields"); j.openArray()
    for (k, f) in c.fields.enumerated() {
      if k > 0 { j.comma() }
      j.open()
      j.key("area"); j.encoderString(f.area); j.comma()
      j.key("dual_use"); j.openArray()
      for (m, code) in f.dualUse.enumerated() {
        if m > 0 { j.comma() }
        j.encoderString(code)
      }
      j.closeArray(); j.comma()
      j.key("evidence"); j.openArray()
      for (m, e) in f.evidence.enumerated() {
        if m > 0 { j.comma() }
        j.open()
        j.key("contribution"); j.double(e.contribution); j.comma()
        j.key("language"); j.encoderString(e.language); j.comma()
        j.key("matches"); j.openArray()
        for (s, span) in e.matches.enumerated() {
          if s > 0 { j.comma() }
          j.open()
          j.key("end"); j.int(span.end); j.comma()
          j.key("kind"); j.encoderString(span.kind); j.comma()
          j.key("start"); j.int(span.start); j.comma()
          j.key("text"); j.encoderString(span.text)
          j.close()
        }
        j.closeArray(); j.comma()
        j.key("term"); j.encoderString(e.term); j.comma()
        j.key("weak"); j.bool(e.weak); j.comma()
        j.key("weight"); j.double(e.weight)
        j.close()
      }
      j.closeArray(); j.comma()
      j.key("id"); j.encoderString(f.id); j.comma()
      j.key("level"); j.encoderString(f.level.rawValue); j.comma()
      j.key("name"); j.encoderString(f.name); j.comma()
      j.key("score"); j.double(f.score); j.comma()
      j.key("sensitivity"); j.encoderString(f.sensitivity.rawValue); j.comma()
      j.key("threshold"); j.double(f.threshold)
      j.close()
    }
    j.closeArray(); j.comma()
    j.key("level"); j.encoderString(c.level.rawValue); j.comma()
    j.key("status"); j.encoderString(c.status.rawValue); j.comma()
    j.key("words"); j.int(c.words)
    j.close()
  }
}

extension JSONBytes {
  /// A string escaped as Foundation's `JSONEncoder` escapes it (with `.withoutEscapingSlashes`):
  /// `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, other control characters as `\u00xx`.
  mutating func encoderString(_ s: String) {
    bytes.append(UInt8(ascii: "\""))
    var s = s
    let plain = s.withUTF8 { u in
      guard !u.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
      bytes.append(UnsafeRawBufferPointer(u))
      return true
    }
    if plain {
      bytes.append(UInt8(ascii: "\""))
      return
    }
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): raw("\\\"")
      case UInt8(ascii: "\\"): raw("\\\\")
      case 0x0A: raw("\\n")
      case 0x0D: raw("\\r")
      case 0x09: raw("\\t")
      case 0x08: raw("\\b")
      case 0x0C: raw("\\f")
      case 0..<0x20:
        let hex: StaticString = "0123456789abcdef"
        raw("\\u00")
        bytes.append(hex.utf8Start[Int(b >> 4)])
        bytes.append(hex.utf8Start[Int(b & 15)])
      default: bytes.append(b)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
