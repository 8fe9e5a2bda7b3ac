/// A block of input bytes and the records found in it: what the reader hands to a worker.
///
/// The reader only finds where records lie (and which rows are malformed); the worker turns the
/// records into strings, so the costly part of parsing runs in parallel.
public struct RecordChunk: Sendable {
  /// One record of the chunk, or a row that could not be read.
  enum Row: Sendable {
    /// A CSV row: its fields are `spans[fields]`.
    case csv(line: Int, fields: Range<Int>)
    /// A JSONL line.
    case jsonl(line: Int, bytes: Range<Int>)
    /// A whole text file of a folder input.
    case text(name: String, bytes: Range<Int>)
    case error(line: Int, message: String)
  }

  /// The input file (`-` for standard input, the folder for text files).
  public var source: String
  var bytes: [UInt8]
  var rows: [Row]
  var spans: [CSVParser.FieldSpan] = []
  /// Input bytes this chunk stands for, for progress.
  public var inputBytes: Int

  /// The number of records, readable or not.
  public var count: Int { rows.count }
}

/// A layout checked against an input's columns: where each column the run needs sits.
public struct ResolvedLayout: Sendable {
  public let layout: RecordLayout
  let columns: [String]
  let index: [String: Int]

  /// A layout placed over an input's columns; ``missing`` lists the layout's columns it lacks.
  /// Where each of the layout's columns is among the input's (nil: not there), found once: looked
  /// up by name for every record, each column of each row was hashed with SipHash (a third of
  /// the instructions of reading a CSV record, callgrind).
  let idAt: Int?
  let textAt: [Int?]
  let labelsAt: Int?
  let carryAt: [Int?]
  /// The partner country, partner organisation, nationality and funding columns.
  let screeningAt: [Int?]

  public init(_ layout: RecordLayout, columns: [String]) {
    self.layout = layout
    self.columns = columns
    var index: [String: Int] = [:]
    for (i, c) in columns.enumerated() where index[c] == nil { index[c] = i }
    self.index = index
    idAt = index[layout.idColumn]
    textAt = layout.textColumns.map { index[$0] }
    labelsAt = layout.labelsColumn.flatMap { index[$0] }
    carryAt = layout.carryColumns.map { index[$0] }
    screeningAt = (layout.screening?.ordered ?? []).map { $0.flatMap { index[$0] } }
  }

  /// The layout's columns that the input lacks.
  var missing: [String] {
    var seen = Set<String>()
    return layout.requiredColumns.filter { index[$0] == nil && seen.insert($0).inserted }
  }
}

extension RecordChunk {
  /// Picks the layout's columns out of every record, in order: one result per row.
  public func records(_ resolved: ResolvedLayout) -> [Result<PortfolioRecord, RecordError>] {
    bytes.withUnsafeBufferPointer { b in rows.indices.map { record(rows[$0], b, resolved, nil) } }
  }

  /// ``records(_:)`` appended to `records` and `errors`, in order, without an array of results
  /// in between (every record copied out of it and freed with it was a measurable part of a run).
  /// With an `interner`, CSV records whose screening fields repeat byte for byte share one
  /// ``ScreeningCells``.
  public func records(_ resolved: ResolvedLayout, into records: inout [PortfolioRecord], errors: inout [RecordError]) {
    self.records(resolved, into: &records, errors: &errors, interner: nil)
  }

  func records(
    _ resolved: ResolvedLayout, into records: inout [PortfolioRecord], errors: inout [RecordError],
    interner: CellInterner?
  ) {
    records.reserveCapacity(records.count + rows.count)
    bytes.withUnsafeBufferPointer { b in
      for i in rows.indices {
        switch record(rows[i], b, resolved, interner) {
        case .success(let record): records.append(record)
        case .failure(let error): errors.append(error)
        }
      }
    }
  }

