import Foundation

/// An output written in large blocks either to standard output or atomically to a file: a
/// temporary file beside the target, renamed over it by ``commit()``. An interrupted run leaves
/// no half file under the final name; ``removeTemporaries()`` (for a signal handler) deletes
/// the temporary files still open. A target that exists and is not a regular file or a folder
/// (`/dev/null`, a named pipe, a terminal) is written directly, as a stream: renaming a file over
/// it would replace the device or the pipe with a plain file.
public final class AtomicOutputFile {
  /// Writing failed; `brokenPipe` when standard output's reader went away (`| head`).
  public struct WriteError: Error, CustomStringConvertible {
    public var description: String
    public var brokenPipe: Bool

    public init(description: String, brokenPipe: Bool) {
      self.description = description
      self.brokenPipe = brokenPipe
    }
  }

  /// The final path; `nil` for standard output.
  public let path: String?
  /// The temporary file being written.
  public let temporaryPath: String?
  private var fd: Int32
  private var buffer: [UInt8] = []
  private let blockSize = 1 << 20

  /// A stream's output: standard output (`1`) or standard error (`2`), written as it comes.
  public init(stream fd: Int32) {
    self.path = nil
    self.temporaryPath = nil
    self.fd = fd
  }

  /// Whether this writes to a stream rather than a file: outputs there are flushed chunk by
  /// chunk, so a reader downstream (a cluster engine's pipe) sees results as they are made.
  public var isStream: Bool { temporaryPath == nil }

  /// Opens standard output (`nil` or `-`) or a temporary file for `path`.
  public init(_ path: String?) throws {
    guard let path, path != "-" else {
      self.path = nil
      self.temporaryPath = nil
      self.fd = 1
      return
    }
    self.path = path
    if Self.isSpecialFile(path) {
      self.temporaryPath = nil
      fd = open(path, O_WRONLY)
      guard fd >= 0 else {
        throw WriteError(description: "cannot write '\(path)': \(String(cString: strerror(errno)))", brokenPipe: false)
      }
      return
    }
    let temporary = Self.temporaryName(for: path)
    self.temporaryPath = temporary
    fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else {
      throw WriteError(description: "cannot write '\(path)': \(String(cString: strerror(errno)))", brokenPipe: false)
    }
    Self.pending.register(temporary)
    buffer.reserveCapacity(blockSize)
  }

  /// Whether `path` exists and is neither a regular file nor a folder: a device, a named pipe or a
  /// socket, written in place rather than replaced.
  public static func isSpecialFile(_ path: String) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return false }
    let kind = info.st_mode & S_IFMT
    return kind != S_IFREG && kind != S_IFDIR
  }

  /// `.NAME.tmp-PID` in the target's folder, so the rename stays on one file system.
  public static func temporaryName(for path: String) -> String {
    let url = URL(fileURLWithPath: path)
    return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".tmp-\(getpid())"
  }

  /// Appends bytes, in blocks of 1 MiB.
  public func write(_ bytes: [UInt8]) throws {
    if buffer.count + bytes.count > blockSize { try flush() }
    if bytes.count >= blockSize {
      try writeAll(bytes)
    } else {
      buffer.append(contentsOf: bytes)
    }
  }

  /// Appends text as UTF-8.
  public func write(_ text: String) throws { try write(Array(text.utf8)) }

  /// Writes a whole output at once: to standard output for `nil` or `-`, else atomically.
  public static func write(_ bytes: [UInt8], to path: String?) throws {
    let out = try AtomicOutputFile(path)
    do {
      try out.write(bytes)
      try out.commit()
    } catch {
      out.abort()
      throw error
    }
  }

  /// Writes what is buffered.
  public func flush() throws {
    guard !buffer.isEmpty else { return }
    try writeAll(buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  private func writeAll(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        let pipe = errno == EPIPE
        throw WriteError(
          description: "cannot write '\(path ?? (fd == 2 ? "standard error" : "standard output"))': \(String(cString: strerror(errno)))",
          brokenPipe: pipe)
      }
      offset += n
    }
  }

  /// Flushes, syncs and renames the temporary file over the target (a special file written in
  /// place is closed).
  public func commit() throws {
    try flush()
    guard let path else { return }
    guard let temporaryPath else {
      if fd >= 0 { close(fd) }
      fd = -1
      return
    }
    fsync(fd)
    close(fd)
    fd = -1
    try Self.moveIntoPlace(temporaryPath, path)
  }

  /// Renames a finished temporary file over its target (removing it when that fails) and stops
  /// tracking it for ``removeTemporaries()``.
  public static func moveIntoPlace(_ temporaryPath: String, _ path: String) throws {
    defer { pending.remove(temporaryPath) }
    guard rename(temporaryPath, path) == 0 else {
      let message = String(cString: strerror(errno))
      unlink(temporaryPath)
      throw WriteError(description: "cannot write '\(path)': \(message)", brokenPipe: false)
    }
  }

  /// Deletes the temporary file; the target is left as it was.
  public func abort() {
    guard fd >= 0, path != nil else { return }
    guard let temporaryPath else {
      close(fd)
      fd = -1
      return
    }
    close(fd)
    fd = -1
    unlink(temporaryPath)
    Self.pending.remove(temporaryPath)
  }

  deinit {
    if fd >= 0, path != nil { abort() }
  }

  /// Temporary files not yet renamed or removed, by any writer (SQLite's too).
  static let pending = PendingFiles()

  /// Deletes every temporary file still open: for an interrupt handler before it exits.
  public static func removeTemporaries() {
    for path in pending.all() { unlink(path) }
  }

  /// Registers a temporary file made by another writer, so an interrupt removes it.
  public static func register(_ path: String) { pending.register(path) }
  /// Stops tracking a temporary file (it was renamed or removed).
  public static func unregister(_ path: String) { pending.remove(path) }
}

/// The set of temporary files, behind a lock: an interrupt handler reads it from another thread.
final class PendingFiles: @unchecked Sendable {
  private let lock = NSLock()
  private var paths: Set<String> = []

  func register(_ path: String) { lock.withLock { _ = paths.insert(path) } }
  func remove(_ path: String) { lock.withLock { _ = paths.remove(path) } }
  func all() -> [String] { lock.withLock { Array(paths) } }
}
