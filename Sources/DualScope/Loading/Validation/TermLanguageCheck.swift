/// Every term's language is declared in the manifest.
struct TermLanguageCheck: TaxonomyCheck {
  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    let declared = draft.manifest.languages
    var reported = Set<SourceLocation>()
    for d in draft.nodes {
      for t in d.terms where !declared.contains(t.term.language) {
        guard reported.insert(t.languageLocation).inserted else { continue }
        diagnostics.append(
          Diagnostic(
            .error,
            "language '\(t.term.language)' is not declared in the manifest (languages: "
              + declared.joined(separator: ", ") + ")",
            at: t.languageLocation))
      }
    }
  }
}
