internal import CZlib
import Foundation

/// Reads input files whole, gzip or not (zlib reads an uncompressed file as it is).
public enum InputFile {
  /// The bytes of a file, or of standard input for `-`.
  public static func readAll(_ path: String) throws(RecordError) -> [UInt8] {
    let handle: gzFile?
    if path == "-" {
      handle = gzdopen(dup(0), "rb")
    } else {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw RecordError(source: path, line: 0, message: "no such file")
      }
      if isDirectory.boolValue { throw RecordError(source: path, line: 0, message: "is a folder, not a file") }
      handle = gzopen(path, "rb")
    }
    guard let handle else { throw RecordError(source: path, line: 0, message: "cannot open") }
    defer { gzclose(handle) }
    gzbuffer(handle, 1 << 17)
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = chunk.withUnsafeMutableBytes { gzread(handle, $0.baseAddress, UInt32($0.count)) }
      if n < 0 {
        var code: Int32 = 0
        let message = gzerror(handle, &code).map { String(cString: $0) } ?? "read error"
        throw RecordError(source: path, line: 0, message: "cannot read: \(message)")
      }
      if n == 0 { break }
      out.append(contentsOf: chunk[0..<Int(n)])
    }
    return out
  }
}

/// Reads a whole portfolio into records and error records, checking the layout's columns.
public enum PortfolioReader {
  /// A run that cannot start: a missing column, an unreadable file.
  public struct SetupError: Error, CustomStringConvertible {
    public let description: String
  }

  public static func read(
    _ path: String, format: InputFormat? = nil, layout: RecordLayout
  ) throws(SetupError) -> (records: [PortfolioRecord], errors: [RecordError]) {
    let kind = format ?? InputFormat.guess(path) ?? .jsonl
    let bytes: [UInt8]
    do { bytes = try InputFile.readAll(path) } catch { throw SetupError(description: "\(path): \(error.message)") }
    var raws: [Result<RawRecord, RecordError>]
    var columns: [String]
    switch kind {
    case .csv:
      (columns, raws) = RecordReader.csv(bytes, source: path)
    case .jsonl, .text:
      raws = RecordReader.jsonl(bytes, source: path)
      var keys = Set<String>()
      for case .success(let r) in raws.prefix(100) { keys.formUnion(r.values.keys) }
      columns = keys.sorted()
    }
    let missing = layout.requiredColumns.filter { !columns.contains($0) }
    if !missing.isEmpty && !(columns.isEmpty && raws.isEmpty) {
      let what = kind == .csv ? "column" : "key"
      throw SetupError(
        description: "\(path): no \(what)\(missing.count == 1 ? "" : "s") "
          + missing.map { "'\($0)'" }.joined(separator: ", ")
          + "; the input has: " + columns.joined(separator: ", "))
    }
    var records: [PortfolioRecord] = []
    var errors: [RecordError] = []
    for raw in raws {
      switch raw.flatMap({ layout.extract($0) }) {
      case .success(let r): records.append(r)
      case .failure(let e): errors.append(e)
      }
    }
    return (records, errors)
  }
}
