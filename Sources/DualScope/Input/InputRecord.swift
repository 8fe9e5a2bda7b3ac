/// One record of a portfolio as read from CSV, JSONL or a folder of text files, before its
/// columns are picked out.
public struct RawRecord: Sendable, Hashable {
  /// 1-based line where the record starts (for a folder: 1).
  public var line: Int
  /// Where it came from: a file path, `-` for standard input.
  public var source: String
  public var values: [String: RecordValue]
  /// The record held invalid UTF-8, replaced with U+FFFD.
  public var hadInvalidUTF8: Bool

  public init(line: Int, source: String, values: [String: RecordValue], hadInvalidUTF8: Bool = false) {
    self.line = line
    self.source = source
    self.values = values
    self.hadInvalidUTF8 = hadInvalidUTF8
  }
}

/// A value of a record: a text, a list of texts (JSON arrays), or nothing (JSON null).
public enum RecordValue: Sendable, Hashable {
  case text(String)
  case list([String])
  case null

  /// The value as one text: lists joined by "; ", null as empty.
  public var text: String {
    switch self {
    case .text(let s): s
    case .list(let items): items.joined(separator: "; ")
    case .null: ""
    }
  }

  /// The value as a list: a text is split on `;`, `,`, `|` and white space.
  public var items: [String] {
    switch self {
    case .list(let items): return items
    case .null: return []
    case .text(let s):
      return s.split(whereSeparator: { ";,|".contains($0) || $0.isWhitespace }).map(String.init)
    }
  }
}

/// A record that could not be read, with where and why. Every input record yields either an
/// output record or one of these.
public struct RecordError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What was wrong, for callers that sort or count error records; new kinds break no caller.
  public struct Kind: Hashable, Sendable, CustomStringConvertible {
    public let description: String
    init(_ name: String) { description = name }

    /// The row is not well-formed CSV or JSON, or too long.
    public static let malformed = Kind("malformed")
    /// The row has no ID in the ID column.
    public static let missingID = Kind("missing-id")
    /// The input itself could not be opened or read on (a damaged gzip stream).
    public static let unreadable = Kind("unreadable")
    /// A line of a result file that is not a result line.
    public static let notAResult = Kind("not-a-result")
    /// A cell the run cannot use: an unknown country in a screening column.
    public static let invalidValue = Kind("invalid-value")
  }

  public var kind: Kind
  public var source: String
  public var line: Int
  public var message: String
  /// The record's ID when it could be read.
  public var id: String?

  public init(_ kind: Kind = .malformed, source: String, line: Int, message: String, id: String? = nil) {
    self.kind = kind
    self.source = source
    self.line = line
    self.message = message
    self.id = id
  }

  /// `source:line: error: message`, as ``DiagnosticRenderer`` renders it.
  public var description: String {
    var text = DiagnosticRenderer().render(self)
    text.removeLast()
    return text
  }
}

/// Which columns (CSV) or keys (JSONL) of a record hold what.
public struct RecordLayout: Sendable, Hashable {
  public var idColumn: String
  /// Joined in order with a blank line between them (title, abstract).
  public var textColumns: [String]
  public var labelsColumn: String?
  public var carryColumns: [String]
  /// Columns that hold screening inputs (partners, nationality, funding); read, not carried.
  public var screening: ScreeningColumns?

  public init(
    idColumn: String, textColumns: [String], labelsColumn: String? = nil, carryColumns: [String] = [],
    screening: ScreeningColumns? = nil
  ) {
    self.idColumn = idColumn
    self.textColumns = textColumns
    self.labelsColumn = labelsColumn
    self.carryColumns = carryColumns
    self.screening = screening
  }

  /// Every column the layout needs.
  public var requiredColumns: [String] {
    [idColumn] + textColumns + (labelsColumn.map { [$0] } ?? []) + carryColumns + (screening?.columns ?? [])
  }
}

/// A record with its columns picked out: what the classifier and the writers see.
public struct PortfolioRecord: Sendable, Hashable {
  public var line: Int
  public var source: String
  public var id: String
  public var text: String
  public var labels: [String]
  public var carried: [(String, String)]
  public var hadInvalidUTF8: Bool
  /// The screening cells, when the layout names screening columns.
  public var screening: ScreeningCells? = nil

  public static func == (a: PortfolioRecord, b: PortfolioRecord) -> Bool {
    a.line == b.line && a.source == b.source && a.id == b.id && a.text == b.text && a.labels == b.labels
      && a.carried.map(\.0) == b.carried.map(\.0) && a.carried.map(\.1) == b.carried.map(\.1)
  }

  public func hash(into h: inout Hasher) {
    h.combine(source)
    h.combine(line)
    h.combine(id)
  }
}

extension RecordLayout {
  /// Picks this layout's columns out of a raw record; a missing ID is an error.
  public func extract(_ raw: RawRecord) -> Result<PortfolioRecord, RecordError> {
    let id = raw.values[idColumn]?.text ?? ""
    guard !id.isEmpty else {
      return .failure(RecordError(.missingID, source: raw.source, line: raw.line, message: "empty id in column '\(idColumn)'"))
    }
    let text = textColumns.compactMap { raw.values[$0]?.text }.filter { !$0.isEmpty }.joined(separator: "\n\n")
    return .success(
      PortfolioRecord(
        line: raw.line, source: raw.source, id: id, text: text,
        labels: labelsColumn.flatMap { raw.values[$0]?.items } ?? [],
        carried: carryColumns.map { ($0, raw.values[$0]?.text ?? "") },
        hadInvalidUTF8: raw.hadInvalidUTF8, screening: screening?.cells { raw.values[$1] ?? .null }))
  }
}
