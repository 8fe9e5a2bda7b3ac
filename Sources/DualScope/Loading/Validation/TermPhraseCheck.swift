/// A term has a phrase with at least one letter or digit, and a wildcard only at its end.
struct TermPhraseCheck: TaxonomyCheck {
  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    for d in draft.nodes {
      for t in d.terms {
        let phrase = t.term.phrase
        if !phrase.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
          let shown = t.term.isPrefix ? phrase + "*" : phrase
          diagnostics.append(
            Diagnostic(.error, "term '\(shown)' has no letters or digits", at: t.term.location))
        } else if phrase.contains("*") {
          diagnostics.append(
            Diagnostic(
              .error, "term '\(t.term.displayPhrase)' has a '*' inside; a wildcard may only end a term",
              at: t.term.location))
        }
        if t.term.caseSensitive && t.term.isCompoundPart {
          diagnostics.append(
            Diagnostic(
              .error, "term '\(phrase)' cannot be both case_sensitive and compound", at: t.term.location))
        }
      }
    }
  }
}
