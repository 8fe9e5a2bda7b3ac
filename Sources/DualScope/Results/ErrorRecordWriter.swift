/// Writes error records, one JSON object a line: `source`, `line`, `id` (when it could be read)
/// and `reason`; atomically to a file like every output, or to standard error (`-`), chunk by
/// chunk, for a run whose only channels are two pipes (a cluster engine driving `batch`).
public final class ErrorRecordWriter {
  private let file: AtomicOutputFile

  /// Writes to `path`, or to standard error for `-`.
  public init(path: String) throws {
    file = path == "-" ? AtomicOutputFile(stream: 2) : try AtomicOutputFile(path)
  }

  /// Appends error records, in input order.
  public func write(_ errors: [RecordError]) throws {
    guard !errors.isEmpty else { return }
    var j = JSONBytes()
    for e in errors {
      j.open()
      j.key("source"); j.string(e.source); j.comma()
      j.key("line"); j.int(e.line); j.comma()
      j.key("id")
      if let id = e.id { j.string(id) } else { j.raw("null") }
      j.comma()
      j.key("reason"); j.string(e.message)
      j.close()
      j.byte(0x0A)
    }
    try file.write(j.array)
    if file.isStream { try file.flush() }
  }

  /// Puts the file in place.
  public func commit() throws { try file.commit() }
  /// Drops a partial file.
  public func abort() { file.abort() }
}
