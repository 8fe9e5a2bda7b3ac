/// A term has a phrase with at least one letter or digit, and a wildcard only at its end; so has
/// each of its exclusions and second meanings (they are matched as phrases too).
struct TermPhraseCheck: TaxonomyCheck {
  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    for d in draft.nodes {
      for t in d.terms {
        let phrase = t.term.phrase
        if !Self.hasLetterOrDigit(phrase) {
          let shown = t.term.isPrefix ? phrase + "*" : phrase
          diagnostics.append(
            Diagnostic(.error, "term '\(shown)' has no letters or digits", at: t.term.location))
        } else if phrase.contains("*") {
          diagnostics.append(
            Diagnostic(
              .error, "term '\(t.term.displayPhrase)' has a '*' inside; a wildcard may only end a term",
              at: t.term.location))
        }
        for (key, phrases) in [("exclude", t.term.exclusions), ("second_meaning", t.term.secondMeanings)] {
          for p in phrases where !Self.hasLetterOrDigit(p) || p.contains("*") {
            diagnostics.append(
              Diagnostic(
                .error,
                "\(key) phrase '\(p)' of term '\(t.term.displayPhrase)' "
                  + (p.contains("*") ? "has a '*'; write the whole phrase" : "has no letters or digits"),
                at: t.term.location))
          }
        }
        if t.term.caseSensitive && t.term.isCompoundPart {
          diagnostics.append(
            Diagnostic(
              .error, "term '\(phrase)' cannot be both case_sensitive and compound", at: t.term.location))
        }
      }
    }
  }

  static func hasLetterOrDigit(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
  }
}
