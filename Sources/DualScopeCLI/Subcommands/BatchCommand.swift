import ArgumentParser
import DualScope
import Foundation

/// The portfolio options `batch` and `map` share: inputs, columns, formats of the input.
struct PortfolioOptions: ParsableArguments {
  @Argument(help: "Inputs: CSV, JSONL (gzip allowed), folders of .txt files, or '-' for standard input.")
  var inputs: [String] = []

  @Option(help: "The column (CSV) or key (JSONL) holding the record ID.")
  var idColumn: String = "id"

  @Option(help: "Columns or keys joined in order as the text, comma-separated (title,abstract).")
  var textColumns: String = "title,abstract"

  @Option(help: "Columns or keys carried through to the output, comma-separated.")
  var carryColumns: String?

  @Option(help: "Input format: csv, jsonl or text (a folder); default: from the file name.")
  var inputFormat: String?

  @Option(help: "CSV delimiter: ',', ';', 'tab' (default: detected from the header line).")
  var delimiter: String?

  @Option(help: "Worker threads (default: the number of cores).")
  var threads: Int?

  func validate() throws {
    if let f = inputFormat, InputFormat(rawValue: f) == nil {
      throw ValidationError("--input-format takes csv, jsonl or text, got '\(f)'")
    }
    if let d = delimiter, parsedDelimiter(d) == nil {
      throw ValidationError("--delimiter takes ',', ';' or 'tab', got '\(d)'")
    }
    if let t = threads, t < 1 || t > 256 { throw ValidationError("--threads must be between 1 and 256") }
    if textColumns.split(separator: ",").isEmpty { throw ValidationError("--text-columns names no column") }
  }

  private func parsedDelimiter(_ d: String) -> UInt8? {
    switch d {
    case "tab", "\\t", "\t": 0x09
    case ",", ";", "|": d.utf8.first
    default: nil
    }
  }

