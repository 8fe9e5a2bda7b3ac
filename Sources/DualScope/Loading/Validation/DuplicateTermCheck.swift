import PhraseMatching

/// A phrase is listed once per field (error); in several fields it is a warning, since it then
/// weighs less in each.
struct DuplicateTermCheck: TaxonomyCheck {
  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    var firstAnywhere: [String: (field: String, location: SourceLocation)] = [:]
    for d in draft.nodes {
      var firstHere: [String: SourceLocation] = [:]
      for t in d.terms {
        let key = Self.key(t.term)
        if let earlier = firstHere[key] {
          diagnostics.append(
            Diagnostic(
              .error,
              "term '\(t.term.displayPhrase)' listed twice in '\(d.node.id)' "
                + "(first at \(earlier.reference(from: t.term.location)))",
              at: t.term.location))
          continue
        }
        firstHere[key] = t.term.location
        if let other = firstAnywhere[key], other.field != d.node.id {
          diagnostics.append(
            Diagnostic(
              .warning,
              "term '\(t.term.displayPhrase)' is also in '\(other.field)' "
                + "(\(other.location.reference(from: t.term.location))); it weighs less in each",
              at: t.term.location))
        } else if firstAnywhere[key] == nil {
          firstAnywhere[key] = (d.node.id, t.term.location)
        }
      }
    }
  }

  /// Terms are the same when they fold to the same text with the same case rule and wildcard.
  static func key(_ term: Term) -> String {
    let text = term.caseSensitive ? term.phrase : String(decoding: Normalizer.fold(term.phrase).bytes, as: UTF8.self)
    return (term.caseSensitive ? "C:" : "i:") + (term.isPrefix ? "*:" : "") + text
  }
}
