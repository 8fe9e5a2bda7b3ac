/// Every field has terms of its own or sub-fields that have them; a release holds at most
/// ``maxTerms`` terms, which bounds the matcher it compiles to.
struct FieldTermsCheck: TaxonomyCheck {
  static let maxTerms = 1_000_000

  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    let parents = Set(draft.nodes.compactMap(\.node.parentID))
    var count = 0
    for d in draft.nodes {
      count += d.terms.count
      if count > Self.maxTerms {
        let first = d.terms[d.terms.count - (count - Self.maxTerms)]
        diagnostics.append(
          Diagnostic(.error, "the release has more than \(Self.maxTerms) terms", at: first.term.location))
        break
      }
    }
    for d in draft.nodes where d.node.kind == .field && d.terms.isEmpty && !parents.contains(d.node.id) {
      diagnostics.append(
        Diagnostic(.error, "field '\(d.node.id)' has no terms", at: d.idLocation))
    }
  }
}
