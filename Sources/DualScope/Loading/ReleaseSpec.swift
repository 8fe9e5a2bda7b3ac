import Foundation

/// Where a release comes from, as a user names it: a folder (`Taxonomy/2025.1`), the version of
/// a shipped release (`2025.1`), or a folder at a git revision (`git:HEAD~1:Taxonomy/2025.1`).
/// Every `--taxonomy` option and `diff`'s two releases are resolved here.
public enum ReleaseSpec {
  /// Loads the release `spec` names; `nil` is the newest shipped release.
  public static func load(_ spec: String?) throws(TaxonomyLoadError) -> TaxonomyLoader.Loaded {
    guard let spec else { return try ShippedTaxonomy.load() }
    if GitRelease.isGitSpec(spec) { return try TaxonomyLoader.load(try GitRelease.files(spec)) }
    if FileManager.default.fileExists(atPath: spec) || spec.contains("/") {
      return try TaxonomyLoader.load(directory: spec)
    }
    return try ShippedTaxonomy.load(version: spec)
  }
}
