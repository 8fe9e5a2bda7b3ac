import ArgumentParser
import DualScope
import Foundation

/// `dualscope calibrate`: learns a release's scoring from labelled documents and writes a new
/// release folder.
struct CalibrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "calibrate",
    abstract: "Learn a release's scoring from labelled documents and write a calibrated release.",
    discussion: """
      Each INPUT is JSONL or CSV (gzip allowed), read as `evaluate` reads it. The per-input options \
      (--id-column, --text-columns, --labels-column, --label-map, --context-columns, --weight, \
      --holdout) may be given once (for every input) or once per input, in the order of the inputs; \
      `--label-map -` means the labels are area IDs. --holdout 7-9 keeps the records whose ID hashes \
      (FNV-1a, 64 bits, modulo 10) to 7, 8 or 9 out of the fit and measures the result on them. The output folder gets a copy of the \
      --from release with its version set and a calibration.yaml. The same inputs and options give \
      the same bytes.
      Exit codes: 0 success; 2 usage or data error.
      """)

  @Argument(help: "Labelled corpora (.jsonl, .csv, optionally .gz).")
  var inputs: [String]

  @Option(help: "The release to calibrate: a folder or a shipped version.")
  var from: String

  @Option(help: "The folder to write the calibrated release to.")
  var output: String

  @Option(help: "The version of the new release (default: the output folder's name).")
  var release: String?

  @Option(help: "ID column or key, per input.")
  var idColumn: [String] = []

  @Option(help: "Text columns, comma-separated, per input.")
  var textColumns: [String] = []

  @Option(help: "Labels column or key, per input.")
  var labelsColumn: [String] = []

  @Option(help: "Label map YAML per input; '-' for labels that are area IDs.")
  var labelMap: [String] = []

  @Option(help: "Weight of each record of an input in the fit, per input.")
  var weight: [Double] = []

  @Option(help: "Hash buckets (0-9) held out for validation, per input, e.g. 7-9; '-' for none (default).")
  var holdout: [String] = []

  @Option(help: "Columns describing a record (not text), learned from as column=value, comma-separated, per input; '-' for none.")
  var contextColumns: [String] = []

  @Option(help: "The release's default cut: the probability an area needs.")
  var cut: Double = 0.5

  @Option(help: "The probability from which a field's evidence is clear for the document level.")
  var clearProbability: Double = 0.8

  @Option(help: "L2 penalty of the evidence weights.")
  var l2Evidence: Double = 1e-4

  @Option(help: "L2 penalty of the context-word weights.")
  var l2Context: Double = 3e-4

  @Option(help: "Hashed features: 2^bits buckets.")
  var hashBits: Int = 18

  @Option(help: "Context weights smaller than this are dropped from the release.")
  var prune: Double = 0.02

  @Option(help: "Optimiser iterations per area.")
  var iterations: Int = 300

  @Option(help: "Worker threads (areas are fitted in parallel).")
  var threads: Int = 2

  func validate() throws {
    let n = inputs.count
    guard n > 0 else { throw ValidationError("give at least one labelled input") }
    for (name, count) in [
      ("--id-column", idColumn.count), ("--text-columns", textColumns.count), ("--labels-column", labelsColumn.count),
      ("--label-map", labelMap.count), ("--context-columns", contextColumns.count), ("--weight", weight.count), ("--holdout", holdout.count),
    ] where count > 1 && count != n {
      throw ValidationError("\(name) is given \(count) times; give it once or once per input (\(n))")
    }
    if weight.contains(where: { !($0 > 0) }) { throw ValidationError("--weight must be greater than 0") }
    if holdout.contains(where: { $0 != "-" && BucketList.parse($0) == nil }) {
      throw ValidationError("--holdout takes buckets 0-9 as digits and ranges (7-9, or 0,3), or '-'")
    }
    if !(cut > 0 && cut < 1) { throw ValidationError("--cut must be between 0 and 1") }
    if hashBits < 8 || hashBits > 24 { throw ValidationError("--hash-bits must be between 8 and 24") }
  }

  func pick<T>(_ list: [T], _ i: Int, _ fallback: T) -> T { list.isEmpty ? fallback : list.count == 1 ? list[0] : list[i] }

  func run() throws {
    try Failure.guarding { try calibrate() }
  }

  func calibrate() throws {
    let loaded = try TaxonomyOptions.parse(["--taxonomy", from]).load()
    var scoring = ClassifierOptions()
    scoring.uncalibrated = true
    let classifier: Classifier
    do {
      classifier = try Classifier(taxonomy: loaded.taxonomy, options: scoring)
    } catch {
      StandardStreams.error("error: \(error)\n")
      throw ExitCode(ExitStatus.usageOrDataError)
    }
    func columnsOf(_ i: Int) -> [String] {
      let text = pick(contextColumns, i, "-")
      return text == "-" ? [] : text.split(separator: ",").map(String.init)
    }
    var columns: [String] = []
    for i in inputs.indices { for c in columnsOf(i) where !columns.contains(c) { columns.append(c) } }
    var train: [CalibrationExample] = []
    var validation: [(String, [CalibrationReport.Item])] = []
    for (i, path) in inputs.enumerated() {
      let input = try LabelledInput.read(
        path, taxonomy: loaded.taxonomy, idColumn: pick(idColumn, i, "id"),
        textColumns: pick(textColumns, i, "title,text"), labelsColumn: pick(labelsColumn, i, "labels"),
        labelMap: pick(labelMap, i, "-"), contextColumns: columnsOf(i))
      let heldText = pick(holdout, i, "-")
      let held = heldText == "-" ? Set<Int>() : BucketList.parse(heldText) ?? []
      let w = pick(weight, i, 1.0)
      var items: [CalibrationReport.Item] = []
      let name = URL(fileURLWithPath: path).lastPathComponent
      for r in input.rows {
        if held.contains(FNV1a.splitBucket(r.record.id)) {
          items.append(.init(text: r.record.text, metadata: r.record.carried, gold: r.strong, weak: r.weak))
        } else {
          train.append(
            CalibrationExample(
              source: name, id: r.record.id, text: r.record.text, strong: r.strong, weak: r.weak,
              metadata: r.record.carried, weight: w))
        }
      }
      StandardStreams.error("\(path): \(input.rows.count - items.count) rows to fit, \(items.count) held out\n")
      if !items.isEmpty { validation.append((name, items)) }
    }
    guard !train.isEmpty else { throw CLIError("no rows to fit (every row is held out or the inputs are empty)") }
    guard train.contains(where: { !$0.strong.isEmpty }) else {
      throw CLIError("no row to fit is labelled with an area: calibration needs positives and negatives")
    }
    guard train.contains(where: { $0.strong.isEmpty }) || Set(train.flatMap(\.strong)).count > 1 else {
      throw CLIError("every row to fit has the same single area: calibration needs negatives as well")
    }
    for area in loaded.taxonomy.areas where !train.contains(where: { $0.strong.contains(area.id) }) {
      StandardStreams.error("warning: no row to fit is a positive for '\(area.id)'; it gets a low constant probability\n")
    }
    var options = CalibrationModel.Options()
    options.hashBits = hashBits
    options.l2Evidence = l2Evidence
    options.l2Context = l2Context
    options.prune = prune
    options.iterations = iterations
    options.contextColumns = columns
    var calibrator = Calibrator(base: classifier, options: options)
    calibrator.cut = cut
    calibrator.clearProbability = clearProbability
    calibrator.threads = threads
    let version = release ?? URL(fileURLWithPath: output).lastPathComponent
    let started = Date()
    var model = calibrator.train(train, release: version)
    StandardStreams.error(
      "fitted \(train.count) rows in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; "
        + "\(model.context.count) context buckets kept\n")
    // Measure on the held-out rows with the model as it will be read back.
    let files = LabelledInput.releaseFiles(loaded.taxonomy, from: from, version: version)
    var candidate = files
    candidate[CalibrationFile.name] = Array(CalibrationFile.encode(model).utf8)
    let measured = try LabelledInput.load(candidate, output: output)
    let measuring = try Classifier(taxonomy: measured, options: ClassifierOptions())
    for (name, items) in validation {
      let report = CalibrationReport.run(measuring, items)
      model.validation[name] = report.summary
      StandardStreams.error("validation \(name): \(report.summary)\n")
    }
    var final = files
    final[CalibrationFile.name] = Array(CalibrationFile.encode(model).utf8)
    _ = try LabelledInput.load(final, output: output)
    do {
      try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
      for (name, bytes) in final.sorted(by: { $0.key < $1.key }) {
        try Data(bytes).write(to: URL(fileURLWithPath: output).appendingPathComponent(name), options: .atomic)
      }
    } catch {
      throw CLIError("cannot write '\(output)': \(error.localizedDescription)")
    }
    StandardStreams.error("wrote \(output)\n")
    StandardStreams.flush()
  }
}

