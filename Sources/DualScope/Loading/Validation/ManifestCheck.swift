/// The manifest names a version, known language codes, and each area file once.
struct ManifestCheck: TaxonomyCheck {
  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    let m = draft.manifest
    let here = SourceLocation(file: draft.manifestFile, line: 1, column: 1)
    if m.languages.isEmpty {
      diagnostics.append(Diagnostic(.error, "the manifest declares no languages", at: here))
    }
    for language in m.languages where !Self.isLanguageCode(language) {
      diagnostics.append(
        Diagnostic(.error, "invalid language code '\(language)' (expected e.g. en or nl)", at: here))
    }
    var seen = Set<String>()
    for file in m.areaFiles where !seen.insert(file).inserted {
      diagnostics.append(Diagnostic(.error, "area file '\(file)' listed twice", at: here))
    }
    if m.defaults.fieldThreshold <= 0 || m.defaults.areaThreshold <= 0 {
      diagnostics.append(Diagnostic(.error, "default thresholds must be greater than 0", at: here))
    }
    if m.defaults.weakWindow < 1 {
      diagnostics.append(Diagnostic(.error, "weak_window must be at least 1 word", at: here))
    }
    if !(m.defaults.loneTermFactor >= 1) {
      diagnostics.append(Diagnostic(.error, "lone_term_factor must be at least 1", at: here))
    }
    if m.defaults.secondaryMinMatches < 1 {
      diagnostics.append(Diagnostic(.error, "secondary_min_matches must be at least 1", at: here))
    }
    if !(0...50).contains(m.defaults.negationWindow) {
      diagnostics.append(Diagnostic(.error, "negation_window must be between 0 (off) and 50 words", at: here))
    }
    if !(m.defaults.clearEvidence >= 0) {
      diagnostics.append(Diagnostic(.error, "clear_evidence must be 0 or more", at: here))
    }
  }

  static func isLanguageCode(_ s: String) -> Bool {
    (2...3).contains(s.utf8.count) && s.utf8.allSatisfy { (97...122).contains($0) }
  }
}
