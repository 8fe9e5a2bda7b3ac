import Foundation

/// Writes to standard output and error through C stdio, so that a closed pipe
/// (`dualscope classify ... | head`) ends the process quietly with status 0.
enum StandardStreams {
  /// Standard output is buffered here and written in large blocks; only the main thread writes.
  nonisolated(unsafe) private static var buffer: [UInt8] = []
  private static let blockSize = 1 << 16

  /// Writes text to standard output (buffered).
  static func out(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= blockSize { flush() }
  }

  /// Writes bytes to standard output (buffered).
  static func out(bytes: [UInt8]) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= blockSize { flush() }
  }

  /// Writes text to standard error at once, after flushing standard output.
  static func error(_ text: String) {
    flush()
    writeAll(2, Array(text.utf8))
  }

  /// Writes out what standard output has buffered.
  static func flush() {
    guard !buffer.isEmpty else { return }
    writeAll(1, buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        // A reader that went away (`| head`) ends the run quietly.
        if errno == EPIPE { exit(0) }
        return
      }
      offset += n
    }
  }
}

/// What the terminal on each stream can show.
enum Terminal {
  /// Colour on standard output: only on a terminal and never with NO_COLOR set.
  static var stdoutColour: Bool { isatty(1) == 1 && !noColour }
  static var stderrColour: Bool { isatty(2) == 1 && !noColour }
  static var stderrIsTerminal: Bool { isatty(2) == 1 }

  private static var noColour: Bool {
    if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return true }
    return ProcessInfo.processInfo.environment["TERM"] == "dumb"
  }
}
