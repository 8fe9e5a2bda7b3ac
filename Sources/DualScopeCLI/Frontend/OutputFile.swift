import Foundation

/// Writes a result to standard output, or atomically to a file: a temporary file beside it,
/// then a rename, so an interrupted run never leaves a half file under the final name.
struct OutputDestination {
  let path: String?

  func write(_ text: String) throws {
    guard let path, path != "-" else {
      StandardStreams.out(text)
      StandardStreams.flush()
      return
    }
    try AtomicFile.write(Array(text.utf8), to: path)
  }
}

enum AtomicFile {
  /// Writes bytes to a temporary file in the target's folder, syncs, and renames it over the target.
  static func write(_ bytes: [UInt8], to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw CLIError("cannot write '\(path)': \(String(cString: strerror(errno)))") }
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        close(fd)
        unlink(temporary)
        throw CLIError("cannot write '\(path)': \(String(cString: strerror(errno)))")
      }
      offset += n
    }
    fsync(fd)
    close(fd)
    guard rename(temporary, path) == 0 else {
      unlink(temporary)
      throw CLIError("cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
  }
}

/// An error of the command-line front end: a message for standard error and exit status 2.
struct CLIError: Error, CustomStringConvertible {
  let description: String
  init(_ message: String) { description = message }
}
