/// The taxonomy releases built into the tool.
public enum ShippedTaxonomy {
  /// Release versions shipped, oldest first.
  public static var versions: [String] {
    EmbeddedTaxonomy.releases.keys.sorted { $0.compare($1, options: .numeric) == .orderedAscending }
  }

  /// The newest shipped release.
  public static var latestVersion: String { versions.last ?? "" }

  /// The files of a shipped release (the newest when `version` is nil).
  public static func files(version: String? = nil) -> TaxonomyFileSet? {
    let v = version ?? latestVersion
    guard let files = EmbeddedTaxonomy.releases[v] else { return nil }
    return TaxonomyFileSet(
      origin: "embedded:\(v)", displayPrefix: "Taxonomy/\(v)/",
      files: files.mapValues { Array($0.utf8) }, contentHash: EmbeddedTaxonomy.contentHashes[v])
  }

  /// Loads a shipped release.
  public static func load(version: String? = nil) throws(TaxonomyLoadError) -> TaxonomyLoader.Loaded {
    guard let files = files(version: version) else {
      let known = versions.joined(separator: ", ")
      throw TaxonomyLoadError(
        diagnostics: [
          Diagnostic(
            .error, "no shipped taxonomy release '\(version ?? "")' (shipped: \(known))",
            at: SourceLocation(file: "embedded", line: 1, column: 1))
        ], sources: [:])
    }
    return try TaxonomyLoader.load(files)
  }
}

import Foundation
