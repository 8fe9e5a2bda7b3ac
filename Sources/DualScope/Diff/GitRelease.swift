import Foundation

/// Reads a taxonomy release as it was at a git revision: `git:REV:PATH`, with its screening part
/// (`regimes/`, `lists/`) when it had one.
///
/// Lists the release folder with `git ls-tree` and reads each `.yaml` file with `git show`, in
/// the current directory's repository; nothing in the working tree changes.
public enum GitRelease {
  /// Whether a release argument names a git revision.
  public static func isGitSpec(_ spec: String) -> Bool { spec.hasPrefix("git:") }

  /// The files of `git:REV:PATH`.
  public static func files(_ spec: String, in directory: String? = nil) throws(TaxonomyLoadError) -> TaxonomyFileSet {
    let (revision, path) = try parse(spec)
    guard let set = try yamlFiles(spec, revision: revision, path: path, in: directory) else {
      throw failure(spec, "no taxonomy files at '\(path)' in revision '\(revision)'")
    }
    return set
  }

  /// The screening part of `git:REV:PATH`: the files of `PATH/regimes/` and of `PATH/lists/`
  /// (nil when there is none), or nil when the release had no regimes at that revision.
  public static func screeningFiles(_ spec: String, in directory: String? = nil) throws(TaxonomyLoadError)
    -> (regimes: TaxonomyFileSet, lists: TaxonomyFileSet?)?
  {
    let (revision, path) = try parse(spec)
    let base = "git:\(revision):\(path)"
    func part(_ name: String) throws(TaxonomyLoadError) -> TaxonomyFileSet? {
      try yamlFiles(base + "/" + name, revision: revision, path: path.isEmpty ? name : path + "/" + name, in: directory)
    }
    guard let regimes = try part("regimes") else { return nil }
    return (regimes, try part("lists"))
  }

  /// The revision and the path (without trailing slashes) of `git:REV:PATH`.
  private static func parse(_ spec: String) throws(TaxonomyLoadError) -> (revision: String, path: String) {
    let body = spec.dropFirst("git:".count)
    guard let colon = body.firstIndex(of: ":"), colon != body.startIndex else {
      throw failure(spec, "expected git:REVISION:PATH, for example git:HEAD~1:Taxonomy/2025.1")
    }
    let revision = String(body[..<colon])
    // A revision is passed to git as an argument: one that looks like an option is refused.
    guard !revision.hasPrefix("-") else { throw failure(spec, "a revision cannot start with '-'") }
    var path = String(body[body.index(after: colon)...])
    while path.hasSuffix("/") { path.removeLast() }
    return (revision, path)
  }

  /// The `.yaml` files of one folder at a revision, named for diagnostics by `spec`; nil when it
  /// holds none.
  private static func yamlFiles(_ spec: String, revision: String, path: String, in directory: String?)
    throws(TaxonomyLoadError) -> TaxonomyFileSet?
  {
    let listing = run(["ls-tree", "--name-only", "--full-name", revision, "--", path.isEmpty ? "." : path + "/"], in: directory)
    guard listing.status == 0 else {
      throw failure(spec, "git ls-tree failed: " + listing.error.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    var files: [String: [UInt8]] = [:]
    for line in String(decoding: listing.output, as: UTF8.self).split(separator: "\n") {
      let name = line.split(separator: "/").last.map(String.init) ?? String(line)
      guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { continue }
      let show = run(["show", "\(revision):\(line)"], in: directory)
      guard show.status == 0 else {
        throw failure(spec, "git show \(revision):\(line) failed: " + show.error.trimmingCharacters(in: .whitespacesAndNewlines))
      }
      files[name] = show.output
    }
    guard !files.isEmpty else { return nil }
    return TaxonomyFileSet(origin: spec, displayPrefix: spec.hasSuffix("/") ? spec : spec + "/", files: files)
  }

  private static func failure(_ spec: String, _ message: String) -> TaxonomyLoadError {
    TaxonomyLoadError(
      diagnostics: [Diagnostic(.error, message, at: SourceLocation(file: spec, line: 1, column: 1))], sources: [:])
  }

  private static func run(_ arguments: [String], in directory: String?) -> (status: Int32, output: [UInt8], error: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return (127, [], "cannot run git: \(error)") }
    // Read standard error in the background so that neither pipe can fill and block git.
    let errorBox = ErrorBox()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errorBox.data = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let output = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return (process.terminationStatus, [UInt8](output), String(decoding: errorBox.data, as: UTF8.self))
  }
}

/// Holds what the background reader collected; the dispatch group orders the accesses.
private final class ErrorBox: @unchecked Sendable {
  var data = Data()
}
