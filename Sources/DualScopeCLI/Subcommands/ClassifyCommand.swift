import ArgumentParser
import DualScope
import DualScopeReports

/// `dualscope classify`: the risk areas and fields of one text, with evidence.
struct ClassifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "classify",
    abstract: "Classify one text: areas, fields, scores, level and evidence.",
    discussion: "Exit codes: 0 classified or not; 2 usage or data error.")

  @OptionGroup var input: TextInputOptions
  @OptionGroup var taxonomy: TaxonomyOptions
  @OptionGroup var scoring: ScoringOptions
  @OptionGroup var context: RecordContextOptions

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  @Option(name: .shortAndLong, help: "Write the result to this file (atomically) instead of standard output.")
  var output: String?

  func run() throws {
    try Failure.guarding {
      let text = try input.read()
      let classifier = try taxonomy.classifier(scoring)
      let result = classifier.classify(text, metadata: try context.metadata())
      let rendered: String
      switch format {
      case .json:
        let document = ClassificationDocument(
          metadata: ResultMetadata(taxonomy: classifier.taxonomy, options: classifier.options), body: result)
        rendered = try ResultJSON.encode(document) + "\n"
      case .text:
        let colour = output == nil && Terminal.stdoutColour
        rendered = ClassificationTextRenderer(colour: colour).render(result, text: text, taxonomy: classifier.taxonomy)
      }
      try OutputDestination(path: output).write(rendered)
    }
  }
}
