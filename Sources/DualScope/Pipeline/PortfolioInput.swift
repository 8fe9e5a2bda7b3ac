/// Where a portfolio comes from and how to read it: inputs, their format, the columns that hold
/// what, and how many worker threads classify it. Every portfolio consumer takes one.
public struct PortfolioInput: Sendable, Hashable, Codable {
  public var inputs: [String]
  /// `nil`: guessed from each input's name.
  public var inputFormat: InputFormat?
  /// `nil`: detected from the CSV header line.
  public var delimiter: UInt8?
  public var layout: RecordLayout
  public var threads: Int
  /// Bytes per chunk handed to a worker.
  public var chunkBytes = 1 << 20

  public init(
    inputs: [String], inputFormat: InputFormat? = nil, delimiter: UInt8? = nil, layout: RecordLayout,
    threads: Int = 1
  ) {
    self.inputs = inputs
    self.inputFormat = inputFormat
    self.delimiter = delimiter
    self.layout = layout
    self.threads = max(1, threads)
  }

  enum CodingKeys: String, CodingKey {
    case inputs
    case inputFormat = "input_format"
    case delimiter
    case layout
    case threads
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    inputs = try c.decode([String].self, forKey: .inputs)
    inputFormat = try c.decodeIfPresent(String.self, forKey: .inputFormat).flatMap(InputFormat.init(rawValue:))
    delimiter = try c.decodeIfPresent(String.self, forKey: .delimiter).flatMap { $0.utf8.first }
    layout = try c.decode(RecordLayout.self, forKey: .layout)
    threads = try c.decode(Int.self, forKey: .threads)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(inputs, forKey: .inputs)
    try c.encodeIfPresent(inputFormat?.rawValue, forKey: .inputFormat)
    try c.encodeIfPresent(delimiter.map { String(UnicodeScalar($0)) }, forKey: .delimiter)
    try c.encode(layout, forKey: .layout)
    try c.encode(threads, forKey: .threads)
  }

  /// Opens every input and checks its columns, so a run fails before writing anything.
  public func open() throws(SetupError) -> [OpenedInput] {
    var streams: [OpenedInput] = []
    for path in inputs {
      let (stream, resolved) = try RecordStream.open(
        path, format: inputFormat, delimiter: delimiter, layout: layout, chunkBytes: chunkBytes)
      streams.append(OpenedInput(stream: stream, layout: resolved))
    }
    return streams
  }
}

/// An input opened and checked against the layout.
public struct OpenedInput {
  public let stream: RecordStream
  public let layout: ResolvedLayout

  public init(stream: RecordStream, layout: ResolvedLayout) {
    self.stream = stream
    self.layout = layout
  }

  /// CSV or JSONL held in memory (a request body), opened and checked against `layout`.
  public static func inMemory(
    _ bytes: [UInt8], name: String, format: InputFormat, layout: RecordLayout, chunkBytes: Int = 1 << 20
  ) throws(SetupError) -> OpenedInput {
    let (stream, resolved) = try RecordStream.open(
      bytes: bytes, name: name, format: format, layout: layout, chunkBytes: chunkBytes)
    return OpenedInput(stream: stream, layout: resolved)
  }
}

extension RecordLayout: Codable {
  enum CodingKeys: String, CodingKey {
    case idColumn = "id_column"
    case textColumns = "text_columns"
    case labelsColumn = "labels_column"
    case carryColumns = "carry_columns"
    case screening = "screening_columns"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      idColumn: try c.decode(String.self, forKey: .idColumn),
      textColumns: try c.decode([String].self, forKey: .textColumns),
      labelsColumn: try c.decodeIfPresent(String.self, forKey: .labelsColumn),
      carryColumns: try c.decodeIfPresent([String].self, forKey: .carryColumns) ?? [],
      screening: try c.decodeIfPresent(ScreeningColumns.self, forKey: .screening))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(idColumn, forKey: .idColumn)
    try c.encode(textColumns, forKey: .textColumns)
    try c.encodeIfPresent(labelsColumn, forKey: .labelsColumn)
    try c.encode(carryColumns, forKey: .carryColumns)
    try c.encodeIfPresent(screening, forKey: .screening)
  }
}
