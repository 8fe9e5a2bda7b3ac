/// The output formats of `dualscope batch`.
public enum BatchFormat: String, Sendable, CaseIterable, Codable {
  case jsonl
  case csv
  case sqlite
  /// An Apache Arrow IPC stream.
  case arrow

  /// The format a results file's name says: `.csv`; `.sqlite`, `.sqlite3` or `.db`; `.arrow` or
  /// `.arrows`; `.jsonl`, `.ndjson` or `.json` (any case). Nil for any other name. The output's
  /// counterpart of ``InputFormat/guess(_:)``.
  public static func guess(_ path: String) -> BatchFormat? {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
    switch path[path.index(after: dot)...].lowercased() {
    case "csv": return .csv
    case "sqlite", "sqlite3", "db": return .sqlite
    case "arrow", "arrows": return .arrow
    case "jsonl", "ndjson", "json": return .jsonl
    default: return nil
    }
  }
}

/// A batch run: the portfolio to read and the output format.
public struct BatchOptions: Sendable, Codable {
  public var input: PortfolioInput
  public var format: BatchFormat

  public init(input: PortfolioInput, format: BatchFormat = .jsonl) {
    self.input = input
    self.format = format
  }

  enum CodingKeys: String, CodingKey { case format }

  public init(from decoder: any Decoder) throws {
    input = try PortfolioInput(from: decoder)
    format = try decoder.container(keyedBy: CodingKeys.self).decode(BatchFormat.self, forKey: .format)
  }

  public func encode(to encoder: any Encoder) throws {
    try input.encode(to: encoder)
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(format, forKey: .format)
  }
}

/// The run's metadata, written with every output format (schema `dualscope.batch-run/2`).
public struct BatchRunMetadata: Sendable, Codable {
  public var schema = "dualscope.batch-run/2"
  public var metadata: ResultMetadata
  public var batch: BatchOptions
  /// What the run screened with, when it screened.
  public var screening: ScreeningRunInfo?
  public var counts: BatchCounts
  public var startedAt: String
  public var finishedAt: String
  public var seconds: Double
  public var inputBytes: Int

  enum CodingKeys: String, CodingKey {
    case schema, metadata, batch, screening, counts
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case seconds
    case inputBytes = "input_bytes"
  }
}