/// A labelled input read and checked for calibration or evaluation.
enum LabelledInput {
  struct Row {
    var record: PortfolioRecord
    var strong: Set<String>
    var weak: Set<String>
  }

  static func labelMap(_ path: String, _ taxonomy: Taxonomy) throws -> LabelMap {
    guard path != "-" else { return LabelMap.identity(taxonomy) }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CLIError("cannot read label map '\(path)'")
    }
    do {
      return try LabelMap.load([UInt8](data), file: path)
    } catch {
      StandardStreams.error(DiagnosticRenderer(sources: error.sources).render(error.diagnostics))
      throw ExitCode(ExitStatus.usageOrDataError)
    }
  }

  /// Reads an input; unreadable rows, rows without labels and labels outside the map are reported
  /// with their line numbers. With an identity map (labels are IDs), an unknown label is an error.
  static func read(
    _ path: String, taxonomy: Taxonomy, idColumn: String, textColumns: String, labelsColumn: String,
    labelMap mapPath: String, contextColumns: [String]
  ) throws -> (rows: [Row], errors: Int) {
    let map = try labelMap(mapPath, taxonomy)
    let layout = RecordLayout(
      idColumn: idColumn, textColumns: textColumns.split(separator: ",").map(String.init),
      labelsColumn: labelsColumn, carryColumns: contextColumns)
    let input: (records: [PortfolioRecord], errors: [RecordError])
    do {
      input = try PortfolioReader.read(path, layout: layout)
    } catch {
      throw CLIError(error.description)
    }
    for e in input.errors { StandardStreams.error("warning: \(e.description) (row skipped)\n") }
    guard !input.records.isEmpty else { throw CLIError("\(path): no records") }
    var rows: [Row] = []
    var unlabelled: [Int] = []
    var unknown: [String: (count: Int, line: Int)] = [:]
    let ids = Set(taxonomy.nodes.map(\.id))
    for r in input.records {
      if r.labels.isEmpty { unlabelled.append(r.line) }
      for label in r.labels {
        let (s, w) = map.gold([label])
        if s.isEmpty && w.isEmpty { unknown[label, default: (0, r.line)].count += 1 }
      }
      var (strong, weak) = map.gold(r.labels)
      // Fields count for their area.
      strong = Set(strong.compactMap { id in taxonomy.node(id).map { taxonomy.area(of: $0).id } })
      weak = Set(weak.compactMap { id in taxonomy.node(id).map { taxonomy.area(of: $0).id } }).subtracting(strong)
      rows.append(Row(record: r, strong: strong, weak: weak))
    }
    if !unlabelled.isEmpty {
      let lines = unlabelled.prefix(10).map(String.init).joined(separator: ", ")
      StandardStreams.error(
        "warning: \(path): \(unlabelled.count) rows have no labels and count as negatives for every area "
          + "(lines \(lines)\(unlabelled.count > 10 ? ", …" : ""))\n")
    }
    if !unknown.isEmpty {
      let list = unknown.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
      let text = list.prefix(8).map { "'\($0.key)' (\($0.value.count) rows, first at line \($0.value.line))" }
        .joined(separator: ", ")
      if mapPath == "-" {
        for (label, info) in list where !ids.contains(label) {
          StandardStreams.error("\(path):\(info.line): error: label '\(label)' is not an area or field of the release\n")
        }
        throw ExitCode(ExitStatus.usageOrDataError)
      }
      StandardStreams.error(
        "warning: \(path): \(list.count) labels are not in the label map; their rows count as negatives unless "
          + "another label maps: \(text)\(list.count > 8 ? ", …" : "")\n")
    }
    return (rows, input.errors.count)
  }

  /// The files of the source release, with the manifest's version set to the new one.
  static func releaseFiles(_ taxonomy: Taxonomy, from: String, version: String) -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    let set: TaxonomyFileSet?
    if FileManager.default.fileExists(atPath: from) || from.contains("/") {
      set = try? TaxonomyFileSet(directory: from)
    } else {
      set = ShippedTaxonomy.files(version: from)
    }
    guard let set else { return files }
    for name in set.names where name != CalibrationFile.name { files[name] = set.bytes(name) }
    if let manifest = files["taxonomy.yaml"] {
      var lines = String(decoding: manifest, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        .map(String.init)
      if let i = lines.firstIndex(where: { $0.hasPrefix("version:") }) { lines[i] = "version: \"\(version)\"" }
      files["taxonomy.yaml"] = Array(lines.joined(separator: "\n").utf8)
    }
    return files
  }

  /// Loads release files in memory, printing the diagnostics when they do not load.
  static func load(_ files: [String: [UInt8]], output: String) throws -> Taxonomy {
    var prefix = output
    if !prefix.hasSuffix("/") { prefix += "/" }
    do {
      return try TaxonomyLoader.load(TaxonomyFileSet(origin: output, displayPrefix: prefix, files: files)).taxonomy
    } catch {
      StandardStreams.error(DiagnosticRenderer(sources: error.sources).render(error.diagnostics))
      throw ExitCode(ExitStatus.usageOrDataError)
    }
  }
}
