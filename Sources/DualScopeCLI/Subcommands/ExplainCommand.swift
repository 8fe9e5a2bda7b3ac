import ArgumentParser
import DualScope
import DualScopeReports

/// `dualscope explain`: every match in the text, the score arithmetic, and why a field was or
/// was not assigned.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Show every match, the score arithmetic, and why fields were or were not assigned.",
    discussion: "Exit codes: 0 success; 2 usage or data error (for instance an unknown --field).")

  @OptionGroup var input: TextInputOptions
  @OptionGroup var taxonomy: TaxonomyOptions
  @OptionGroup var scoring: ScoringOptions

  @Option(help: "Explain this area or field in particular, assigned or not.")
  var field: String?

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  @OptionGroup var context: RecordContextOptions

  func run() throws {
    try Failure.guarding {
      let text = try input.read()
      let classifier = try taxonomy.classifier(scoring)
      if let field, classifier.taxonomy.node(field) == nil {
        throw CLIError("unknown area or field '\(field)'")
      }
      let metadata = try context.metadata()
      let explanation = classifier.explain(text, metadata: metadata)
      switch format {
      case .json:
        let document = ExplanationDocument(
          metadata: ResultMetadata(taxonomy: classifier.taxonomy, options: classifier.options), body: explanation)
        StandardStreams.out(try ResultJSON.encode(document) + "\n")
      case .text:
        StandardStreams.out(
          ExplanationTextRenderer(colour: Terminal.stdoutColour).render(
            explanation, text: text, taxonomy: classifier.taxonomy, focus: field))
      }
      StandardStreams.flush()
    }
  }
}
