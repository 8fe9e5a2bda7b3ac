#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file of this process's own that a harness rewrites for every input, for readers that
/// take a path.
public struct ScratchFile: Sendable {
  public let path: String

  /// A path under `$TMPDIR` (or /tmp) holding the process ID, so parallel jobs do not collide.
  public init(suffix: String) {
    let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    path = "\(folder)/dualscope-fuzz-\(getpid())\(suffix)"
  }

  /// Replaces the file's contents.
  public func write(_ bytes: [UInt8]) {
    guard let f = fopen(path, "wb") else { fuzzFailure("cannot write \(path)") }
    let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
    fuzzCheck(written == bytes.count, "short write to \(path)")
  }
}
