/// Dual-use references have the Annex I code form.
struct DualUseCodeCheck: TaxonomyCheck {
  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    for d in draft.nodes {
      for (code, location) in d.dualUse where DualUseCode(code) == nil {
        diagnostics.append(
          Diagnostic(
            .error,
            "invalid dual-use code '\(code)' (expected category 0-9, group A-E and three digits, "
              + "with optional dotted sub-items, e.g. 3A001 or 1C351.a.1)",
            at: location))
      }
    }
  }
}
