@testable import DualScope

/// Small in-memory taxonomy releases for tests.
enum TaxonomyFixtures {
  static let manifest = """
    schema_version: 1
    id: test-taxonomy
    version: "1.0"
    title: Test taxonomy
    released: 2025-01-01
    languages: [en, nl]
    areas:
      - quantum.yaml
    """

  static let quantum = """
    area:
      id: quantum
      name: {en: Quantum technologies, nl: Kwantumtechnologie}
      sensitivity: high
    fields:
      - id: quantum.computing
        name: {en: Quantum computing, nl: Kwantumcomputers}
        sensitivity: high
        dual_use: [4A506]
        terms:
          en:
            - {term: qubit, weight: 3}
            - quantum computer
          nl:
            - {term: kwantumcomputer, weight: 3, compound: true}
    """

  /// A release from file texts; the manifest and quantum.yaml above unless replaced.
  static func files(_ overrides: [String: String] = [:]) -> TaxonomyFileSet {
    var texts = ["taxonomy.yaml": manifest, "quantum.yaml": quantum]
    for (k, v) in overrides { texts[k] = v }
    return TaxonomyFileSet(
      origin: "test", displayPrefix: "T/", files: texts.mapValues { Array(($0 + "\n").utf8) })
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
