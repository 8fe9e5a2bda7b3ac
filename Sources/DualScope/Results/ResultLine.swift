/// One classified record: the schema of every result line (`batch` JSONL, the institution map's
/// input, the server's batch stream).
///
/// Its Codable form is the schema, documented in `docs/result-schema.md` and versioned by the
/// run metadata's `schema_version`: `id`, `source`, `line`, the classification's keys at the top
/// level (`status`, `level`, `words`, `areas`, `fields`), `screening` when the run screens,
/// `carried` and `invalid_utf8`. The batch
/// writer encodes it by hand for speed (``JSONLinesResultWriter``); a test decodes every line of
/// a real run with this type and compares it with what was written.
public struct ResultLine: Sendable, Hashable, Codable {
  public var id: String
  /// Where the record came from: a file path, `-` for standard input.
  public var source: String
  /// 1-based line where the record starts.
  public var line: Int
  public var classification: Classification
  /// The carried columns by name. Writers emit them in the order the run asked for them.
  public var carried: [String: String]
  /// The record held invalid UTF-8, replaced with U+FFFD before classifying.
  public var invalidUTF8: Bool
  /// The screening triage, when the run screens (`--partner-country-column` and the like).
  public var screening: ScreeningLine?

  public init(
    id: String, source: String, line: Int, classification: Classification, carried: [String: String] = [:],
    invalidUTF8: Bool = false, screening: ScreeningLine? = nil
  ) {
    self.id = id
    self.source = source
    self.line = line
    self.classification = classification
    self.carried = carried
    self.invalidUTF8 = invalidUTF8
    self.screening = screening
  }

  /// The line of a classified (and maybe screened) portfolio record.
  public init(_ record: borrowing PortfolioRecord, _ classification: Classification, screening: ScreeningLine? = nil) {
    self.init(
      id: record.id, source: record.source, line: record.line, classification: classification,
      carried: Self.carried(record.carried), invalidUTF8: record.hadInvalidUTF8, screening: screening)
  }

  /// A record's carried columns by name.
  static func carried(_ columns: [(String, String)]) -> [String: String] {
    var carried: [String: String] = [:]
    for (k, v) in columns { carried[k] = v }
    return carried
  }

  enum CodingKeys: String, CodingKey {
    case id, source, line, carried, screening
    case invalidUTF8 = "invalid_utf8"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    source = try c.decode(String.self, forKey: .source)
    line = try c.decode(Int.self, forKey: .line)
    carried = try c.decodeIfPresent([String: String].self, forKey: .carried) ?? [:]
    invalidUTF8 = try c.decodeIfPresent(Bool.self, forKey: .invalidUTF8) ?? false
    screening = try c.decodeIfPresent(ScreeningLine.self, forKey: .screening)
    classification = try Classification(from: decoder)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(source, forKey: .source)
    try c.encode(line, forKey: .line)
    try c.encode(carried, forKey: .carried)
    try c.encode(invalidUTF8, forKey: .invalidUTF8)
    try c.encodeIfPresent(screening, forKey: .screening)
    try classification.encode(to: encoder)
  }

  /// The value of a carried column, empty when it was not carried.
  public func carried(_ column: String) -> String { carried[column] ?? "" }

  /// The most specific top evidence terms over all assigned fields, best first, without repeats.
  public func topTerms(_ limit: Int) -> [String] {
    var seen = Set<String>()
    var all: [(String, Double)] = []
    for field in classification.fields {
      for e in field.evidence where seen.insert(e.term).inserted { all.append((e.term, e.contribution)) }
    }
    all.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    return all.prefix(limit).map(\.0)
  }
}
