import DualScope

/// Collects a batch request's output in memory, one JSON line a record: the result lines as
/// `batch --format jsonl` writes them, and, after the results of the same chunk, each error
/// record as `{"error": {"source", "line", "id", "reason"}}`. Nothing goes to disk.
final class BatchResponseSink: BatchSink {
  let encoding: BatchEncoding
  private(set) var bytes: [UInt8] = []
  private(set) var metadata: BatchRunMetadata?

  init(carry: [String]) { encoding = .jsonLines(carry: carry) }

  func write(_ chunk: ProcessedChunk, errors: [RecordError]) throws {
    bytes += chunk.bytes
    for e in errors { Self.encode(e, into: &bytes) }
  }

  func finish(_ metadata: BatchRunMetadata) throws { self.metadata = metadata }
  func abort() { bytes = [] }

  static func encode(_ e: RecordError, into out: inout [UInt8]) {
    var line = "{\"error\":{\"source\":" + JSONText.quoted(e.source) + ",\"line\":\(e.line),\"id\":"
    line += e.id.map(JSONText.quoted) ?? "null"
    line += ",\"reason\":" + JSONText.quoted(e.message) + "}}\n"
    out += line.utf8
  }
}
