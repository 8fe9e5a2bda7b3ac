/// No two areas or fields share an ID, across all files of a release.
struct UniqueIdentifierCheck: TaxonomyCheck {
  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    var first: [String: SourceLocation] = [:]
    for d in draft.nodes {
      if let earlier = first[d.node.id] {
        diagnostics.append(
          Diagnostic(
            .error,
            "duplicate id '\(d.node.id)' (first declared at \(earlier.reference(from: d.idLocation)))",
            at: d.idLocation))
      } else {
        first[d.node.id] = d.idLocation
      }
    }
  }
}
