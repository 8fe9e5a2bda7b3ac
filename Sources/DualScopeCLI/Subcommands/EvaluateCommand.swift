import ArgumentParser
import DualScope
import DualScopeReports
import Foundation

/// `dualscope evaluate`: precision, recall and F1 against a labelled corpus.
struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Measure precision, recall and F1 per area and field against labelled documents.",
    discussion: """
      INPUT is JSONL or CSV (gzip allowed), read as `batch` reads it. The label map is YAML: \
      `quant-ph: [quantum]`, or `{weak: [quantum]}` for a label whose documents are left out of \
      that ID's counts. Without --label-map the labels are taken to be area or field IDs.
      Exit codes: 0 success; 2 usage or data error.
      """)

  @Argument(help: "The labelled corpus (.jsonl, .csv, optionally .gz).")
  var input: String

  @OptionGroup var portfolio: PortfolioOptions

  @Option(help: "The column or key holding the labels (a list, or text split on ; , | and spaces).")
  var labelsColumn: String = "labels"

  @Option(help: "YAML file mapping labels to area or field IDs.")
  var labelMap: String?

  @Option(help: "Write one JSON line per document: id, predicted, gold, scores.")
  var predictions: String?

  @Option(help: "How many worst false positives and negatives to list per ID.")
  var mistakes: Int = 3

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  @OptionGroup var taxonomy: TaxonomyOptions
  @OptionGroup var scoring: ScoringOptions

  func run() throws {
    try Failure.guarding {
      let classifier = try taxonomy.classifier(scoring)
      let map = try labelMap.map { try LabelMap.load(path: $0) } ?? LabelMap.identity(classifier.taxonomy)
      var evaluator = Evaluator(classifier: classifier, labelMap: map)
      evaluator.mistakesPerID = mistakes
      let (report, predictionList, errors) = try evaluator.evaluate(
        portfolio.input([input], labelsColumn: labelsColumn))
      let renderer = DiagnosticRenderer(colour: Terminal.stderrColour)
      for e in errors { StandardStreams.error(renderer.render(e)) }
      if let predictions {
        let lines = try predictionList.map { try ResultJSON.encode($0, pretty: false) }.joined(separator: "\n") + "\n"
        try OutputDestination(path: predictions).write(lines)
      }
      let metadata = ResultMetadata(taxonomy: classifier.taxonomy, options: classifier.options)
      switch format {
      case .json: StandardStreams.out(try ResultJSON.encode(EvaluationDocument(metadata: metadata, body: report)) + "\n")
      case .text: StandardStreams.out(EvaluationTextRenderer().render(report, taxonomy: classifier.taxonomy))
      }
      StandardStreams.flush()
    }
  }
}
