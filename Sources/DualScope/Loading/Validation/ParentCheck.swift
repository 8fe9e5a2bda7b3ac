/// Every explicit `parent:` names a field or area that exists.
struct ParentCheck: TaxonomyCheck {
  /// How many unknown parents get a "did you mean".
  static let maxSuggestions = 100

  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    let ids = draft.nodes.map(\.node.id)
    let known = Set(ids)
    var suggested = 0
    for d in draft.nodes {
      guard let (parent, location) = d.explicitParent, !known.contains(parent) else { continue }
      var message = "unknown parent '\(parent)'"
      // Each suggestion compares against every ID: only the first few unknown parents get one.
      suggested += 1
      if suggested <= Self.maxSuggestions, let guess = EditDistance.suggestion(for: parent, among: ids) {
        message += " (did you mean '\(guess)'?)"
      }
      diagnostics.append(Diagnostic(.error, message, at: location))
    }
  }
}
