import ArgumentParser
import DualScope
import Foundation

/// `--taxonomy`: which release to use; the newest shipped one by default.
struct TaxonomyOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "A release folder, the version of a shipped release, or git:REV:PATH (default: the newest shipped).",
      valueName: "release"))
  var taxonomy: String?

  /// Loads the release (``ReleaseSpec``), printing its warnings when asked.
  func load(showWarnings: Bool = false) throws -> TaxonomyLoader.Loaded {
    let loaded = try ReleaseSpec.load(taxonomy)
    if showWarnings && !loaded.warnings.isEmpty {
      StandardStreams.error(
        DiagnosticRenderer(sources: loaded.sources, colour: Terminal.stderrColour).render(loaded.warnings))
    }
    return loaded
  }

  /// Loads the release and compiles a classifier over it.
  func classifier(_ scoring: ScoringOptions) throws -> Classifier {
    let classifier = try Classifier(taxonomy: try load().taxonomy, options: scoring.options)
    try scoring.check(against: classifier.taxonomy)
    return classifier
  }

  /// Loads the release and compiles a classifier over it and the portfolio screening `screening`
  /// asks for (nil when it names no column). The screening is made on a second thread: its
  /// regimes and lists are loaded while this one loads the release, then its screener and the
  /// joint matcher of the release's phrases and the cues are built while this one compiles the
  /// classifier's matcher. One after the other, a screened run started 25–35 ms later than a
  /// plain one; with the regimes loaded only once the release was, the classifier waited 6–13 ms
  /// for the second thread; now a run of 10 records takes a median 62 ms screened against 61 ms
  /// plain. Problems are reported in the order a user fixes them: the release's and the scoring
  /// options' (as ``classifier(_:)``), then the date, then the regimes and lists.
  func classifier(
    _ scoring: ScoringOptions, screening: ScreeningColumnOptions
  ) throws -> (classifier: Classifier, screening: PortfolioScreening?) {
    guard !screening.columns.isEmpty else { return (try classifier(scoring), nil) }
    final class Prepared: @unchecked Sendable {
      var rules: Result<ScreeningRules, TaxonomyLoadError>?
      var screening: Result<PortfolioScreening, any Error>?
    }
    let prepared = Prepared()
    let loaded = DispatchGroup()
    DispatchQueue.global().async(group: loaded) { prepared.rules = screening.regimeOptions.loadRules() }
    let release = try load().taxonomy
    try scoring.check(against: release)
    let day = try screening.day()
    let built = DispatchGroup()
    DispatchQueue.global().async(group: built) {
      loaded.wait()
      prepared.screening = Result {
        try screening.screening(for: release, rules: prepared.rules!, day: day).preparingJointScan(for: release)
      }
    }
    let classifier = Result { try Classifier(taxonomy: release, options: scoring.options) }
    built.wait()
    return (try classifier.get(), try prepared.screening!.get())
  }
}

/// Options that tune scoring: thresholds and top-k.
struct ScoringOptions: ParsableArguments {
  @Option(help: "Score a field needs to be assigned (default: the taxonomy's).")
  var fieldThreshold: Double?

  @Option(help: "Score an area needs to be assigned (default: the taxonomy's).")
  var areaThreshold: Double?

  @Option(
    name: .customLong("threshold"),
    help: ArgumentHelp("A threshold for one area or field, as ID=VALUE (repeatable).", valueName: "id=value"))
  var thresholds: [String] = []

  @Option(help: "Report at most this many areas.")
  var topK: Int?

  @Option(
    name: .customLong("lone-term-factor"),
    help: ArgumentHelp(
      "An area whose score rests on one term alone needs this multiple of its threshold (default: the taxonomy's).",
      valueName: "factor"))
  var loneTermFactor: Double?

  @Option(
    name: .customLong("secondary-min-matches"),
    help: ArgumentHelp(
      "An area other than the best one needs this many matches: terms, or repeats of one (default: the taxonomy's).",
      valueName: "n"))
  var secondaryMinMatches: Int?

  @Option(
    name: .customLong("clear-evidence"),
    help: ArgumentHelp(
      "The score a field needs, besides twice its threshold, to raise the level as clear evidence (default: the taxonomy's).",
      valueName: "score"))
  var clearEvidence: Double?

  @Option(
    help: ArgumentHelp(
      "In a calibrated release, the probability an area needs (default: the release's cut).", valueName: "p"))
  var cut: Double?

  @Flag(help: "Score a calibrated release by its thresholds alone, as an uncalibrated one.")
  var uncalibrated = false

  func validate() throws {
    if let c = cut, !(c > 0 && c < 1) { throw ValidationError("--cut must be between 0 and 1") }
    for t in thresholds where parse(t) == nil {
      throw ValidationError("--threshold takes ID=VALUE with a number greater than 0, got '\(t)'")
    }
    if let k = topK, k < 1 { throw ValidationError("--top-k must be at least 1") }
    if let f = loneTermFactor, !(f >= 1) { throw ValidationError("--lone-term-factor must be at least 1") }
    if let n = secondaryMinMatches, n < 1 { throw ValidationError("--secondary-min-matches must be at least 1") }
    if let c = clearEvidence, !(c >= 0) { throw ValidationError("--clear-evidence must be 0 or more") }
    for v in [fieldThreshold, areaThreshold].compactMap({ $0 }) where v <= 0 {
      throw ValidationError("thresholds must be greater than 0")
    }
  }

  private func parse(_ text: String) -> (String, Double)? {
    let parts = text.split(separator: "=", maxSplits: 1)
    guard parts.count == 2, let v = Double(parts[1]), v > 0 else { return nil }
    return (String(parts[0]), v)
  }

  var options: ClassifierOptions {
    var o = ClassifierOptions()
    o.fieldThreshold = fieldThreshold
    o.areaThreshold = areaThreshold
    o.topK = topK
    o.loneTermFactor = loneTermFactor
    o.secondaryMinMatches = secondaryMinMatches
    o.clearEvidence = clearEvidence
    o.cut = cut
    if uncalibrated { o.uncalibrated = true }
    for t in thresholds { if let (id, v) = parse(t) { o.thresholds[id] = v } }
    return o
  }

  /// Checks that every ID named by `--threshold` exists.
  func check(against taxonomy: Taxonomy) throws {
    for id in options.thresholds.keys where taxonomy.node(id) == nil {
      throw CLIError("--threshold names an unknown area or field '\(id)'")
    }
  }
}

/// `--format` for commands that print a result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
}
