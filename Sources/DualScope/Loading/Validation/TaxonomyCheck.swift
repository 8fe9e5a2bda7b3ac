/// One validation rule over a decoded taxonomy; each rule lives in a file of its own.
protocol TaxonomyCheck: Sendable {
  /// Appends a diagnostic for every problem the rule finds.
  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic])
}

/// Every check a load runs, in order.
enum TaxonomyChecks {
  static let all: [any TaxonomyCheck] = [
    IdentifierCheck(), UniqueIdentifierCheck(), ParentCheck(), ParentCycleCheck(),
    TermWeightCheck(), TermLanguageCheck(), TermPhraseCheck(),
    DuplicateTermCheck(), FieldTermsCheck(), DualUseCodeCheck(), ThresholdCheck(), RecordContextAreaCheck(),
  ]
}

extension SourceLocation {
  /// `line L, column C` or `file:L:C` when in another file, for "first declared at" notes.
  func reference(from other: SourceLocation) -> String {
    file == other.file ? "line \(line), column \(column)" : "\(file):\(line):\(column)"
  }
}
