import DualScope

/// Writes a rendered result to standard output, or atomically to a file (``AtomicOutputFile``).
struct OutputDestination {
  let path: String?

  func write(_ text: String) throws {
    guard let path, path != "-" else {
      StandardStreams.out(text)
      StandardStreams.flush()
      return
    }
    try AtomicOutputFile.write(Array(text.utf8), to: path)
  }
}

/// A usage error found by the front end after parsing (an unknown `--field`): exit status 2.
struct CLIError: Error, CustomStringConvertible {
  let description: String
  init(_ message: String) { description = message }
}
