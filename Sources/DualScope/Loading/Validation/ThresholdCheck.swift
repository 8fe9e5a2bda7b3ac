/// Thresholds of areas and fields are greater than zero.
struct ThresholdCheck: TaxonomyCheck {
  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    for d in draft.nodes {
      if let value = d.node.threshold, value <= 0, let location = d.thresholdLocation {
        diagnostics.append(
          Diagnostic(
            .error, "threshold \(NumberText.plain(value)) must be greater than 0", at: location))
      }
    }
  }
}
