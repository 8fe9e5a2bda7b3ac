import Foundation

/// The kinds of portfolio input DualScope reads.
public enum InputFormat: String, Sendable, CaseIterable {
  case csv
  case jsonl
  case text

  /// The format a path's extension suggests (`.csv`, `.tsv`, `.jsonl`, `.ndjson`, `.json`, a folder).
  public static func guess(_ path: String) -> InputFormat? {
    var p = path.lowercased()
    if p.hasSuffix(".gz") { p.removeLast(3) }
    if p.hasSuffix(".csv") || p.hasSuffix(".tsv") { return .csv }
    if p.hasSuffix(".jsonl") || p.hasSuffix(".ndjson") || p.hasSuffix(".json") { return .jsonl }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      return .text
    }
    return nil
  }
}

extension RecordStream {
  /// Opens an input and checks that it has the layout's columns (a folder has every one).
  public static func open(
    _ path: String, format: InputFormat? = nil, delimiter: UInt8? = nil, layout: RecordLayout,
    chunkBytes: Int = 1 << 20
  ) throws(SetupError) -> (RecordStream, ResolvedLayout) {
    let stream: RecordStream
    do {
      stream = try RecordStream(path: path, format: format, delimiter: delimiter, chunkBytes: chunkBytes)
    } catch {
      throw SetupError(.unreadableInput, error.message, file: path)
    }
    return try checked(stream, layout: layout)
  }

  /// Opens CSV or JSONL held in memory (a request body) and checks that it has the layout's
  /// columns; `name` stands for the source in error records.
  public static func open(
    bytes: [UInt8], name: String, format: InputFormat, delimiter: UInt8? = nil, layout: RecordLayout,
    chunkBytes: Int = 1 << 20
  ) throws(SetupError) -> (RecordStream, ResolvedLayout) {
    let stream: RecordStream
    do {
      stream = try RecordStream(bytes: bytes, name: name, format: format, delimiter: delimiter, chunkBytes: chunkBytes)
    } catch {
      throw SetupError(.unreadableInput, error.message, file: name)
    }
    return try checked(stream, layout: layout)
  }

  private static func checked(_ stream: RecordStream, layout: RecordLayout) throws(SetupError) -> (
    RecordStream, ResolvedLayout
  ) {
    let resolved = ResolvedLayout(layout, columns: stream.columns)
    let missing = resolved.missing
    // An empty input has no columns to check; a folder's records carry no columns.
    if stream.format != .text && !missing.isEmpty && !stream.columns.isEmpty {
      throw SetupError.missingColumns(missing, in: stream)
    }
    return (stream, resolved)
  }
}


/// Reads a whole (small) portfolio into memory: records and error records, columns checked.
/// Classifying a portfolio goes through ``PortfolioPipeline``; this is for inputs a command needs
/// whole, such as the labelled rows a calibration fits.
public enum PortfolioReader {
  public static func read(
    _ path: String, format: InputFormat? = nil, layout: RecordLayout
  ) throws(SetupError) -> (records: [PortfolioRecord], errors: [RecordError]) {
    let (stream, resolved) = try RecordStream.open(path, format: format, layout: layout)
    var records: [PortfolioRecord] = []
    var errors: [RecordError] = []
    do {
      while let chunk = try stream.next() {
        chunk.records(resolved, into: &records, errors: &errors)
      }
    } catch {
      throw SetupError(.unreadableInput, error.message, file: path)
    }
    return (records, errors)
  }
}
