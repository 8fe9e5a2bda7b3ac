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

extension ReleaseSpec {
  /// The regimes and lists of the release `spec` names, or nil when it has none (a folder
  /// without `regimes/`, a shipped release without regimes, a release at a git revision
  /// without them).
  public static func screening(_ spec: String, extraLists: [String] = []) throws(TaxonomyLoadError)
    -> ScreeningRules?
  {
    if GitRelease.isGitSpec(spec) {
      guard let (regimes, lists) = try GitRelease.screeningFiles(spec) else { return nil }
      return try ScreeningLoader.load(regimes: regimes, lists: (lists.map { [$0] } ?? []) + ScreeningLoader.listFolders(extraLists))
    }
    if FileManager.default.fileExists(atPath: spec) || spec.contains("/") {
      let regimes = URL(fileURLWithPath: spec).appendingPathComponent("regimes").path
      guard FileManager.default.fileExists(atPath: regimes) else { return nil }
      return try ScreeningLoader.load(directory: spec, extraLists: extraLists)
    }
    guard ShippedScreening.files(version: spec) != nil else { return nil }
    return try ShippedScreening.load(version: spec, extraLists: extraLists)
  }
}
