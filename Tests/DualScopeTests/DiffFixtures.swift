import DualScopeTestSupport

@testable import DualScope

/// Two small releases that differ in every way a revision can (`Tests/Fixtures/releases/diff-old`
/// at 1.0 and `diff-new` at 2.0, with lineage keys in the new one).
enum DiffFixtures {
  static let oldManifest = Fixtures.text("releases/diff-old/taxonomy.yaml").withoutFinalNewline
  static let newManifest = Fixtures.text("releases/diff-new/taxonomy.yaml").withoutFinalNewline
  static let oldQuantum = Fixtures.text("releases/diff-old/quantum.yaml").withoutFinalNewline
  static let newQuantum = Fixtures.text("releases/diff-new/quantum.yaml").withoutFinalNewline
  static let oldChips = Fixtures.text("releases/diff-old/chips.yaml").withoutFinalNewline
  static let newChips = Fixtures.text("releases/diff-new/chips.yaml").withoutFinalNewline

  static func taxonomy(_ files: [String: String]) -> Taxonomy {
    let t = Fixtures.taxonomy(files.mapValues { $0.hasSuffix("\n") ? $0 : $0 + "\n" })
    t._checkInvariants()
    return t
  }

  static var old: Taxonomy { taxonomy(Fixtures.release("diff-old")) }
  static var new: Taxonomy { taxonomy(Fixtures.release("diff-new")) }
}
