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

  @Option(help: "Write one JSON line per document: id, predicted, gold, weak labels, scores and (calibrated) probabilities.")
  var predictions: String?

  @Option(
    help: ArgumentHelp(
      "Write every document with a false positive or negative as a JSON line, with its evidence.",
      valueName: "file.jsonl"))
  var errorsOutput: String?

  @Option(help: "How many worst false positives and negatives to list per ID.")
  var mistakes: Int = 3

  @Option(help: "Keep only records whose ID hashes (FNV-1a 64 modulo 10) to these buckets, e.g. 7-9 or 0,1,2.")
  var buckets: String?

  @Option(help: "Macro figures of the decision report count areas with at least this many positives.")
  var macroMinSupport: Int = 1

  @Option(
    help: """
      Resample the documents this many times (e.g. 1000) for 95% intervals of the decision \
      figures: micro P / R / F1, macro F1 and no-area documents left unflagged. Seeded: the same \
      input gives the same intervals.
      """)
  var bootstrap: Int = 0

  @Option(
    help: ArgumentHelp(
      """
      Classify the same documents with this release too and report what it changes: each \
      release's decision figures and their differences, with paired 95% intervals when \
      --bootstrap is given. A folder, a shipped version or git:REV:PATH.
      """, valueName: "release"))
  var against: String?

  @Option(help: "Write the calibration and decision report (JSON) to this file.")
  var calibrationReport: String?

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  @OptionGroup var taxonomy: TaxonomyOptions
  @OptionGroup var scoring: ScoringOptions

  func validate() throws {
    if !(0...100_000).contains(bootstrap) { throw ValidationError("--bootstrap must be between 0 and 100000") }
  }

  func run() throws {
    try Failure.guarding {
      let classifier = try taxonomy.classifier(scoring)
      let map = try labelMap.map { try LabelMap.load(path: $0) } ?? LabelMap.identity(classifier.taxonomy)
      var evaluator = Evaluator(classifier: classifier, labelMap: map)
      evaluator.mistakesPerID = mistakes
      evaluator.macroMinSupport = macroMinSupport
      evaluator.bootstrapResamples = bootstrap
      if let buckets {
        guard let keep = BucketList.parse(buckets) else { throw CLIError("--buckets takes digits and ranges, e.g. 7-9") }
        evaluator.buckets = keep
      }
      let other = try against.map { spec in
        let c = try Classifier(taxonomy: try ReleaseSpec.load(spec).taxonomy, options: scoring.options)
        try scoring.check(against: c.taxonomy)
        return c
      }
      let run = try evaluator.evaluate(
        portfolio.input([input], labelsColumn: labelsColumn),
        against: other)
      let renderer = DiagnosticRenderer(colour: Terminal.stderrColour)
      for e in run.errors { StandardStreams.error(renderer.render(e)) }
      if let predictions {
        let lines = try run.predictions.map { try ResultJSON.encode($0, pretty: false) }.joined(separator: "\n") + "\n"
        try OutputDestination(path: predictions).write(lines)
      }
      if let errorsOutput {
        let lines = try run.wrong.map { try ResultJSON.encode($0, pretty: false) + "\n" }.joined()
        try OutputDestination(path: errorsOutput).write(lines)
      }
      if let calibrationReport {
        try OutputDestination(path: calibrationReport).write(try ResultJSON.encode(run.calibration) + "\n")
      }
      let metadata = ResultMetadata(taxonomy: classifier.taxonomy, options: classifier.options)
      switch format {
      case .json:
        StandardStreams.out(try ResultJSON.encode(EvaluationDocument(metadata: metadata, body: run.report)) + "\n")
      case .text:
        StandardStreams.out(EvaluationTextRenderer().render(run.report, taxonomy: classifier.taxonomy))
        StandardStreams.out(CalibrationTextRenderer().render(run.calibration))
      }
      StandardStreams.flush()
    }
  }
}

/// `--buckets 7-9` or `0,1,2`: hash buckets of the development split.
enum BucketList {
  static func parse(_ text: String) -> Set<Int>? {
    var out = Set<Int>()
    for part in text.split(separator: ",") {
      let ends = part.split(separator: "-").map { Int($0) }
      guard !ends.isEmpty, ends.count <= 2, let a = ends.first ?? nil, let b = ends.last ?? nil, 0...9 ~= a, 0...9 ~= b, a <= b
      else { return nil }
      out.formUnion(a...b)
    }
    return out.isEmpty ? nil : out
  }
}
