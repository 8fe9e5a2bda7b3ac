import DualScopeTestSupport

@testable import DualScope

/// The small release under `Tests/Fixtures/releases/test`, and loads of variants of it.
enum TaxonomyFixtures {
  static let manifest = Fixtures.text("releases/test/taxonomy.yaml").withoutFinalNewline
  static let quantum = Fixtures.text("releases/test/quantum.yaml").withoutFinalNewline

  /// A release from file texts; the manifest and quantum.yaml above unless replaced.
  static func files(_ overrides: [String: String] = [:]) -> TaxonomyFileSet {
    var texts = ["taxonomy.yaml": manifest, "quantum.yaml": quantum]
    for (k, v) in overrides { texts[k] = v.hasSuffix("\n") ? v : v + "\n" }
    return Fixtures.fileSet(texts)
  }

  /// The manifest with `block` (top-level keys) before its `areas:`.
  static func manifest(adding block: String) -> String {
    manifest.replacingOccurrences(of: "areas:", with: block + "\nareas:")
  }

  /// A classifier of the release whose manifest gets `block`, with area and field thresholds 1,
  /// its invariants checked.
  static func classifier(manifestAdding block: String) throws -> Classifier {
    var options = ClassifierOptions()
    options.areaThreshold = 1
    options.fieldThreshold = 1
    let loaded = try TaxonomyLoader.load(files(["taxonomy.yaml": manifest(adding: block)]))
    loaded.taxonomy._checkInvariants()
    return try Classifier(taxonomy: loaded.taxonomy, options: options)
  }

  /// The rendered diagnostics of a load that must fail.
  static func failure(_ overrides: [String: String]) -> String {
    do {
      _ = try TaxonomyLoader.load(files(overrides))
      return "(loaded without errors)"
    } catch {
      return error.description
    }
  }
}

extension String {
  /// The text without its last line break (fixture texts are extended in tests).
  var withoutFinalNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
