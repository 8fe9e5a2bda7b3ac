/// Term weights lie in 0 < weight ≤ 10.
struct TermWeightCheck: TaxonomyCheck {
  static let range = "0 < weight <= 10"

  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    for d in draft.nodes {
      for t in d.terms where !(t.term.weight > 0 && t.term.weight <= 10) {
        diagnostics.append(
          Diagnostic(
            .error, "weight \(NumberText.plain(t.term.weight)) of '\(t.term.phrase)' is out of range (\(Self.range))",
            at: t.weightLocation))
      }
    }
  }
}