  private func record(
    _ row: Row, _ b: UnsafeBufferPointer<UInt8>, _ resolved: ResolvedLayout, _ interner: CellInterner?
  ) -> Result<PortfolioRecord, RecordError> {
    switch row {
    case .error(let line, let message):
      return .failure(RecordError(source: source, line: line, message: message))
    case .csv(let line, let fields):
      return csvRecord(b, line: line, fields: fields, resolved, interner)
    case .jsonl(let line, let range):
      return jsonRecord(UnsafeBufferPointer(rebasing: b[range]), line: line, resolved.layout)
    case .text(let name, let range):
      let (text, invalid) = UTF8Repair.string(UnsafeBufferPointer(rebasing: b[range]))
      return .success(
        PortfolioRecord(
          line: 1, source: source + "/" + name, id: Self.stem(name), text: text, labels: [], carried: [],
          hadInvalidUTF8: invalid))
    }
  }

  private func csvRecord(
    _ b: UnsafeBufferPointer<UInt8>, line: Int, fields: Range<Int>, _ r: ResolvedLayout, _ interner: CellInterner?
  ) -> Result<PortfolioRecord, RecordError> {
    guard fields.count == r.columns.count else {
      return .failure(
        RecordError(source: source, line: line, message: "expected \(r.columns.count) fields, found \(fields.count)"))
    }
    var invalid = false
    func value(_ at: Int?) -> String {
      guard let i = at else { return "" }
      let (s, bad) = CSVParser.string(b, spans[fields.lowerBound + i])
      if bad { invalid = true }
      return s
    }
    let layout = r.layout
    let id = value(r.idAt)
    guard !id.isEmpty else {
      return .failure(RecordError(.missingID, source: source, line: line, message: "empty id in column '\(layout.idColumn)'"))
    }
    var text = ""
    for at in r.textAt {
      let part = value(at)
      if part.isEmpty { continue }
      if !text.isEmpty { text += "\n\n" }
      text += part
    }
    let labels = layout.labelsColumn == nil ? [] : RecordValue.text(value(r.labelsAt)).items
    var carried: [(String, String)] = []
    carried.reserveCapacity(r.carryAt.count)
    for (column, at) in zip(layout.carryColumns, r.carryAt) { carried.append((column, value(at))) }
    var screening: ScreeningCells?
    // The screening columns' places are there when the layout screens (`layout.screening`
    // tested for nil copied its four names, a retain and a release each, for every record).
    if !r.screeningAt.isEmpty {
      func read() -> ScreeningCells { layout.screening!.cells { k, _ in .text(value(r.screeningAt[k])) } }
      if let interner {
        // Records whose screening fields repeat byte for byte share the cells read once, and
        // with them whether those bytes held invalid UTF-8.
        screening = spans.withUnsafeBufferPointer { spans in
          r.screeningAt.withUnsafeBufferPointer { at in
            let row = CellInterner.Row(b: b, spans: spans, first: fields.lowerBound, at: at)
            let (found, hash) = interner.find(row)
            if let (cells, bad) = found {
              invalid = invalid || bad
              return cells
            }
            let before = invalid
            invalid = false
            let cells = read()
            interner.keep(cells, invalid: invalid, for: row, hash: hash)
            invalid = invalid || before
            return cells
          }
        }
      } else {
        screening = read()
      }
    }
    return .success(
      PortfolioRecord(
        line: line, source: source, id: id, text: text, labels: labels, carried: carried, hadInvalidUTF8: invalid,
        screening: screening))
  }

  private func jsonRecord(
    _ line: UnsafeBufferPointer<UInt8>, line number: Int, _ layout: RecordLayout
  ) -> Result<PortfolioRecord, RecordError> {
    let values: [String: RecordValue]
    let invalid = !UTF8Repair.isValid(line)
    do {
      if invalid {
        values = try UTF8Repair.repaired(line).withUnsafeBufferPointer { p throws(JSONLineParser.Failure) in
          try JSONLineParser.parse(p)
        }
      } else {
        values = try JSONLineParser.parse(line)
      }
    } catch {
      return .failure(
        RecordError(
          source: source, line: number, message: "invalid JSON at column \(error.column): \(error.message)"))
    }
    return layout.extract(RawRecord(line: number, source: source, values: values, hadInvalidUTF8: invalid))
  }

  /// A file name without its `.txt` (and `.gz`) extension.
  static func stem(_ name: String) -> String {
    var s = name
    if s.lowercased().hasSuffix(".gz") { s.removeLast(3) }
    if s.lowercased().hasSuffix(".txt") { s.removeLast(4) }
    return s
  }
}
