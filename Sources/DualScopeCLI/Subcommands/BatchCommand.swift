import ArgumentParser
import DualScope
import DualScopeSQLite
import Foundation

/// `dualscope batch`: classify a whole portfolio into JSONL, CSV or SQLite.
struct BatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "batch",
    abstract: "Classify a whole portfolio (CSV, JSONL, a folder of .txt files) into JSONL, CSV, SQLite or Arrow.",
    discussion: """
      Every input record yields one output record or one error record (line, reason) in \
      --errors; the counts are checked and printed in a summary on standard error. Output is in \
      input order and byte-identical for any --threads. Output files are written atomically.
      As a filter (inputs '-', no --output): results stream to standard output chunk by chunk \
      in input order, with bounded memory; --errors - puts the error records on standard error \
      as JSON lines, and then standard error carries nothing else (no summary).
      Every line of a JSONL output is one result (schema: docs/result-schema.md). The run's \
      metadata (schema version, taxonomy id, release, content hash, tool version, options, \
      counts, time) goes to OUTPUT.meta.json beside a JSONL, CSV or Arrow file (or --metadata \
      FILE; required when the results go to standard output), and into the runs table of SQLite.
      --format arrow writes an Arrow IPC stream (one record batch a chunk) with the JSON lines' \
      columns and nesting, for pyarrow, pandas, Polars, DuckDB or Spark.
      Exit codes: 0 every record went through; 1 some records became error records; 2 the run \
      could not start (bad options, a missing column) or could not write.
      """)

  @Argument(help: "Inputs: CSV, JSONL (gzip allowed), folders of .txt files, or '-' for standard input.")
  var inputs: [String] = []

  @OptionGroup var portfolio: PortfolioOptions

  @Option(
    help: """
      Output format: jsonl, csv, sqlite or arrow (an Arrow IPC stream). Default: the one the \
      output file's name says (.csv, .sqlite or .db, .arrow or .arrows), else jsonl.
      """)
  var format: BatchFormat?

  @Option(name: .shortAndLong, help: "Write the results to this file (atomically); required for sqlite.")
  var output: String?

  @Option(help: "Write error records (JSONL: source, line, id, reason) to this file, or '-' for standard error.")
  var errors: String?

  @Option(help: "Write the run's metadata (JSON) here (default: OUTPUT.meta.json beside a jsonl or csv file; required when the results go to standard output).")
  var metadata: String?

  @Flag(help: "No progress and no summary on standard error.")
  var quiet = false

  @OptionGroup var taxonomy: TaxonomyOptions
  @OptionGroup var scoring: ScoringOptions
  @OptionGroup(title: "Screening (a triage per record; a working aid, not legal advice)")
  var screening: ScreeningColumnOptions

  /// The format asked for, else the one the output file's name says, else JSON lines.
  var resolvedFormat: BatchFormat {
    format ?? output.flatMap { $0 == "-" ? nil : BatchFormat.guess($0) } ?? .jsonl
  }

  func validate() throws {
    let f = resolvedFormat
    if f == .sqlite && (output == nil || output == "-") {
      throw ValidationError("--format sqlite needs --output FILE")
    }
    if f != .sqlite && (output == nil || output == "-") && metadata == nil {
      throw ValidationError(
        "results on standard output need --metadata FILE for the run's metadata (taxonomy, release, options)")
    }
    // A device or a named pipe is written as a stream: no sidecar file is made beside it.
    if f != .sqlite, let output, output != "-", metadata == nil, AtomicOutputFile.isSpecialFile(output) {
      throw ValidationError(
        "results written to '\(output)', which is not a regular file, need --metadata FILE for the run's metadata")
    }
  }

  func run() throws {
    let summary = try Failure.guarding { () throws -> BatchRunner.Summary in
      let (classifier, screened) = try taxonomy.classifier(scoring, screening: screening)
      let input = portfolio.input(inputs)
      let format = resolvedFormat
      let runner = BatchRunner(classifier: classifier, options: BatchOptions(input: input, format: format), screening: screened)
      let opened = try runner.open()
      let metadataPath = metadata ?? output.flatMap { $0 == "-" ? nil : $0 + ".meta.json" }
      let carry = input.layout.carryColumns
      Interrupts.removeTemporariesOnSignal()
      let sink: any BatchSink =
        switch format {
        case .jsonl: try ResultFileWriter.jsonLines(path: output, metadataPath: metadataPath, carry: carry)
        case .csv:
          try ResultFileWriter.csv(
            path: output, metadataPath: metadataPath, carry: carry, screening: runner.screening != nil,
            calibrated: classifier.isCalibrated)
        case .sqlite: try SQLiteResultWriter(path: output!, carry: carry)
        case .arrow:
          try ResultFileWriter.arrow(
            path: output, metadataPath: metadataPath, carry: carry, screening: runner.screening != nil,
            calibrated: classifier.isCalibrated)
        }
      let errorWriter = try errors.map { try ErrorRecordWriter(path: $0) }
      let meter = ProgressMeter(enabled: !quiet && errors != "-" && Terminal.stderrIsTerminal)
      defer { meter.clear() }
      return try runner.run(opened, into: sink, errors: errorWriter) { meter.show($0) }
    }
    if !quiet && errors != "-" {
      StandardStreams.error(BatchSummaryText.render(summary, errorsFile: errors))
    }
    if summary.counts.errors > 0 { throw ExitCode(ExitStatus.found) }
  }
}

