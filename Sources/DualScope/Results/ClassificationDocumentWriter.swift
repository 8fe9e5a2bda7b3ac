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
      j.key("id"); j.string(a.id); j.comma()
      j.key("level"); j.string(a.level.rawValue); j.comma()
      j.key("name"); j.string(a.name); j.comma()
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
      j.key("area"); j.string(f.area); j.comma()
      j.key("dual_use"); j.openArray()
      for (m, code) in f.dualUse.enumerated() {
        if m > 0 { j.comma() }
        j.string(code)
      }
      j.closeArray(); j.comma()
      j.key("evidence"); j.openArray()
      for (m, e) in f.evidence.enumerated() {
        if m > 0 { j.comma() }
        j.open()
        j.key("contribution"); j.double(e.contribution); j.comma()
        j.key("language"); j.string(e.language); j.comma()
        j.key("matches"); j.openArray()
        for (s, span) in e.matches.enumerated() {
          if s > 0 { j.comma() }
          j.open()
          j.key("end"); j.int(span.end); j.comma()
          j.key("kind"); j.string(span.kind); j.comma()
          j.key("start"); j.int(span.start); j.comma()
          j.key("text"); j.string(span.text)
          j.close()
        }
        j.closeArray(); j.comma()
        j.key("term"); j.string(e.term); j.comma()
        j.key("weak"); j.bool(e.weak); j.comma()
        j.key("weight"); j.double(e.weight)
        j.close()
      }
      j.closeArray(); j.comma()
      j.key("id"); j.string(f.id); j.comma()
      j.key("level"); j.string(f.level.rawValue); j.comma()
      j.key("name"); j.string(f.name); j.comma()
      j.key("score"); j.double(f.score); j.comma()
      j.key("sensitivity"); j.string(f.sensitivity.rawValue); j.comma()
      j.key("threshold"); j.double(f.threshold)
      j.close()
    }
    j.closeArray(); j.comma()
    j.key("level"); j.string(c.level.rawValue); j.comma()
    j.key("status"); j.string(c.status.rawValue); j.comma()
    j.key("words"); j.int(c.words)
    j.close()
  }
}