  static func list(_ s: String?) -> [String] {
    (s ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  func batchOptions(format: BatchFormat, extraCarry: [String] = []) -> BatchOptions {
    var carry = Self.list(carryColumns)
    for c in extraCarry where !carry.contains(c) { carry.append(c) }
    let layout = RecordLayout(idColumn: idColumn, textColumns: Self.list(textColumns), carryColumns: carry)
    var o = BatchOptions(
      inputs: inputs.isEmpty ? ["-"] : inputs, inputFormat: inputFormat.flatMap(InputFormat.init(rawValue:)),
      delimiter: delimiter.flatMap(parsedDelimiter), layout: layout, format: format,
      threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
    o.threads = max(1, o.threads)
    return o
  }
}

/// `dualscope batch`: classify a whole portfolio into JSONL, CSV or SQLite.
struct BatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "batch",
    abstract: "Classify a whole portfolio (CSV, JSONL, a folder of .txt files) into JSONL, CSV or SQLite.",
    discussion: """
      Every input record yields one output record or one error record (line, reason) in \
      --errors; the counts are checked and printed in a summary on standard error. Output is in \
      input order and byte-identical for any --threads. Output files are written atomically.
      The run's metadata (taxonomy id, release, content hash, tool version, options, counts, \
      time) goes to OUTPUT.meta.json beside a JSONL or CSV output (or --metadata FILE), and into \
      the runs table of a SQLite output.
      Exit codes: 0 every record went through; 1 some records became error records; 2 the run \
      could not start (bad options, a missing column) or could not write.
      """)

  @OptionGroup var portfolio: PortfolioOptions

  @Option(help: "Output format: jsonl, csv or sqlite.")
  var format: String = "jsonl"

  @Option(name: .shortAndLong, help: "Write the results to this file (atomically); required for sqlite.")
  var output: String?

  @Option(help: "Write error records (JSONL: source, line, id, reason) to this file.")
  var errors: String?

  @Option(help: "Write the run's metadata (JSON) here (default: OUTPUT.meta.json for jsonl and csv).")
  var metadata: String?

  @Flag(help: "No progress and no summary on standard error.")
  var quiet = false

  @OptionGroup var taxonomy: TaxonomyOptions
  @OptionGroup var scoring: ScoringOptions

  func validate() throws {
    guard let f = BatchFormat(rawValue: format) else {
      throw ValidationError("--format takes jsonl, csv or sqlite, got '\(format)'")
    }
    if f == .sqlite && (output == nil || output == "-") {
      throw ValidationError("--format sqlite needs --output FILE")
    }
  }

  func run() throws {
    let format = BatchFormat(rawValue: self.format)!
    let classifier = try taxonomy.classifier(scoring.options)
    try CLIErrors.guarding { try scoring.check(against: classifier.taxonomy) }
    let options = portfolio.batchOptions(format: format)
    let runner = BatchRunner(classifier: classifier, options: options)
    let streams: [(RecordStream, ResolvedLayout)]
    do {
      streams = try runner.open()
    } catch {
      StandardStreams.error("error: \(error.description)\n")
      throw ExitCode(ExitStatus.usageOrDataError)
    }
    let metadataPath = metadata ?? output.flatMap { $0 == "-" ? nil : $0 + ".meta.json" }
    Interrupts.removeTemporariesOnSignal()
    let summary: BatchRunner.Summary
    do {
      let sink: any BatchSink
      switch format {
      case .jsonl: sink = try JSONLinesResultWriter(path: output, metadataPath: metadataPath)
      case .csv: sink = try CSVResultWriter(path: output, metadataPath: metadataPath, carry: options.layout.carryColumns)
      case .sqlite: sink = try SQLiteResultWriter(path: output!, carry: options.layout.carryColumns)
      }
      let errorWriter = try errors.map { try ErrorRecordWriter(path: $0) }
      let meter = ProgressMeter(enabled: !quiet && Terminal.stderrIsTerminal)
      summary = try runner.run(streams, into: sink, errors: errorWriter) { meter.show($0) }
      meter.clear()
    } catch let error as AtomicOutputFile.WriteError where error.brokenPipe {
      StandardStreams.flush()
      Foundation.exit(ExitStatus.success)
    } catch {
      StandardStreams.error("error: \(error)\n")
      throw ExitCode(ExitStatus.usageOrDataError)
    }
    if !quiet {
      StandardStreams.error(BatchSummaryText.render(summary, taxonomy: classifier.taxonomy, errorsFile: errors))
    }
    if summary.counts.errors > 0 { throw ExitCode(ExitStatus.found) }
  }
}

/// The end-of-run summary on standard error.
enum BatchSummaryText {
  static func render(_ s: BatchRunner.Summary, taxonomy: Taxonomy, errorsFile: String?) -> String {
    let c = s.counts
    var out = "\(c.records) records: \(c.classified) classified, \(c.unclassifiedTotal) unclassified, \(c.errors) errors"
    out += c.balanced ? " (checked: \(c.records) = \(c.documents) written + \(c.errors) errors)\n" : " (COUNTS DO NOT ADD UP)\n"
    for (reason, n) in c.unclassified.sorted(by: { $0.key < $1.key }) { out += "  \(reason): \(n)\n" }
    if c.invalidUTF8 > 0 { out += "  invalid UTF-8 replaced in \(c.invalidUTF8) records\n" }
    let areas = taxonomy.areas.filter { (c.areas[$0.id] ?? 0) > 0 }
    if !areas.isEmpty {
      out += "areas:\n"
      let width = areas.map(\.id.count).max() ?? 0
      for a in areas.sorted(by: { (c.areas[$0.id] ?? 0) > (c.areas[$1.id] ?? 0) }) {
        out += "  " + a.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(c.areas[a.id] ?? 0)\n"
      }
    }
    let levels = ["high", "elevated", "low", "none"].map { "\($0) \(c.levels[$0] ?? 0)" }.joined(separator: ", ")
    out += "levels: \(levels)\n"
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

  func show(_ p: BatchRunner.Progress) {
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
