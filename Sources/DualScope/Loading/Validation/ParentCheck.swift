/// Every explicit `parent:` names a field or area that exists.
struct ParentCheck: TaxonomyCheck {
  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    let ids = draft.nodes.map(\.node.id)
    let known = Set(ids)
    for d in draft.nodes {
      guard let (parent, location) = d.explicitParent, !known.contains(parent) else { continue }
      var message = "unknown parent '\(parent)'"
      if let guess = EditDistance.suggestion(for: parent, among: ids) {
        message += " (did you mean '\(guess)'?)"
      }
      diagnostics.append(Diagnostic(.error, message, at: location))
    }
  }
}
