/// Writes error records, one JSON object a line: `source`, `line`, `id` (when it could be read)
/// and `reason`; atomically, like every output.
public final class ErrorRecordWriter {
  private let file: AtomicOutputFile

  public init(path: String) throws {
    file = try AtomicOutputFile(path)
  }

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
  }

  public func commit() throws { try file.commit() }
  public func abort() { file.abort() }
}
