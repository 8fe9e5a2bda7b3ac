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
