import ArgumentParser
import DualScope
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

  @Option(help: "The column (CSV) or key (JSONL) holding the document ID.")
  var idColumn: String = "id"

  @Option(help: "Columns or keys joined in order as the text, comma-separated.")
  var textColumns: String = "title,text"

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
    let classifier = try taxonomy.classifier(scoring.options)
    let map: LabelMap
    if let path = labelMap {
      guard let data = FileManager.default.contents(atPath: path) else {
        StandardStreams.error("error: cannot read label map '\(path)'\n")
        throw ExitCode(ExitStatus.usageOrDataError)
      }
      do {
        map = try LabelMap.load([UInt8](data), file: path)
      } catch {
        StandardStreams.error(DiagnosticRenderer(sources: error.sources).render(error.diagnostics))
        throw ExitCode(ExitStatus.usageOrDataError)
      }
    } else {
      map = LabelMap.identity(classifier.taxonomy)
    }
    let layout = RecordLayout(
      idColumn: idColumn, textColumns: textColumns.split(separator: ",").map(String.init),
      labelsColumn: labelsColumn)
    let input: (records: [PortfolioRecord], errors: [RecordError])
    do {
      input = try PortfolioReader.read(self.input, layout: layout)
    } catch {
      StandardStreams.error("error: \(error.description)\n")
      throw ExitCode(ExitStatus.usageOrDataError)
    }
    for e in input.errors { StandardStreams.error("\(e.description)\n") }
    var evaluator = Evaluator(classifier: classifier, labelMap: map)
    evaluator.mistakesPerID = mistakes
    let (report, predictionList) = evaluator.evaluate(input.records)
    if let predictions {
      let lines = try predictionList.map { try ResultJSON.encode($0, pretty: false) }.joined(separator: "\n") + "\n"
      try CLIErrors.guarding { try OutputDestination(path: predictions).write(lines) }
    }
    switch format {
    case .json: StandardStreams.out(try ResultJSON.encode(report) + "\n")
    case .text: StandardStreams.out(EvaluationTextRenderer().render(report, taxonomy: classifier.taxonomy))
    }
    StandardStreams.flush()
  }
}
