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
      --from release with its version set and a calibration.yaml (its regimes/ and lists/ as they are). The same inputs and options give \
      the same bytes.
      Exit codes: 0 success; 2 usage or data error.
      """)

  @OptionGroup var labelled: LabelledInputOptions

  @Option(help: "The release to calibrate: a folder or a shipped version.")
  var from: String

  @Option(help: "The folder to write the calibrated release to.")
  var output: String

  @Option(help: "The version of the new release (default: the output folder's name).")
  var release: String?

  @Option(help: "Weight of each record of an input in the fit, per input.")
  var weight: [Double] = []

  @Option(help: "The release's default cut: the probability an area needs.")
  var cut: Double = 0.5

  @Option(help: "How the release assigns an area: by its probability alone, or by its rules first and then the probability.")
  var decision: DecisionRule = .probability

  @Option(
    help: """
      With the rules first: the probability at which an area the rules do not assign is assigned \
      all the same (one of its terms in the text, as always). Above --cut, below 1.
      """)
  var addCut: Double?

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

  @Flag(
    inversion: .prefixedNo,
    help: """
      A context model shared by the areas besides each area's own context words, learned from \
      every area's rows at once.
      """)
  var sharedContext = true

  @Flag(
    inversion: .prefixedNo,
    help: """
      Pairs of adjacent words as context features besides the words (slower to score; out of \
      fold on the development data they added nothing).
      """)
  var bigrams = false

  @Option(help: "Worker threads (areas are fitted in parallel).")
  var threads: Int = 2

  func validate() throws {
    try LabelledInputOptions.checkCount("--weight", weight.count, labelled.inputs.count)
    if weight.contains(where: { !($0 > 0) }) { throw ValidationError("--weight must be greater than 0") }
    if !(cut > 0 && cut < 1) { throw ValidationError("--cut must be between 0 and 1") }
    if let addCut {
      if decision != .rulesThenProbability {
        throw ValidationError("--add-cut needs --decision \(DecisionRule.rulesThenProbability.rawValue)")
      }
      if !(addCut > cut && addCut < 1) { throw ValidationError("--add-cut must be above --cut and below 1") }
    }
    if hashBits < 8 || hashBits > 24 { throw ValidationError("--hash-bits must be between 8 and 24") }
  }

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
    var columns: [String] = []
    for i in labelled.inputs.indices {
      for c in labelled.metadataColumns(i) where !columns.contains(c) { columns.append(c) }
    }
    var train: [CalibrationExample] = []
    var validation: [(String, [CalibrationReport.Item])] = []
    for (i, path) in labelled.inputs.enumerated() {
      let input = try labelled.read(i, taxonomy: loaded.taxonomy)
      let held = labelled.heldOut(i)
      let w = labelled.pick(weight, i, 1.0)
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
    options.sharedContext = sharedContext
    options.bigrams = bigrams
    var calibrator = Calibrator(base: classifier, options: options)
    calibrator.cut = cut
    calibrator.decision = decision
    calibrator.addCut = addCut
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
    if let problem = CalibrationFile.sizeProblem(candidate[CalibrationFile.name]!.count, options: model.options) {
      throw CLIError(problem)
    }
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
    // The screening part goes along as it is: a calibrated release screens as its source does.
    for (name, bytes) in try LabelledInput.screeningFiles(from: from) { final[name] = bytes }
    do {
      for (name, bytes) in final.sorted(by: { $0.key < $1.key }) {
        let url = URL(fileURLWithPath: output).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url, options: .atomic)
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
    // Rows are left out of the areas the input does not judge, not negatives for them.
    let unjudged = map.unjudgedAreas(in: taxonomy)
    for r in input.records {
      if r.labels.isEmpty { unlabelled.append(r.line) }
      for label in r.labels {
        let (s, w) = map.gold([label])
        if s.isEmpty && w.isEmpty { unknown[label, default: (0, r.line)].count += 1 }
      }
      var (strong, weak) = map.gold(r.labels)
      // Fields count for their area.
      strong = Set(strong.compactMap { id in taxonomy.node(id).map { taxonomy.area(of: $0).id } })
      weak = Set(weak.compactMap { id in taxonomy.node(id).map { taxonomy.area(of: $0).id } }).union(unjudged)
        .subtracting(strong)
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

  /// The screening part of the `from` release (its `regimes/` and `lists/` files, by path in the
  /// release folder), or none when it has no `regimes/`: a folder's as they are on disk, a
  /// shipped release's as embedded.
  static func screeningFiles(from: String) throws -> [String: [UInt8]] {
    var out: [String: [UInt8]] = [:]
    func add(_ set: TaxonomyFileSet, under folder: String) {
      for name in set.names { out[folder + "/" + name] = set.bytes(name) }
    }
    if FileManager.default.fileExists(atPath: from) || from.contains("/") {
      let base = URL(fileURLWithPath: from)
      for folder in ["regimes", "lists"] {
        let path = base.appendingPathComponent(folder).path
        guard FileManager.default.fileExists(atPath: path) else { continue }
        do {
          add(try TaxonomyFileSet(directory: path), under: folder)
        } catch {
          StandardStreams.error(DiagnosticRenderer(sources: error.sources).render(error.diagnostics))
          throw ExitCode(ExitStatus.usageOrDataError)
        }
      }
    } else if let shipped = ShippedScreening.files(version: from) {
      add(shipped.regimes, under: "regimes")
      add(shipped.lists, under: "lists")
    }
    return out
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

extension DecisionRule: ExpressibleByArgument {}
