import ArgumentParser
import DualScope
import Foundation

/// `dualscope suggest-terms`: candidate terms from labelled documents, for a taxonomy author.
struct SuggestTermsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "suggest-terms",
    abstract: "Suggest 1–3 word terms that separate an area's positives from the rest and are not in the release.",
    discussion: """
      Inputs and per-input options as for `calibrate`. Prints a YAML snippet per area: each candidate \
      with its document counts, the smoothed log-odds ratio used to rank it and two example snippets. \
      Nothing is added to the taxonomy.
      """)

  @Argument(help: "Labelled corpora (.jsonl, .csv, optionally .gz).")
  var inputs: [String]

  @Option(help: "ID column or key, per input.")
  var idColumn: [String] = []

  @Option(help: "Text columns, comma-separated, per input.")
  var textColumns: [String] = []

  @Option(help: "Labels column or key, per input.")
  var labelsColumn: [String] = []

  @Option(help: "Label map YAML per input; '-' for labels that are area IDs.")
  var labelMap: [String] = []

  @Option(help: "Leave out records whose ID hashes to these buckets (e.g. 7-9: the validation part), per input.")
  var holdout: [String] = []

  @Option(help: "Suggestions per area.")
  var perArea: Int = 15

  @Option(help: "Positive documents a phrase needs.")
  var minCount: Int = 5

  @OptionGroup var taxonomy: TaxonomyOptions

  func validate() throws {
    guard !inputs.isEmpty else { throw ValidationError("give at least one labelled input") }
    for (name, count) in [
      ("--id-column", idColumn.count), ("--text-columns", textColumns.count), ("--labels-column", labelsColumn.count),
      ("--label-map", labelMap.count), ("--holdout", holdout.count),
    ] where count > 1 && count != inputs.count {
      throw ValidationError("\(name) is given \(count) times; give it once or once per input (\(inputs.count))")
    }
    if holdout.contains(where: { $0 != "-" && BucketList.parse($0) == nil }) {
      throw ValidationError("--holdout takes buckets 0-9 as digits and ranges (7-9, or 0,3), or '-'")
    }
  }

  func pick<T>(_ list: [T], _ i: Int, _ fallback: T) -> T { list.isEmpty ? fallback : list.count == 1 ? list[0] : list[i] }

  func run() throws {
    try Failure.guarding {
      var options = ClassifierOptions()
      options.uncalibrated = true
      let classifier = try Classifier(taxonomy: try taxonomy.load().taxonomy, options: options)
      var examples: [CalibrationExample] = []
      for (i, path) in inputs.enumerated() {
        let input = try LabelledInput.read(
          path, taxonomy: classifier.taxonomy, idColumn: pick(idColumn, i, "id"),
          textColumns: pick(textColumns, i, "title,text"), labelsColumn: pick(labelsColumn, i, "labels"),
          labelMap: pick(labelMap, i, "-"), contextColumns: [])
        let heldText = pick(holdout, i, "-")
        let held = heldText == "-" ? Set<Int>() : BucketList.parse(heldText) ?? []
        for r in input.rows where !held.contains(FNV1a.splitBucket(r.record.id)) {
          examples.append(.init(source: path, id: r.record.id, text: r.record.text, strong: r.strong, weak: r.weak))
        }
      }
      let list = TermSuggester.suggest(classifier, examples, perArea: perArea, minCount: minCount)
      StandardStreams.out(TermSuggester.yaml(list))
      StandardStreams.flush()
    }
  }
}
