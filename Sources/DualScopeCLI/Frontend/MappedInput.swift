import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of an input file or of standard input, mapped rather than read into memory.
///
/// A file is mapped as it is. Standard input is mapped directly when it is a regular file
/// (`< file`); from a pipe it is first copied in 1 MiB blocks to an unlinked temporary file,
/// so a stream of any length costs disk and page cache, not resident memory.
enum MappedInput {
  /// The bytes of `name` (`-` for standard input), or nil when it cannot be read.
  static func open(_ name: String) -> Data? {
    if name != "-" { return try? Data(contentsOf: URL(fileURLWithPath: name), options: .alwaysMapped) }
    var info = stat()
    guard fstat(STDIN_FILENO, &info) == 0 else { return nil }
    if (info.st_mode & S_IFMT) == S_IFREG { return map(STDIN_FILENO, closing: false) }
    return spool()
  }

  /// Copies standard input to an unlinked temporary file and maps it.
  private static func spool() -> Data? {
    var template = Array((NSTemporaryDirectory() + "/dualscope-stdin-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { return nil }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    let block = 1 << 20
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: block, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let n = read(STDIN_FILENO, buffer, block)
      if n == 0 { break }
      if n < 0 {
        if errno == EINTR { continue }
        close(fd)
        return nil
      }
      var written = 0
      while written < n {
        let w = write(fd, buffer + written, n - written)
        if w < 0 {
          if errno == EINTR { continue }
          close(fd)
          return nil
        }
        written += w
      }
    }
    return map(fd, closing: true)
  }

  /// Maps a whole regular file; an empty one gives empty data.
  private static func map(_ fd: Int32, closing: Bool) -> Data? {
    defer { if closing { close(fd) } }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return nil }
    let size = Int(info.st_size)
    guard size > 0 else { return Data() }
    guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
    return Data(bytesNoCopy: base, count: size, deallocator: .custom { pointer, count in _ = munmap(pointer, count) })
  }
}
