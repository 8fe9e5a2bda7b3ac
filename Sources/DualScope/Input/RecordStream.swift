import Foundation

/// Reads one portfolio input in chunks of whole records: memory stays flat whatever the size.
///
/// CSV (the first row names the columns; delimiter detected or given; a byte-order mark
/// skipped), JSONL (one object a line; blank lines skipped) or a folder of `.txt` files (one
/// record a file, its name the ID); gzip read directly; `-` for standard input.
public final class RecordStream {
  public let path: String
  public let format: InputFormat
  /// The CSV header, the keys seen in the first JSONL records, or `id, text` for a folder.
  public private(set) var columns: [String] = []
  /// The CSV delimiter in use.
  public private(set) var delimiter = UInt8(ascii: ",")
  /// Input bytes read so far (compressed bytes for gzip) and the input's size, when known.
  public var position: Int { source?.position ?? folderPosition }
  public let size: Int?

  private let chunkBytes: Int
  private let maxRecordBytes: Int
  private var source: ByteSource?
  private var carry: [UInt8] = []
  private var line = 1
  private var skipping = false
  private var files: [String] = []
  private var nextFile = 0
  private var folderPosition = 0
  /// Errors in the header row, delivered with the first chunk.
  private var pendingErrors: [RecordChunk.Row] = []
  /// Bytes consumed before the first chunk (byte-order mark, header row).
  private var unreported = 0

  /// Opens an input and reads its header (CSV) or first records (JSONL, for the keys).
  public convenience init(
    path: String, format: InputFormat? = nil, delimiter: UInt8? = nil,
    chunkBytes: Int = 1 << 20, maxRecordBytes: Int = 16 << 20
  ) throws(RecordError) {
    try self.init(
      path: path, memory: nil, format: format, delimiter: delimiter, chunkBytes: chunkBytes,
      maxRecordBytes: maxRecordBytes)
  }

  /// Reads CSV or JSONL held in memory (a request body); `name` stands for the source in error
  /// records. Nothing is written to disk.
  public convenience init(
    bytes: [UInt8], name: String, format: InputFormat, delimiter: UInt8? = nil,
    chunkBytes: Int = 1 << 20, maxRecordBytes: Int = 16 << 20
  ) throws(RecordError) {
    guard format != .text else {
      throw RecordError(.unreadable, source: name, line: 0, message: "a folder of text files cannot be held in memory")
    }
    try self.init(
      path: name, memory: bytes, format: format, delimiter: delimiter, chunkBytes: chunkBytes,
      maxRecordBytes: maxRecordBytes)
  }

