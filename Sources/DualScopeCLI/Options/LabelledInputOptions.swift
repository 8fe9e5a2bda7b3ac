import ArgumentParser
import DualScope

/// Labelled inputs for `calibrate` and `suggest-terms`: several corpora, each with its own
/// columns, label map, held-out buckets and metadata columns (each option given once for all
/// inputs, or once per input).
struct LabelledInputOptions: ParsableArguments {
  @Argument(help: "Labelled corpora (.jsonl, .csv, optionally .gz).")
  var inputs: [String] = []

  @Option(help: "ID column or key, per input.")
  var idColumn: [String] = []

  @Option(help: "Text columns, comma-separated, per input.")
  var textColumns: [String] = []

  @Option(help: "Labels column or key, per input.")
  var labelsColumn: [String] = []

  @Option(help: "Label map YAML per input; '-' for labels that are area IDs.")
  var labelMap: [String] = []

  @Option(help: "Hash buckets (0-9) held out (the validation part), per input, e.g. 7-9; '-' for none (default).")
  var holdout: [String] = []

  @Option(help: "Columns describing a record (not text), learned from as column=value, comma-separated, per input; '-' for none.")
  var contextColumns: [String] = []

  func validate() throws {
    guard !inputs.isEmpty else { throw ValidationError("give at least one labelled input") }
    for (name, count) in [
      ("--id-column", idColumn.count), ("--text-columns", textColumns.count), ("--labels-column", labelsColumn.count),
      ("--label-map", labelMap.count), ("--context-columns", contextColumns.count), ("--holdout", holdout.count),
    ] {
      try Self.checkCount(name, count, inputs.count)
    }
    if holdout.contains(where: { $0 != "-" && BucketList.parse($0) == nil }) {
      throw ValidationError("--holdout takes buckets 0-9 as digits and ranges (7-9, or 0,3), or '-'")
    }
  }

  /// A per-input option is given once for all inputs or once per input.
  static func checkCount(_ name: String, _ count: Int, _ inputs: Int) throws {
    if count > 1 && count != inputs {
      throw ValidationError("\(name) is given \(count) times; give it once or once per input (\(inputs))")
    }
  }

  /// The value of a per-input option for input `i`.
  func pick<T>(_ list: [T], _ i: Int, _ fallback: T) -> T { list.isEmpty ? fallback : list.count == 1 ? list[0] : list[i] }

  /// The held-out buckets of input `i`.
  func heldOut(_ i: Int) -> Set<Int> {
    let text = pick(holdout, i, "-")
    return text == "-" ? [] : BucketList.parse(text) ?? []
  }

  /// The metadata columns of input `i`.
  func metadataColumns(_ i: Int) -> [String] {
    let text = pick(contextColumns, i, "-")
    return text == "-" ? [] : PortfolioOptions.list(text)
  }

  /// Reads input `i` with its columns and label map.
  func read(_ i: Int, taxonomy: Taxonomy) throws -> (rows: [LabelledInput.Row], errors: Int) {
    try LabelledInput.read(
      inputs[i], taxonomy: taxonomy, idColumn: pick(idColumn, i, "id"),
      textColumns: pick(textColumns, i, "title,text"), labelsColumn: pick(labelsColumn, i, "labels"),
      labelMap: pick(labelMap, i, "-"), contextColumns: metadataColumns(i))
  }
}
