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
      With --uncovered, an area's positives are only the documents in which none of its terms counts: \
      the phrases its terms miss, which bound its recall. Nothing is added to the taxonomy.
      """)

  @OptionGroup var labelled: LabelledInputOptions

  @Option(help: "Suggestions per area.")
  var perArea: Int = 15

  @Option(help: "Positive documents a phrase needs.")
  var minCount: Int = 5

  @Flag(help: "Count as an area's positives only the documents in which none of its terms counts (what its terms miss).")
  var uncovered = false

  @OptionGroup var taxonomy: TaxonomyOptions

  func run() throws {
    try Failure.guarding {
      var options = ClassifierOptions()
      options.uncalibrated = true
      let classifier = try Classifier(taxonomy: try taxonomy.load().taxonomy, options: options)
      var examples: [CalibrationExample] = []
      for (i, path) in labelled.inputs.enumerated() {
        let input = try labelled.read(i, taxonomy: classifier.taxonomy)
        let held = labelled.heldOut(i)
        for r in input.rows where !held.contains(FNV1a.splitBucket(r.record.id)) {
          examples.append(.init(source: path, id: r.record.id, text: r.record.text, strong: r.strong, weak: r.weak))
        }
      }
      let list = TermSuggester.suggest(classifier, examples, perArea: perArea, minCount: minCount, uncovered: uncovered)
      StandardStreams.out(TermSuggester.yaml(list, uncovered: uncovered))
      StandardStreams.flush()
    }
  }
}
