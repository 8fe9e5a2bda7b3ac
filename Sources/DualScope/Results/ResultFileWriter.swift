/// Writes encoded result lines (JSONL, CSV or an Arrow IPC stream) to a file or standard output,
/// atomically, and the run's metadata to a sidecar file.
///
/// The metadata goes beside the output (`OUTPUT.meta.json` by default), not into a first line:
/// every line of a JSONL result is then one ``ResultLine``, and the file loads as it is into
/// pandas, DuckDB, Spark, jq or a spreadsheet. On standard output the caller names the sidecar
/// (`--metadata FILE`); see DESIGN.md, "The result schema".
public final class ResultFileWriter: BatchSink {
  public let encoding: BatchEncoding
  private let file: AtomicOutputFile
  private let metadataPath: String?
  /// Written after the last chunk (an Arrow stream's end marker).
  private let trailer: [UInt8]

  /// One ``ResultLine`` a line as JSON, carried columns in the order given.
  public static func jsonLines(path: String?, metadataPath: String?, carry: [String]) throws -> ResultFileWriter {
    try ResultFileWriter(path: path, metadataPath: metadataPath, encoding: .jsonLines(carry: carry), header: [])
  }

  /// An Arrow IPC stream (``ArrowResultWriter``): the schema, a record batch per chunk, the
  /// end-of-stream marker.
  public static func arrow(
    path: String?, metadataPath: String?, carry: [String], screening: Bool = false, calibrated: Bool = false
  ) throws -> ResultFileWriter {
    try ResultFileWriter(
      path: path, metadataPath: metadataPath,
      encoding: .arrow(carry: carry, screening: screening, calibrated: calibrated),
      header: ArrowResultWriter.schemaMessage(screening: screening, calibrated: calibrated),
      trailer: ArrowResultWriter.endOfStream)
  }

  /// One CSV row a result, with a header row (``CSVResultWriter``); the triage columns when the
  /// run screens, the areas' probabilities when its release is calibrated.
  public static func csv(
    path: String?, metadataPath: String?, carry: [String], screening: Bool = false, calibrated: Bool = false
  ) throws -> ResultFileWriter {
    try ResultFileWriter(
      path: path, metadataPath: metadataPath,
      encoding: .csvRows(carry: carry, screening: screening, calibrated: calibrated),
      header: CSVResultWriter.header(carry, screening: screening, calibrated: calibrated))
  }

  private init(
    path: String?, metadataPath: String?, encoding: BatchEncoding, header: [UInt8], trailer: [UInt8] = []
  ) throws {
    file = try AtomicOutputFile(path)
    self.metadataPath = metadataPath
    self.encoding = encoding
    self.trailer = trailer
    if !header.isEmpty { try file.write(header) }
    // A stream's reader can start (read the schema) before the first chunk.
    if file.isStream && !header.isEmpty { try file.flush() }
  }

  public func write(_ chunk: ProcessedChunk, errors: [RecordError]) throws {
    try file.write(chunk.bytes)
    if file.isStream { try file.flush() }
  }

  public func finish(_ metadata: BatchRunMetadata) throws {
    if !trailer.isEmpty { try file.write(trailer) }
    try file.commit()
    if let metadataPath { try Self.writeMetadata(metadata, to: metadataPath) }
  }

  public func abort() { file.abort() }

  /// Writes the run's metadata as pretty JSON, atomically.
  static func writeMetadata(_ metadata: BatchRunMetadata, to path: String) throws {
    try AtomicOutputFile.write(Array((try ResultJSON.encode(metadata) + "\n").utf8), to: path)
  }
}
