/// Every field has terms of its own or sub-fields that have them.
struct FieldTermsCheck: TaxonomyCheck {
  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    let parents = Set(draft.nodes.compactMap(\.node.parentID))
    for d in draft.nodes where d.node.kind == .field && d.terms.isEmpty && !parents.contains(d.node.id) {
      diagnostics.append(
        Diagnostic(.error, "field '\(d.node.id)' has no terms", at: d.idLocation))
    }
  }
}
