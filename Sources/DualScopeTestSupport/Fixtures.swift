import DualScope
import Foundation

/// The files under `Tests/Fixtures`: small releases, portfolios and the recorded snapshots.
public enum Fixtures {
  /// `Tests/Fixtures` in the package, found from this source file's location.
  public static var root: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures")
  }

  /// The URL of a fixture file.
  public static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

  /// A fixture file's text; a missing fixture stops the test run with its path.
  public static func text(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: url(path).path) else {
      fatalError("missing fixture Tests/Fixtures/\(path)")
    }
    return String(decoding: data, as: UTF8.self)
  }

  /// The files of a fixture release (`releases/NAME`), by file name.
  public static func release(_ name: String) -> [String: String] {
    let folder = url("releases/" + name)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    var files: [String: String] = [:]
    for n in names where n.hasSuffix(".yaml") { files[n] = text("releases/\(name)/\(n)") }
    return files
  }

  /// A release from file texts, as the loader reads a folder (display prefix `T/`).
  public static func fileSet(_ files: [String: String]) -> TaxonomyFileSet {
    TaxonomyFileSet(origin: "test", displayPrefix: "T/", files: files.mapValues { Array($0.utf8) })
  }

  /// Loads a release from file texts; a fixture that does not load stops the run with its diagnostics.
  public static func taxonomy(_ files: [String: String]) -> Taxonomy {
    do {
      return try TaxonomyLoader.load(fileSet(files)).taxonomy
    } catch {
      fatalError("fixture does not load:\n\(error.description)")
    }
  }
}

extension Fixtures {
  /// A generated CSV portfolio of `n` rows (`id,title,abstract,dept`) in `folder`: a row with an
  /// unbalanced quote every 97 (an error record), an empty text every 50, three departments,
  /// quantum, AI and unrelated topics, and line breaks inside quoted fields.
  public static func portfolio(_ n: Int, in folder: TemporaryFolder) throws -> String {
    var text = "id,title,abstract,dept\n"
    let topics = [
      "A qubit array with cryogenic control", "Machine learning for protein folding", "Dutch poetry of the 1950s",
      "Een kwantumcomputer met spinqubits", "AI and machine learning for triage",
    ]
    for i in 0..<n {
      if i % 97 == 13 {
        text += "\(i),\"unbalanced,x,y\n"
      } else if i % 50 == 7 {
        text += "\(i),,,D\(i % 3)\n"
      } else {
        text += "\(i),\"\(topics[i % topics.count]), part \(i)\",\"Line one\nline two, qubit \(i)\",D\(i % 3)\n"
      }
    }
    return try folder.write("p.csv", text)
  }
}

/// A fresh folder under the system's temporary directory, removed by ``remove()``.
public struct TemporaryFolder: Sendable {
  public let url: URL

  /// An existing folder.
  public init(url: URL) { self.url = url }

  /// Creates a new folder whose name starts with `label`.
  public init(_ label: String = "dualscope") throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// The path of a file in the folder.
  public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Writes a text file into the folder and returns its path.
  @discardableResult
  public func write(_ name: String, _ text: String) throws -> String {
    let target = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: target)
    return target.path
  }

  /// Removes the folder and everything in it.
  public func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Compares an output with its recorded snapshot under `Tests/Fixtures/Snapshots`.
///
/// Behaviour changes show up as a reviewed text diff: re-record on purpose with
/// `RECORD_SNAPSHOTS=1 swift test --filter …`, then read the diff before committing.
public enum Snapshot {
  /// A snapshot that differs from the output, or is missing.
  public struct Mismatch: Error, CustomStringConvertible {
    public var description: String
  }

  /// Throws ``Mismatch`` (a test failure under XCTest) when `actual` differs from the snapshot.
  public static func check(_ actual: String, named name: String) throws {
    let url = Fixtures.url("Snapshots/" + name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url)
      return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw Mismatch(description: "missing snapshot \(name); record it with RECORD_SNAPSHOTS=1")
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard expected != actual else { return }
    throw Mismatch(description: "snapshot \(name) differs:\n" + firstDifference(expected, actual))
  }

  /// The first differing line of two texts, with its number.
  static func firstDifference(_ expected: String, _ actual: String) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(a.count, b.count) where i >= a.count || i >= b.count || a[i] != b[i] {
      let x = i < a.count ? String(a[i]) : "(end)"
      let y = i < b.count ? String(b[i]) : "(end)"
      return "line \(i + 1):\n- expected: \(x)\n+ actual:   \(y)\n(\(a.count) expected lines, \(b.count) actual)"
    }
    return "(they differ only in line endings)"
  }
}
