import Foundation
import TaxonomyYAML

/// The files of one taxonomy release, from a folder or from the copy built into the tool.
public struct TaxonomyFileSet: Sendable {
  /// How the release is named in diagnostics and results: a folder path or `embedded:<version>`.
  public let origin: String
  /// What file names are prefixed with in diagnostics (`Taxonomy/2025.1/`).
  let displayPrefix: String
  private let files: [String: [UInt8]]
  /// The content hash, when it was computed before (a shipped release's, computed when the
  /// release was embedded and checked by a test), so that loading does not hash the files again.
  private let knownContentHash: String?

  /// File names, sorted.
  public var names: [String] { files.keys.sorted() }

  /// A release from in-memory files (name → bytes).
  public init(origin: String, displayPrefix: String, files: [String: [UInt8]]) {
    self.init(origin: origin, displayPrefix: displayPrefix, files: files, contentHash: nil)
  }

  /// A release from in-memory files whose ``contentHash`` is known.
  init(origin: String, displayPrefix: String, files: [String: [UInt8]], contentHash: String?) {
    self.origin = origin
    self.displayPrefix = displayPrefix
    self.files = files
    self.knownContentHash = contentHash
  }

  /// Reads the `.yaml` files of a release folder.
  public init(directory path: String) throws(TaxonomyLoadError) {
    let url = URL(fileURLWithPath: path)
    var files: [String: [UInt8]] = [:]
    let entries: [String]
    do {
      entries = try FileManager.default.contentsOfDirectory(atPath: path)
    } catch {
      let location = SourceLocation(file: path, line: 1, column: 1)
      let isFile = FileManager.default.fileExists(atPath: path)
      let message =
        isFile
        ? "not a taxonomy folder (expected a folder holding taxonomy.yaml)"
        : "no such taxonomy folder"
      throw TaxonomyLoadError(diagnostics: [Diagnostic(.error, message, at: location)], sources: [:])
    }
    var prefix = path
    if !prefix.hasSuffix("/") { prefix += "/" }
    var oversized: [Diagnostic] = []
    var total = 0
    for name in entries.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
      let limit = YAMLLimits().maxBytes
      guard let bytes = Self.read(url.appendingPathComponent(name).path, upTo: limit + 1) else { continue }
      let location = SourceLocation(file: prefix + name, line: 1, column: 1)
      total += bytes.count
      if bytes.count > limit {
        oversized.append(Diagnostic(.error, "file is larger than \(limit) bytes", at: location))
      } else if total > Self.maxTotalBytes {
        oversized.append(
          Diagnostic(.error, "the release's files are larger than \(Self.maxTotalBytes) bytes in total", at: location))
        break
      } else {
        files[name] = bytes
      }
    }
    if !oversized.isEmpty { throw TaxonomyLoadError(diagnostics: oversized, sources: [:]) }
    self.init(origin: path, displayPrefix: prefix, files: files)
  }

  /// At most `count` bytes of a file, so a huge file, a device or a pipe named `.yaml` cannot
  /// fill memory; `nil` when it cannot be read.
  static func read(_ path: String, upTo count: Int) -> [UInt8]? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var out: [UInt8] = []
    while out.count < count {
      guard let data = try? handle.read(upToCount: min(count - out.count, 1 << 20)), !data.isEmpty else { break }
      out += data
    }
    return out
  }

  /// The most a release folder's `.yaml` files may hold together (four files at the per-file limit).
  public static let maxTotalBytes = 32 << 20

  /// The bytes of a file, if the release has it.
  public func bytes(_ name: String) -> [UInt8]? { files[name] }

  func displayName(_ name: String) -> String { displayPrefix + name }

  /// SHA-256 over every file's name and bytes, in name order.
  var contentHash: String { knownContentHash ?? computedContentHash }

  /// ``contentHash`` computed from the files.
  var computedContentHash: String {
    var hasher = SHA256()
    for name in names {
      let bytes = files[name]!
      hasher.update(Array(name.utf8))
      hasher.update([0])
      hasher.update(Array(String(bytes.count).utf8))
      hasher.update([0])
      hasher.update(bytes)
    }
    return hasher.finalizeHex()
  }
}
