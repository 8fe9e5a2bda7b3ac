internal import CZlib
import Foundation

/// An input file read in blocks, gzip or not (zlib reads an uncompressed file as it is),
/// standard input for `-`, or bytes already in memory (a request body).
final class ByteSource {
  let path: String
  private let handle: gzFile?
  /// The bytes of an in-memory source, and how many of them were read.
  private let memory: [UInt8]
  private var memoryOffset = 0
  /// The file's size on disk (compressed, for gzip), when it is a regular file.
  let size: Int?
  private(set) var atEnd = false

  init(_ path: String) throws(RecordError) {
    self.path = path
    let handle: gzFile?
    if path == "-" {
      handle = gzdopen(dup(0), "rb")
      size = nil
    } else {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw RecordError(.unreadable, source: path, line: 0, message: "no such file")
      }
      if isDirectory.boolValue { throw RecordError(.unreadable, source: path, line: 0, message: "is a folder, not a file") }
      handle = gzopen(path, "rb")
      let attributes = try? FileManager.default.attributesOfItem(atPath: path)
      size = (attributes?[.size] as? NSNumber)?.intValue
    }
    guard let handle else { throw RecordError(.unreadable, source: path, line: 0, message: "cannot open") }
    self.handle = handle
    memory = []
    gzbuffer(handle, 1 << 18)
  }

  /// A source over bytes in memory, named `name` in error records; nothing touches the disk.
  init(bytes: [UInt8], name: String) {
    path = name
    handle = nil
    memory = bytes
    size = bytes.count
  }

  deinit { if let handle { gzclose(handle) } }

  /// How far into the file (compressed bytes) reading has come.
  var position: Int { handle.map { Int(gzoffset($0)) } ?? memoryOffset }

  /// Reads up to `buffer.count` bytes into `buffer`, returning how many (0 at the end), or
  /// -1 after a read error, which ``failure`` then holds.
  func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
    guard !atEnd, buffer.count > 0 else { return 0 }
    guard let handle else {
      let n = min(buffer.count, memory.count - memoryOffset)
      if n > 0 {
        memory.withUnsafeBytes { m in
          buffer.baseAddress!.copyMemory(from: m.baseAddress! + memoryOffset, byteCount: n)
        }
      }
      memoryOffset += n
      if n < buffer.count { atEnd = true }
      return n
    }
    var total = 0
    while total < buffer.count {
      let want = UInt32(min(buffer.count - total, 1 << 30))
      let n = gzread(handle, buffer.baseAddress! + total, want)
      if n < 0 {
        var code: Int32 = 0
        let message = gzerror(handle, &code).map { String(cString: $0) } ?? "read error"
        failure = RecordError(.unreadable, source: path, line: 0, message: "cannot read: \(message)")
        return -1
      }
      if n == 0 {
        atEnd = true
        break
      }
      total += Int(n)
    }
    return total
  }

  /// The read error, after ``read(into:)`` returned -1.
  private(set) var failure: RecordError?

  /// Reads a block: `carry` followed by up to `count` new bytes.
  func block(after carry: ArraySlice<UInt8>, count: Int) throws(RecordError) -> [UInt8] {
    let out = [UInt8](unsafeUninitializedCapacity: carry.count + count) { p, n in
      _ = UnsafeMutableBufferPointer(rebasing: p[0..<carry.count]).initialize(from: carry)
      let raw = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(p)[carry.count...])
      n = carry.count + max(0, read(into: raw))
    }
    if let failure { throw failure }
    return out
  }
}

/// Reads input files whole, gzip or not.
public enum InputFile {
  /// The bytes of a file, or of standard input for `-`.
  public static func readAll(_ path: String) throws(RecordError) -> [UInt8] {
    let source = try ByteSource(path)
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = chunk.withUnsafeMutableBytes { source.read(into: $0) }
      if n < 0, let failure = source.failure { throw failure }
      if n <= 0 { break }
      out.append(contentsOf: chunk[0..<n])
    }
    return out
  }
}
