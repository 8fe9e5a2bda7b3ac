/// How a sink wants a chunk's result lines: encoded to bytes on the worker threads, or as they are.
public enum BatchEncoding: Sendable {
  /// One JSON object a line (``JSONLinesResultWriter``), carried columns in this order.
  case jsonLines(carry: [String])
  /// One CSV row a result with these carried columns, the triage columns when the run screens and
  /// the areas' probabilities when its release is calibrated (``CSVResultWriter``).
  case csvRows(carry: [String], screening: Bool, calibrated: Bool)
  /// One Arrow record batch a chunk (``ArrowResultWriter``), columns as the JSON lines'.
  case arrow(carry: [String], screening: Bool, calibrated: Bool)
  /// The result lines themselves (SQLite, the institution map).
  case lines

  /// Encodes a chunk's result lines; runs on worker threads. `screened`, when not empty, holds
  /// each line's screening with its JSON as JSON lines write it, made already.
  func encode(_ lines: [ResultLine], screened: [ScreenedLine] = [], into chunk: inout ProcessedChunk) {
    switch self {
    case .jsonLines(let carry):
      var out = JSONBytes()
      out.reserve(lines.count * 1024 + screened.reduce(0) { $0 + $1.jsonCount })
      for i in lines.indices {
        JSONLinesResultWriter.encode(
          lines[i], carry: carry, screened: screened.isEmpty ? nil : screened[i], into: &out)
      }
      chunk.bytes = out.array
    case .csvRows(let carry, let screening, let calibrated):
      var out: [UInt8] = []
      for i in lines.indices {
        CSVResultWriter.encode(lines[i], carry: carry, screening: screening, calibrated: calibrated, into: &out)
      }
      chunk.bytes = out
    case .arrow(let carry, let screening, let calibrated):
      var out: [UInt8] = []
      ArrowResultWriter.encode(lines, carry: carry, screening: screening, calibrated: calibrated, into: &out)
      chunk.bytes = out
    case .lines:
      chunk.lines = lines
    }
  }
}

/// What a batch worker hands back for one chunk: the encoded output or the result lines, and
/// the counts, in input order.
public struct ProcessedChunk: Sendable {
  /// Encoded output (JSONL or CSV lines, an Arrow record batch); empty when the sink takes result
  /// lines.
  public var bytes: [UInt8] = []
  /// The result lines, when the sink takes them (SQLite, the map).
  public var lines: [ResultLine] = []
  public var counts = BatchCounts()
  /// Records the work could not use (a screening cell it cannot read), in input order.
  public var errors: [RecordError] = []
  /// Seconds spent encoding.
  public var encodeSeconds = 0.0
}

/// Where a batch run's results go. The runner calls ``write(_:errors:)`` on one thread, in input
/// order.
public protocol BatchSink: AnyObject {
  var encoding: BatchEncoding { get }
  /// Takes one chunk's output and its error records (which also go to the run's error file).
  func write(_ chunk: ProcessedChunk, errors: [RecordError]) throws
  /// Records the run's metadata and puts the output in place (renames the temporary file).
  func finish(_ metadata: BatchRunMetadata) throws
  /// Drops a partial output: the final name is left as it was.
  func abort()
}

/// Takes the result lines and keeps them in memory (tests, the institution map of a portfolio).
public final class CollectingSink: BatchSink {
  public private(set) var lines: [ResultLine] = []
  public private(set) var errors: [RecordError] = []
  public private(set) var metadata: BatchRunMetadata?
  public let encoding = BatchEncoding.lines

  public init() {}

  public func write(_ chunk: ProcessedChunk, errors: [RecordError]) throws {
    lines += chunk.lines
    self.errors += errors
  }

  public func finish(_ metadata: BatchRunMetadata) throws { self.metadata = metadata }
  public func abort() {}
}
