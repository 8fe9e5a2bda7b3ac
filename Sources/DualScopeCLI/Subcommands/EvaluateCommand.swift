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

  @Option(help: "Columns describing a record (not text) for a calibrated release, comma-separated.")
  var contextColumns: String?

  @Option(help: "Keep only records whose ID hashes (FNV-1a 64 modulo 10) to these buckets, e.g. 7-9 or 0,1,2.")
  var buckets: String?

  @Option(help: "Macro figures of the decision report count areas with at least this many positives.")
  var macroMinSupport: Int = 1

  @Option(help: "Write the calibration and decision report (JSON) to this file.")
  var calibrationReport: String?

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
      labelsColumn: labelsColumn,
      carryColumns: contextColumns.map { $0.split(separator: ",").map(String.init) } ?? [])
    var input: (records: [PortfolioRecord], errors: [RecordError])
    do {
      input = try PortfolioReader.read(self.input, layout: layout)
    } catch {
      StandardStreams.error("error: \(error.description)\n")
      throw ExitCode(ExitStatus.usageOrDataError)
    }
    for e in input.errors { StandardStreams.error("\(e.description)\n") }
    if let buckets {
      guard let keep = BucketList.parse(buckets) else {
        StandardStreams.error("error: --buckets takes digits and ranges, e.g. 7-9\n")
        throw ExitCode(ExitStatus.usageOrDataError)
      }
      input.records = input.records.filter { keep.contains(FNV1a.splitBucket($0.id)) }
    }
    var evaluator = Evaluator(classifier: classifier, labelMap: map)
    evaluator.mistakesPerID = mistakes
    let (report, predictionList) = evaluator.evaluate(input.records)
    if let predictions {
      let lines = try predictionList.map { try ResultJSON.encode($0, pretty: false) }.joined(separator: "\n") + "\n"
      try CLIErrors.guarding { try OutputDestination(path: predictions).write(lines) }
    }
    let items = input.records.map { r in
      let (strong, weak) = map.gold(r.labels)
      return CalibrationReport.Item(text: r.text, metadata: r.carried, gold: strong, weak: weak)
    }
    let calibration = CalibrationReport.run(classifier, items, minSupport: macroMinSupport)
    if let calibrationReport {
      try CLIErrors.guarding { try OutputDestination(path: calibrationReport).write(try ResultJSON.encode(calibration) + "\n") }
    }
    switch format {
    case .json: StandardStreams.out(try ResultJSON.encode(report) + "\n")
    case .text:
      StandardStreams.out(EvaluationTextRenderer().render(report, taxonomy: classifier.taxonomy))
      StandardStreams.out(CalibrationTextRenderer().render(calibration))
    }
    StandardStreams.flush()
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