/// The end-of-run summary on standard error.
enum BatchSummaryText {
  static func render(_ s: BatchRunner.Summary, errorsFile: String?) -> String {
    let c = s.counts
    var out = "\(c.records) records: \(c.classified) classified, \(c.unclassifiedTotal) unclassified, \(c.errors) errors"
    out += c.balanced ? " (checked: \(c.records) = \(c.documents) written + \(c.errors) errors)\n" : " (COUNTS DO NOT ADD UP)\n"
    for (reason, n) in c.unclassified.sorted(by: { $0.key < $1.key }) { out += "  \(reason): \(n)\n" }
    if c.invalidUTF8 > 0 { out += "  invalid UTF-8 replaced in \(c.invalidUTF8) records\n" }
    let areas = c.areas.filter { $0.value > 0 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    if !areas.isEmpty {
      out += "areas:\n"
      let width = areas.map(\.key.count).max() ?? 0
      for (id, n) in areas {
        out += "  " + id.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(n)\n"
      }
    }
    let levels = ["high", "elevated", "low", "none"].map { "\($0) \(c.levels[$0] ?? 0)" }.joined(separator: ", ")
    out += "levels: \(levels)\n"
    if let t = c.triage {
      out += "triage: " + TriageLevel.allCases.reversed().map { "\($0.rawValue) \(t[$0.rawValue] ?? 0)" }.joined(separator: ", ")
      out += " (a working aid, not legal advice)\n"
    }
    if c.errors > 0 {
      if errorsFile == nil {
        for e in s.firstErrors.prefix(10) { out += "\(e.description)\n" }
        if c.errors > 10 { out += "… and \(c.errors - 10) more error records (write them all with --errors FILE)\n" }
      } else {
        out += "error records written to \(errorsFile!)\n"
      }
    }
    let mb = Double(s.metadata.inputBytes) / 1e6
    let secs = max(s.metadata.seconds, 0.001)
    out += String(format: "%.1f MB in %.2f s (%.1f MB/s)\n", mb, secs, mb / secs)
    if ProcessInfo.processInfo.environment["DUALSCOPE_BATCH_TIMING"] != nil {
      let t = s.times
      out += String(
        format: "time: read %.2f s (reader), parse %.2f s, classify %.2f s, encode %.2f s (summed over workers), "
          + "write %.2f s (writer)\n", t.read, t.parse, t.classify, t.encode, t.write)
    }
    return out
  }
}

/// A one-line progress display on standard error: records, MB/s, ETA.
final class ProgressMeter {
  let enabled: Bool
  private var shown = false

  init(enabled: Bool) { self.enabled = enabled }

  func show(_ p: PortfolioPipeline.Progress) {
    guard enabled, p.seconds > 0.3 else { return }
    let mbps = Double(p.bytes) / 1e6 / max(p.seconds, 0.001)
    var line = "\r\(p.records) records, \(String(format: "%.1f", mbps)) MB/s"
    if let total = p.totalBytes, total > 0, p.position > 0 {
      let fraction = min(1, Double(p.position) / Double(total))
      let left = p.seconds * (1 - fraction) / fraction
      line += String(format: ", %.0f%%, ETA %.0f s", 100 * fraction, max(0, left))
    }
    StandardStreams.error(line + "\u{1B}[K")
    shown = true
  }

  func clear() {
    if shown { StandardStreams.error("\r\u{1B}[K") }
  }
}

/// Ctrl-C and SIGTERM during a run: remove the temporary output files, then exit 130.
enum Interrupts {
  nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

  static func removeTemporariesOnSignal() {
    for sig in [SIGINT, SIGTERM] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler {
        AtomicOutputFile.removeTemporaries()
        _exit(128 + sig)
      }
      source.resume()
      sources.append(source)
    }
  }
}
