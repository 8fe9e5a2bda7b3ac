import ArgumentParser
import DualScope
import Foundation

/// How a portfolio is read, shared by `batch`, `map`, `evaluate` and `diff --impact`: the
/// columns that hold what (text, carried, record context), the input format and the worker
/// threads.
struct PortfolioOptions: ParsableArguments {
  @Option(help: "The column (CSV) or key (JSONL) holding the record ID.")
  var idColumn: String = "id"

  @Option(help: "Columns or keys joined in order as the text, comma-separated.")
  var textColumns: String = "title,abstract"

  @Option(help: "Columns or keys carried through to the output, comma-separated.")
  var carryColumns: String?

  @Option(
    help: """
      Columns or keys that describe a record rather than hold its text (a funding scheme, a \
      call's topics), comma-separated: read by a release's record-context rules and a calibrated \
      release, and carried through to the output as --carry-columns are.
      """)
  var contextColumns: String?

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
    if Self.list(textColumns).isEmpty { throw ValidationError("--text-columns names no column") }
  }

  private func parsedDelimiter(_ d: String) -> UInt8? {
    switch d {
    case "tab", "\\t", "\t": 0x09
    case ",", ";", "|": d.utf8.first
    default: nil
    }
  }

  /// A comma-separated list, trimmed, without empty items.
  static func list(_ s: String?) -> [String] {
    (s ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// The portfolio input for these paths (standard input when there are none). A record's
  /// carried columns are its metadata, so the context columns are carried columns too.
  func input(_ paths: [String], labelsColumn: String? = nil) -> PortfolioInput {
    var carry = Self.list(carryColumns)
    for c in Self.list(contextColumns) where !carry.contains(c) { carry.append(c) }
    let layout = RecordLayout(
      idColumn: idColumn, textColumns: Self.list(textColumns), labelsColumn: labelsColumn, carryColumns: carry)
    return PortfolioInput(
      inputs: paths.isEmpty ? ["-"] : paths, inputFormat: inputFormat.flatMap(InputFormat.init(rawValue:)),
      delimiter: delimiter.flatMap(parsedDelimiter), layout: layout,
      threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
  }
}

extension BatchFormat: ExpressibleByArgument {}
