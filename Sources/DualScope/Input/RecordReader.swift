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

/// A run that cannot start: an unreadable input, a missing column.
public struct SetupError: Error, CustomStringConvertible, Sendable {
  public let description: String

  public init(_ description: String) { self.description = description }

  /// The message for a layout column the input lacks, listing the columns it has.
  static func missingColumns(_ missing: [String], in stream: RecordStream) -> SetupError {
    let what = stream.format == .csv ? "column" : "key"
    return SetupError(
      "\(stream.path): no \(what)\(missing.count == 1 ? "" : "s") "
        + missing.map { "'\($0)'" }.joined(separator: ", ")
        + "; the input has: " + (stream.columns.isEmpty ? "(none)" : stream.columns.joined(separator: ", ")))
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
      throw SetupError("\(path): \(error.message)")
    }
    let resolved = ResolvedLayout(layout, columns: stream.columns)
    let missing = resolved.missing
    // An empty input has no columns to check; a folder's records carry no columns.
    if stream.format != .text && !missing.isEmpty && !stream.columns.isEmpty {
      throw SetupError.missingColumns(missing, in: stream)
    }
    return (stream, resolved)
  }
}

/// Reads a whole portfolio into records and error records, checking the layout's columns.
public enum PortfolioReader {
  public typealias SetupError = DualScope.SetupError

  public static func read(
    _ path: String, format: InputFormat? = nil, layout: RecordLayout
  ) throws(SetupError) -> (records: [PortfolioRecord], errors: [RecordError]) {
    let (stream, resolved) = try RecordStream.open(path, format: format, layout: layout)
    var records: [PortfolioRecord] = []
    var errors: [RecordError] = []
    do {
      while let chunk = try stream.next() {
        for result in chunk.records(resolved) {
          switch result {
          case .success(let r): records.append(r)
          case .failure(let e): errors.append(e)
          }
        }
      }
    } catch {
      throw SetupError("\(path): \(error.message)")
    }
    return (records, errors)
  }
}
