import Foundation

/// Calibration and decision figures of a classifier over labelled documents: the probability
/// metrics (calibrated releases), decision metrics and the confusion between areas.
public struct CalibrationReport: Sendable, Codable {
  public var documents: Int
  /// Probability metrics pooled over every scored (document, area) pair; nil for a release
  /// without calibration.
  public var micro: ProbabilityMetrics?
  /// The mean over areas.
  public var macro: ProbabilityMetrics?
  public var areas: [String: ProbabilityMetrics]
  public var decisions: DecisionMetrics
  /// The decision figures' bootstrap intervals, when asked for (`evaluate --bootstrap`).
  public var intervals: DecisionIntervals?
  /// What a second release would change on the same documents (`evaluate --against`).
  public var against: DecisionIntervals.Comparison?
  public var confusion: ConfusionTable

  /// One classified labelled document: gold and weak-only areas, the areas assigned, and each
  /// area's probability by node index (empty for an uncalibrated release).
  public struct Outcome: Sendable {
    public var gold: Set<String>
    public var weak: Set<String>
    public var predicted: Set<String>
    public var probabilities: [Double]

    public init(gold: Set<String>, weak: Set<String> = [], predicted: Set<String>, probabilities: [Double] = []) {
      self.gold = gold
      self.weak = weak
      self.predicted = predicted
      self.probabilities = probabilities
    }
  }

  /// The figures of classified documents. An area with no counted term has probability 0 (it
  /// cannot be assigned). `areas`: the area IDs to score (default: those some document is a
  /// positive for); `resamples`: how many bootstrap resamples give the decision figures'
  /// intervals (none without); `against`: a second release's areas for the same documents, in
  /// order, compared over the same areas (``DecisionIntervals/compare(areas:this:other:otherRelease:minSupport:resamples:level:seed:)``).
  public static func compute(
    _ classifier: Classifier, _ outcomes: [Outcome], areas: [String]? = nil, minSupport: Int = 1, resamples: Int = 0,
    against theirs: (release: String, predicted: [Set<String>])? = nil
  ) -> CalibrationReport {
    let table = classifier.index.nodes
    let present = Set(outcomes.flatMap(\.gold))
    let scored = areas ?? table.areas.map { table.id[$0] }.filter(present.contains)
    let nodes = scored.compactMap { id in table.areas.first { table.id[$0] == id } }
    let calibrated = classifier.calibrationModel != nil
    var pairs: [String: [(Double, Bool)]] = [:]
    var documents: [(gold: Set<String>, weak: Set<String>, predicted: Set<String>)] = []
    var confusion = ConfusionTable()
    for o in outcomes {
      let predicted = o.predicted.intersection(scored)
      documents.append((o.gold, o.weak, predicted))
      confusion.add(gold: o.gold.intersection(scored), predicted: predicted)
      guard calibrated else { continue }
      for (id, a) in zip(scored, nodes) where o.gold.contains(id) || !o.weak.contains(id) {
        let p = o.probabilities.count > a ? max(0, o.probabilities[a]) : 0
        pairs[id, default: []].append((p, o.gold.contains(id)))
      }
    }
    var perArea: [String: ProbabilityMetrics] = [:]
    if calibrated { for id in scored { perArea[id] = ProbabilityMetrics.compute(pairs[id] ?? []) } }
    let decisions = DecisionMetrics.compute(areas: scored, documents: documents, minSupport: minSupport)
    let intervals = DecisionIntervals.compute(
      areas: scored, documents: documents, minSupport: minSupport, resamples: resamples)
    let macroList = decisions.macroAreas.compactMap { perArea[$0] }
    return CalibrationReport(
      documents: outcomes.count,
      micro: calibrated ? ProbabilityMetrics.compute(scored.flatMap { pairs[$0] ?? [] }) : nil,
      macro: calibrated ? ProbabilityMetrics.macro(macroList) : nil,
      areas: perArea, decisions: decisions, intervals: intervals,
      against: theirs.map { theirs in
        DecisionIntervals.compare(
          areas: scored, this: documents,
          other: zip(documents, theirs.predicted).map { (gold: $0.gold, weak: $0.weak, predicted: $1) },
          otherRelease: theirs.release, minSupport: minSupport, resamples: resamples)
      }, confusion: confusion)
  }

  /// One labelled document to classify: text, metadata columns, gold and weak-only areas.
  public struct Item: Sendable {
    public var text: String
    public var metadata: [(String, String)]
    public var gold: Set<String>
    public var weak: Set<String>

    public init(text: String, metadata: [(String, String)] = [], gold: Set<String>, weak: Set<String> = []) {
      self.text = text
      self.metadata = metadata
      self.gold = gold
      self.weak = weak
    }
  }

  /// Classifies a few documents held in memory (a release's held-out rows) and computes the figures.
  public static func run(
    _ classifier: Classifier, _ items: [Item], areas: [String]? = nil, minSupport: Int = 1
  ) -> CalibrationReport {
    var s = ClassifierScratch()
    let outcomes = items.map { item in
      let result = classifier.classify(item.text, metadata: item.metadata, scratch: &s)
      return Outcome(
        gold: item.gold, weak: item.weak, predicted: Set(result.areas.map(\.id)),
        probabilities: classifier.calibrationModel == nil ? [] : s.calibration.probability)
    }
    return compute(classifier, outcomes, areas: areas, minSupport: minSupport)
  }

  /// One line for the validation record of a release.
  public var summary: String {
    var text = "documents \(documents); micro P \(f(decisions.micro.precision)) R \(f(decisions.micro.recall)) "
    text += "F1 \(f(decisions.micro.f1)); macro P \(f(decisions.macroPrecision)) R \(f(decisions.macroRecall)) "
    text += "F1 \(f(decisions.macroF1))"
    if let micro { text += "; ECE \(f(micro.ece)); Brier \(f(micro.brier))" }
    if decisions.documentsWithoutArea > 0 {
      text += "; no-area documents left unflagged \(decisions.leftUnflagged)/\(decisions.documentsWithoutArea)"
    }
    return text
  }

  func f(_ x: Double) -> String { String(format: "%.3f", x) }
}
