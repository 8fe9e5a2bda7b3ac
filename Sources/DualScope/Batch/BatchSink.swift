/// How a sink wants a chunk's documents: encoded to bytes on the worker threads, or as they are.
public enum BatchEncoding: Sendable {
  /// One JSON object a line (``JSONLinesResultWriter``).
  case jsonLines
  /// One CSV row a document with these carried columns (``CSVResultWriter``).
  case csvRows(carry: [String])
  /// The documents themselves (SQLite, the institution map).
  case documents

  /// Encodes a chunk's documents; runs on worker threads.
  func encode(_ documents: [BatchDocument], into chunk: inout ProcessedChunk) {
    switch self {
    case .jsonLines:
      var out = JSONBytes()
      out.reserve(documents.count * 1024)
      for d in documents { JSONLinesResultWriter.encode(d, into: &out) }
      chunk.bytes = out.array
    case .csvRows(let carry):
      var out: [UInt8] = []
      for d in documents { CSVResultWriter.encode(d, carry: carry, into: &out) }
      chunk.bytes = out
    case .documents:
      chunk.documents = documents
    }
  }
}

/// Where a batch run's results go. The runner calls ``write(_:)`` on one thread, in input order.
public protocol BatchSink: AnyObject {
  var encoding: BatchEncoding { get }
  /// Takes one chunk's output.
  func write(_ chunk: ProcessedChunk) throws
  /// Records the run's metadata and puts the output in place (renames the temporary file).
  func finish(_ metadata: BatchRunMetadata) throws
  /// Drops a partial output: the final name is left as it was.
  func abort()
}

/// Takes the documents and keeps them in memory (tests, the institution map of a portfolio).
public final class CollectingSink: BatchSink {
  public private(set) var documents: [BatchDocument] = []
  public private(set) var errors: [RecordError] = []
  public private(set) var metadata: BatchRunMetadata?
  public let encoding = BatchEncoding.documents

  public init() {}

  public func write(_ chunk: ProcessedChunk) throws {
    documents += chunk.documents
    errors += chunk.errors
  }

  public func finish(_ metadata: BatchRunMetadata) throws { self.metadata = metadata }
  public func abort() {}
}
