import DualScope
import FuzzSupport

/// Everything a `RecordStream` gave for one input read with one chunk size, comparable across
/// chunk sizes.
public struct StreamReading: Equatable {
  /// The header (CSV) or the keys seen (JSONL).
  public var columns: [String] = []
  /// One result per record, in input order.
  public var results: [Result<PortfolioRecord, RecordError>] = []
  /// The chunks' `inputBytes`, added up.
  public var inputBytes = 0
  /// Why the input could not be opened or read, if it could not.
  public var failure: String?

  /// Opens the file, reads every chunk and checks each chunk's record count.
  public init(
    path: String, format: InputFormat, delimiter: UInt8? = nil, chunkBytes: Int, layout: RecordLayout
  ) {
    do {
      // Not `RecordStream.open`: its check of the layout's columns against the keys of the first
      // JSONL block depends on the chunk size by design.
      let stream = try RecordStream(path: path, format: format, delimiter: delimiter, chunkBytes: chunkBytes)
      let resolved = ResolvedLayout(layout, columns: stream.columns)
      columns = stream.columns
      do {
        while let chunk = try stream.next() {
          let records = chunk.records(resolved)
          fuzzCheck(records.count == chunk.count, "chunk of \(chunk.count) records gave \(records.count) results")
          fuzzCheck(chunk.inputBytes >= 0, "chunk with \(chunk.inputBytes) input bytes")
          results += records
          inputBytes += chunk.inputBytes
        }
      } catch {
        failure = error.description
      }
    } catch {
      failure = error.description
    }
  }

  /// The header or keys of an input as the stream reports them, or nil when it cannot be opened.
  public static func columns(
    path: String, format: InputFormat, delimiter: UInt8? = nil, chunkBytes: Int
  ) -> [String]? {
    (try? RecordStream(path: path, format: format, delimiter: delimiter, chunkBytes: chunkBytes))?.columns
  }

  /// The line each result names, records and errors alike.
  public var lines: [Int] {
    results.map { result in
      switch result {
      case .success(let r): r.line
      case .failure(let e): e.line
      }
    }
  }

  /// Checks what holds for any input: results within the file's lines, in order, each record
  /// with an ID and from the file read.
  public func checkBasics(path: String, lineBound: Int) {
    guard failure == nil else { return }
    fuzzCheck(
      results.count <= lineBound,
      "\(results.count) results from at most \(lineBound) lines: \(results)")
    let lines = self.lines
    for (a, b) in zip(lines, lines.dropFirst()) {
      fuzzCheck(a < b, "results out of line order: \(lines)")
    }
    for line in lines {
      fuzzCheck(line >= 1 && line <= lineBound, "line \(line) outside 1...\(lineBound): \(results)")
    }
    for case .success(let record) in results {
      fuzzCheck(!record.id.isEmpty, "a record without an ID")
      fuzzCheck(record.source == path, "a record from \(record.source)")
    }
    for case .failure(let error) in results {
      fuzzCheck(!error.message.isEmpty, "an error record without a message")
    }
  }
}

/// Facts about an input file's bytes the readers' results are checked against.
public struct InputShape {
  public let bytes: [UInt8]

  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// gzip's magic number: zlib then inflates, so byte-level facts do not apply.
  public var isGzip: Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

  /// The bytes after a UTF-8 byte-order mark.
  public var body: ArraySlice<UInt8> {
    bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
  }

  /// No reader can name a line past this: one more than the count of CR and LF bytes.
  public var lineBound: Int {
    1 + bytes.reduce(0) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
  }

  /// The body's lines split at LF only, CR before it dropped.
  public var linesAtLF: [ArraySlice<UInt8>] {
    body.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
      line.last == 0x0D ? line.dropLast() : line
    }
  }

  /// The body's lines split at CRLF, CR or LF.
  public var linesAtAnyBreak: [ArraySlice<UInt8>] {
    var out: [ArraySlice<UInt8>] = []
    let b = body
    var start = b.startIndex
    var i = b.startIndex
    while i < b.endIndex {
      if b[i] == 0x0A || b[i] == 0x0D {
        out.append(b[start..<i])
        if b[i] == 0x0D, i + 1 < b.endIndex, b[i + 1] == 0x0A { i += 1 }
        start = i + 1
      }
      i += 1
    }
    out.append(b[start..<b.endIndex])
    return out
  }
}
