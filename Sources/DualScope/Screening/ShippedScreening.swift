/// The regimes and lists built into the tool, by release.
public enum ShippedScreening {
  /// Releases that ship regimes, oldest first.
  public static var versions: [String] {
    EmbeddedScreening.releases.keys.sorted { $0.compare($1, options: .numeric) == .orderedAscending }
  }

  /// The newest release that ships regimes.
  public static var latestVersion: String { versions.last ?? "" }

  /// The regime files and the list files of a shipped release (the newest when nil).
  public static func files(version: String? = nil) -> (regimes: TaxonomyFileSet, lists: TaxonomyFileSet)? {
    let v = version ?? latestVersion
    guard let files = EmbeddedScreening.releases[v] else { return nil }
    func part(_ name: String) -> TaxonomyFileSet {
      var out: [String: [UInt8]] = [:]
      for (path, text) in files where path.hasPrefix(name + "/") {
        out[String(path.dropFirst(name.count + 1))] = Array(text.utf8)
      }
      return TaxonomyFileSet(origin: "embedded:\(v)/\(name)", displayPrefix: "Taxonomy/\(v)/\(name)/", files: out)
    }
    return (part("regimes"), part("lists"))
  }

  /// Loads the shipped regimes and lists, with extra list folders.
  public static func load(version: String? = nil, extraLists: [String] = []) throws(TaxonomyLoadError)
    -> ScreeningRules
  {
    guard let files = files(version: version) else {
      throw ScreeningLoader.failure(
        "no shipped regimes for release '\(version ?? "")' (shipped: \(versions.joined(separator: ", ")))",
        at: "embedded")
    }
    return try ScreeningLoader.load(regimes: files.regimes, lists: [files.lists] + ScreeningLoader.listFolders(extraLists))
  }
}

import Foundation
