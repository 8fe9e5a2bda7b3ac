/// The output formats of `dualscope batch`.
public enum BatchFormat: String, Sendable, CaseIterable, Codable {
  case jsonl
  case csv
  case sqlite
}

/// Everything a batch run needs besides the classifier: inputs, columns, threads.
public struct BatchOptions: Sendable, Codable {
  public var inputs: [String]
  /// `nil`: guessed from each input's name.
  public var inputFormat: InputFormat?
  /// `nil`: detected from the CSV header line.
  public var delimiter: UInt8?
  public var layout: RecordLayout
  public var format: BatchFormat
  public var threads: Int
  /// Bytes per chunk handed to a worker.
  public var chunkBytes = 1 << 20

  public init(
    inputs: [String], inputFormat: InputFormat? = nil, delimiter: UInt8? = nil, layout: RecordLayout,
    format: BatchFormat = .jsonl, threads: Int = 1
  ) {
    self.inputs = inputs
    self.inputFormat = inputFormat
    self.delimiter = delimiter
    self.layout = layout
    self.format = format
    self.threads = max(1, threads)
  }

  enum CodingKeys: String, CodingKey {
    case inputs
    case inputFormat = "input_format"
    case delimiter
    case layout
    case format
    case threads
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    inputs = try c.decode([String].self, forKey: .inputs)
    inputFormat = try c.decodeIfPresent(String.self, forKey: .inputFormat).flatMap(InputFormat.init(rawValue:))
    delimiter = try c.decodeIfPresent(String.self, forKey: .delimiter).flatMap { $0.utf8.first }
    layout = try c.decode(RecordLayout.self, forKey: .layout)
    format = try c.decode(BatchFormat.self, forKey: .format)
    threads = try c.decode(Int.self, forKey: .threads)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(inputs, forKey: .inputs)
    try c.encodeIfPresent(inputFormat?.rawValue, forKey: .inputFormat)
    try c.encodeIfPresent(delimiter.map { String(UnicodeScalar($0)) }, forKey: .delimiter)
    try c.encode(layout, forKey: .layout)
    try c.encode(format, forKey: .format)
    try c.encode(threads, forKey: .threads)
  }
}

extension RecordLayout: Codable {
  enum CodingKeys: String, CodingKey {
    case idColumn = "id_column"
    case textColumns = "text_columns"
    case labelsColumn = "labels_column"
    case carryColumns = "carry_columns"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      idColumn: try c.decode(String.self, forKey: .idColumn),
      textColumns: try c.decode([String].self, forKey: .textColumns),
      labelsColumn: try c.decodeIfPresent(String.self, forKey: .labelsColumn),
      carryColumns: try c.decodeIfPresent([String].self, forKey: .carryColumns) ?? [])
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(idColumn, forKey: .idColumn)
    try c.encode(textColumns, forKey: .textColumns)
    try c.encodeIfPresent(labelsColumn, forKey: .labelsColumn)
    try c.encode(carryColumns, forKey: .carryColumns)
  }
}

/// The run's metadata, written with every output format (schema `dualscope.batch-run/1`).
public struct BatchRunMetadata: Sendable, Codable {
  public var schema = "dualscope.batch-run/1"
  public var metadata: ResultMetadata
  public var batch: BatchOptions
  public var counts: BatchCounts
  public var startedAt: String
  public var finishedAt: String
  public var seconds: Double
  public var inputBytes: Int

  enum CodingKeys: String, CodingKey {
    case schema, metadata, batch, counts
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case seconds
    case inputBytes = "input_bytes"
  }
}