  private init(
    path: String, memory: [UInt8]?, format: InputFormat?, delimiter: UInt8?, chunkBytes: Int, maxRecordBytes: Int
  ) throws(RecordError) {
    self.path = path
    self.chunkBytes = chunkBytes
    self.maxRecordBytes = maxRecordBytes
    let guessed = format ?? InputFormat.guess(path)
    if guessed == .text {
      self.format = .text
      files = try Self.textFiles(path)
      columns = ["id", "text"]
      size = files.reduce(0) { total, name in
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "/" + name))?[.size] as? NSNumber
        return total + (size?.intValue ?? 0)
      }
      return
    }
    let source: ByteSource
    if let memory { source = ByteSource(bytes: memory, name: path) } else { source = try ByteSource(path) }
    self.source = source
    size = source.size
    carry = try source.block(after: [], count: chunkBytes)
    if let binary = Self.binaryTable(carry) {
      throw RecordError(
        .unreadable, source: path, line: 0,
        message: "this is \(binary), not CSV, JSONL or a folder of .txt files; give the portfolio as CSV or JSONL"
          + " (results: `batch --format jsonl`)")
    }
    // The first block holds at least the first line: the byte-order mark and the delimiter
    // are read from it.
    while !source.atEnd && carry.count < maxRecordBytes && (carry.count < 3 || !carry.contains(0x0A)) {
      carry = try source.block(after: carry[...], count: chunkBytes)
    }
    let initial = carry.count
    if carry.starts(with: [0xEF, 0xBB, 0xBF]) { carry.removeFirst(3) }
    defer { unreported += initial - carry.count }
    // Standard input or an unknown extension: JSONL when the first byte that is not a space is `{`.
    let kind = guessed ?? (carry.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D } == UInt8(ascii: "{") ? .jsonl : .csv)
    self.format = kind
    switch kind {
    case .csv:
      try readHeader(delimiter)
    case .jsonl:
      columns = jsonKeys()
    case .text:
      break
    }
  }

  /// What an input is when its first bytes say it is a binary table format DualScope does not
  /// read (it would otherwise be read as a CSV with a garbled header): an Arrow stream such as
  /// `batch --format arrow` writes, an Arrow file, or Parquet.
  static func binaryTable(_ head: [UInt8]) -> String? {
    if head.starts(with: [0xFF, 0xFF, 0xFF, 0xFF]) { return "an Apache Arrow stream" }
    if head.starts(with: Array("ARROW1".utf8)) { return "an Apache Arrow file" }
    if head.starts(with: Array("PAR1".utf8)) { return "a Parquet file" }
    return nil
  }

  /// The next chunk of records, or `nil` at the end of the input.
  public func next() throws(RecordError) -> RecordChunk? {
    if format == .text { return try nextFiles() }
    guard let source else { return nil }
    while true {
      if carry.isEmpty && source.atEnd {
        // Bytes that held no record (blank lines, a header alone) are reported with the last chunk.
        if pendingErrors.isEmpty && unreported == 0 { return nil }
        defer {
          pendingErrors = []
          unreported = 0
        }
        return RecordChunk(source: path, bytes: [], rows: pendingErrors, inputBytes: unreported)
      }
      let block = source.atEnd ? carry : try source.block(after: carry[...], count: chunkBytes)
      var chunk = RecordChunk(source: path, bytes: [], rows: pendingErrors, inputBytes: 0)
      pendingErrors = []
      let consumed = block.withUnsafeBufferPointer { b in
        format == .csv ? scanCSV(b, atEnd: source.atEnd, &chunk) : scanLines(b, atEnd: source.atEnd, &chunk)
      }
      carry = Array(block[consumed...])
      chunk.bytes = block
      chunk.inputBytes = consumed + unreported
      unreported = 0
      if !chunk.rows.isEmpty { return chunk }
      // No record in this block: its bytes count with the next chunk.
      unreported = chunk.inputBytes
      if source.atEnd && consumed == 0 && carry.isEmpty && unreported == 0 { return nil }
    }
  }

  // MARK: CSV

  private func readHeader(_ given: UInt8?) throws(RecordError) {
    guard let source else { return }
    while true {
      // Rows before the header (blank lines, malformed rows) are dropped from `carry` as they
      // are found, so reading more and scanning again neither counts their lines twice nor
      // reports them twice, whatever the chunk size.
      let done = carry.withUnsafeBufferPointer { b -> Bool in
        var start = 0
        if skipping {
          // The rest of a malformed row's first line.
          while start < b.count, b[start] != 0x0A { start += 1 }
          if start == b.count && !source.atEnd {
            carry = []
            return false
          }
          skipping = false
          start = min(start + 1, b.count)
        }
        var spans: [CSVParser.FieldSpan] = []
        while start < b.count {
          // The delimiter is detected on the line the header starts on, once all of it is read.
          let rest = UnsafeBufferPointer(rebasing: b[start...])
          let complete = source.atEnd || rest.count > maxRecordBytes
          guard let detected = given ?? CSVParser.detectDelimiter(rest, complete: complete) else {
            carry = Array(rest)
            return false
          }
          delimiter = detected
          let parser = CSVParser(delimiter: delimiter)
          switch parser.scanRow(b, from: start, atEnd: source.atEnd, limit: maxRecordBytes, fields: &spans) {
          case .needMore:
            carry = Array(b[start...])
            return false
          case .blank(let end, let lines):
            line += lines
            start = end
          case .error(let message, let end):
            pendingErrors.append(.error(line: line, message: "header row: " + message))
            line += 1
            start = end
          case .errorSkipping(let message):
            pendingErrors.append(.error(line: line, message: "header row: " + message))
            line += 1
            skipping = true
            carry = []
            return false
          case .row(let end, let lines):
            columns = spans.map { CSVParser.string(b, $0).0.trimmingSpaces() }
            line += lines
            carry = Array(b[end...])
            return true
          }
        }
        carry = []
        return source.atEnd
      }
      if done || source.atEnd { return }
      let before = carry.count
      carry = try source.block(after: carry[...], count: chunkBytes)
      // A header longer than the first block: what is read for it counts as consumed too.
      unreported += carry.count - before
    }
  }

  /// Scans whole rows of a block into the chunk; returns how many bytes were consumed.
  private func scanCSV(_ b: UnsafeBufferPointer<UInt8>, atEnd: Bool, _ chunk: inout RecordChunk) -> Int {
    var pos = skipLine(b, atEnd: atEnd)
    let parser = CSVParser(delimiter: delimiter)
    var spans: [CSVParser.FieldSpan] = []
    chunk.spans.reserveCapacity(b.count / 64)
    while pos < b.count {
      switch parser.scanRow(b, from: pos, atEnd: atEnd, limit: maxRecordBytes, fields: &spans) {
      case .needMore:
        return pos
      case .row(let end, let lines):
        let first = chunk.spans.count
        chunk.spans.append(contentsOf: spans)
        chunk.rows.append(.csv(line: line, fields: first..<chunk.spans.count))
        line += lines
        pos = end
      case .blank(let end, let lines):
        line += lines
        pos = end
      case .error(let message, let end):
        chunk.rows.append(.error(line: line, message: message))
        line += 1
        pos = end
      case .errorSkipping(let message):
        chunk.rows.append(.error(line: line, message: message))
        line += 1
        skipping = true
        return b.count
      }
    }
    return pos
  }

  /// After a malformed row whose next line was not yet read: skips to the next line break.
  private func skipLine(_ b: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> Int {
    guard skipping else { return 0 }
    var i = 0
    while i < b.count, b[i] != 0x0A { i += 1 }
    if i < b.count || atEnd { skipping = false }
    return min(i + 1, b.count)
  }

  // MARK: JSONL

  private func scanLines(_ b: UnsafeBufferPointer<UInt8>, atEnd: Bool, _ chunk: inout RecordChunk) -> Int {
    var pos = skipLine(b, atEnd: atEnd)
    guard let base = b.baseAddress else { return 0 }
    while pos < b.count {
      let found = memchr(base + pos, 0x0A, b.count - pos)
      var end: Int
      if let found {
        end = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
      } else if atEnd {
        end = b.count
      } else {
        if b.count - pos > maxRecordBytes {
          chunk.rows.append(.error(line: line, message: "line longer than \(maxRecordBytes) bytes"))
          line += 1
          skipping = true
          return b.count
        }
        return pos
      }
      let next = end + 1
      if end > pos, b[end - 1] == 0x0D { end -= 1 }
      var blank = true
      for k in pos..<end where b[k] != 0x20 && b[k] != 0x09 {
        blank = false
        break
      }
      if !blank { chunk.rows.append(.jsonl(line: line, bytes: pos..<end)) }
      line += 1
      pos = next
    }
    return min(pos, b.count)
  }

  /// The keys of the first hundred records of the first block.
  private func jsonKeys() -> [String] {
    var keys = Set<String>()
    carry.withUnsafeBufferPointer { b in
      var pos = 0
      var seen = 0
      while pos < b.count && seen < 100 {
        var end = pos
        while end < b.count, b[end] != 0x0A { end += 1 }
        if end == b.count && !(source?.atEnd ?? true) { break }
        let line = UTF8Repair.repaired(UnsafeBufferPointer(rebasing: b[pos..<end]))
        if let values = try? line.withUnsafeBufferPointer({ p throws(JSONLineParser.Failure) in
          try JSONLineParser.parse(p)
        }) {
          keys.formUnion(values.keys)
          seen += 1
        }
        pos = end + 1
      }
    }
    return keys.sorted()
  }

  // MARK: Folders

  private static func textFiles(_ folder: String) throws(RecordError) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
      throw RecordError(.unreadable, source: folder, line: 0, message: "cannot list the folder")
    }
    var out: [String] = []
    while let name = enumerator.nextObject() as? String {
      let lower = name.lowercased()
      if lower.hasSuffix(".txt") || lower.hasSuffix(".txt.gz") { out.append(name) }
    }
    return out.sorted()
  }

  private func nextFiles() throws(RecordError) -> RecordChunk? {
    guard nextFile < files.count else { return nil }
    var chunk = RecordChunk(source: path, bytes: [], rows: [], inputBytes: 0)
    while nextFile < files.count, chunk.bytes.count < chunkBytes {
      let name = files[nextFile]
      nextFile += 1
      let full = path + "/" + name
      do {
        let bytes = try InputFile.readAll(full)
        let start = chunk.bytes.count
        chunk.bytes.append(contentsOf: bytes)
        chunk.rows.append(.text(name: name, bytes: start..<chunk.bytes.count))
      } catch {
        chunk.rows.append(.error(line: 0, message: "\(name): \(error.message)"))
      }
      let size = (try? FileManager.default.attributesOfItem(atPath: full))?[.size] as? NSNumber
      folderPosition += size?.intValue ?? 0
      chunk.inputBytes += size?.intValue ?? 0
    }
    return chunk
  }
}
