/// Scores a classifier against labelled documents.
public struct Evaluator: Sendable {
  public let classifier: Classifier
  public let labelMap: LabelMap
  /// How many false positives and negatives to keep per ID.
  public var mistakesPerID = 5

  public init(classifier: Classifier, labelMap: LabelMap) {
    self.classifier = classifier
    self.labelMap = labelMap
  }

  /// One document's outcome, for `--predictions`.
  public struct Prediction: Sendable, Codable {
    public var id: String
    public var predicted: [String]
    public var gold: [String]
    /// IDs the document's labels name only weakly: left out of those IDs' counts (omitted when
    /// there are none).
    public var weak: [String]?
    public var scores: [String: Double]
    /// A calibrated release's probability of each scored area with a counted term, rounded to
    /// four decimals (omitted for an uncalibrated release): what an office reads to choose its cut.
    public var probabilities: [String: Double]?
  }

  /// Keeps only records whose ID falls in these buckets of the development split
  /// (``FNV1a/splitBucket(_:)``); nil keeps every record.
  public var buckets: Set<Int>?
  /// Macro figures of the calibration and decision report count areas with at least this many
  /// positives.
  public var macroMinSupport = 1
  /// Bootstrap resamples of the documents for the decision figures' intervals; 0 for none.
  public var bootstrapResamples = 0

  /// What one evaluation run produced.
  public struct Run: Sendable {
    public var report: EvaluationReport
    public var predictions: [Prediction]
    /// Every document with a false positive or a false negative among the scored IDs, in input
    /// order, with its evidence.
    public var wrong: [WrongDocument]
    /// Probability figures (calibrated releases), decision figures and the confusion between areas.
    public var calibration: CalibrationReport
    /// Records that could not be read.
    public var errors: [RecordError]
  }

  /// Runs a labelled portfolio through the ``PortfolioPipeline`` and compares each document's
  /// result with its mapped labels. Unreadable records come back as error records. With
  /// `against`, the same documents are classified by that classifier too and the decision
  /// report says what it would change (``DecisionIntervals/Comparison``), with paired intervals
  /// from the same resamples as ``bootstrapResamples``.
  public func evaluate(_ input: PortfolioInput, against other: Classifier? = nil) throws -> Run {
    let (outcomes, errors) = try classify(input, with: classifier)
    let (report, predictions, wrong) = evaluate(outcomes)
    var theirs: (release: String, predicted: [Set<String>])?
    if let other {
      let (otherOutcomes, _) = try classify(input, with: other)
      precondition(otherOutcomes.map(\.id) == outcomes.map(\.id), "the same records in the same order")
      theirs = (other.taxonomy.version, otherOutcomes.map { Set($0.result.areas.map(\.id)) })
    }
    return Run(
      report: report, predictions: predictions, wrong: wrong, calibration: calibrationReport(outcomes, against: theirs),
      errors: errors)
  }

  /// Every kept record classified by `classifier`, in input order, and the records that could
  /// not be read.
  private func classify(_ input: PortfolioInput, with classifier: Classifier) throws -> ([Outcome], [RecordError]) {
    let pipeline = PortfolioPipeline(input)
    var outcomes: [Outcome] = []
    var errors: [RecordError] = []
    _ = try pipeline.run(pipeline.open(), work: EvaluateWork(classifier: classifier, buckets: buckets)) { chunk in
      outcomes += chunk.output
      errors += chunk.errors
    }
    return (outcomes, errors)
  }

  /// One classified document with what evaluation needs of it.
  struct Outcome: Sendable {
    var id: String
    var title: String
    var labels: [String]
    var result: Classification
    /// Every node's score before thresholds, by node index.
    var scores: [Double]
    /// Every area's probability by node index (calibrated releases; -1 where no term counted).
    var probabilities: [Double]
  }

  /// The work of an evaluation worker: classify and keep the raw scores and probabilities.
  struct EvaluateWork: PortfolioWork {
    let classifier: Classifier
    let buckets: Set<Int>?

    func makeScratch() -> ClassifierScratch { ClassifierScratch() }

    func process(_ records: [PortfolioRecord], scratch: inout ClassifierScratch) -> [Outcome] {
      var out: [Outcome] = []
      for record in records where buckets.map({ $0.contains(FNV1a.splitBucket(record.id)) }) ?? true {
        let result = classifier.classify(record, scratch: &scratch)
        let title = record.text.split(separator: "\n", maxSplits: 1).first.map { String($0.prefix(100)) } ?? ""
        out.append(
          Outcome(
            id: record.id, title: title, labels: record.labels, result: result,
            scores: classifier.rawScores(scratch),
            probabilities: classifier.calibrationModel == nil ? [] : scratch.calibration.probability))
      }
      return out
    }
  }

  /// The calibration and decision report of the same outcomes, and what a second release's
  /// areas for the same documents would change.
  private func calibrationReport(
    _ outcomes: [Outcome], against theirs: (release: String, predicted: [Set<String>])?
  ) -> CalibrationReport {
    let items = outcomes.map { o in
      let (strong, weak) = labelMap.gold(o.labels)
      return CalibrationReport.Outcome(
        gold: strong, weak: weak, predicted: Set(o.result.areas.map(\.id)), probabilities: o.probabilities)
    }
    return CalibrationReport.compute(
      classifier, items, minSupport: macroMinSupport, resamples: bootstrapResamples, against: theirs)
  }

  private func evaluate(_ outcomes: [Outcome]) -> (EvaluationReport, [Prediction], [WrongDocument]) {
    let taxonomy = classifier.taxonomy
    // Scored: IDs some label maps to strongly and that some document carries (an ID no
    // document is labelled with has no recall to measure).
    var present = Set<String>()
    for o in outcomes { present.formUnion(labelMap.gold(o.labels).strong) }
    let scored = labelMap.scoredIDs.filter { taxonomy.node($0) != nil && present.contains($0) }
    let scoredAreas = taxonomy.areas.map(\.id).filter(scored.contains)
    let scoredFields = taxonomy.fields.map(\.id).filter(scored.contains)
    let areaIndices = scoredAreas.map { taxonomy.index(of: $0)! }
    let fieldIndices = scoredFields.map { taxonomy.index(of: $0)! }

    var counts: [String: (tp: Int, fp: Int, fn: Int)] = [:]
    var mistakes: [String: (fp: [EvaluationReport.Mistake], fn: [EvaluationReport.Mistake])] = [:]
    // Raw area scores with gold status, for the threshold sweep: (score, isPositive) per area.
    var sweepData: [String: [(Double, Bool)]] = [:]
    var predictions: [Prediction] = []
    var wrong: [WrongDocument] = []
    var missed = EvaluationReport.Missed()
    let areaIDs = Set(scoredAreas)

    for o in outcomes {
      let result = o.result
      let predicted = Set(result.areas.map(\.id) + result.fields.map(\.id))
      let (gold, weak) = labelMap.gold(o.labels)
      var scores: [String: Double] = [:]
      for (id, i) in zip(scoredAreas + scoredFields, areaIndices + fieldIndices) where o.scores[i] > 0 {
        scores[id] = Classifier.round(o.scores[i])
      }
      var probabilities: [String: Double]?
      if !o.probabilities.isEmpty {
        var p: [String: Double] = [:]
        for (id, i) in zip(scoredAreas, areaIndices) where o.probabilities[i] >= 0 {
          p[id] = Classifier.round(o.probabilities[i])
        }
        probabilities = p
      }
      let weakScored = weak.subtracting(gold).filter(scored.contains).sorted()
      predictions.append(
        Prediction(
          id: o.id, predicted: predicted.filter(scored.contains).sorted(),
          gold: gold.filter(scored.contains).sorted(), weak: weakScored.isEmpty ? nil : weakScored, scores: scores,
          probabilities: probabilities))
      var falsePositives: [String] = []
      var falseNegatives: [String] = []
      for id in scoredAreas + scoredFields {
        let isGold = gold.contains(id)
        if !isGold && weak.contains(id) { continue }
        let hit = predicted.contains(id)
        var c = counts[id] ?? (0, 0, 0)
        if isGold && hit { c.tp += 1 }
        if !isGold && hit {
          c.fp += 1
          falsePositives.append(id)
          mistakes[id, default: ([], [])].fp.append(mistake(id, o, scores[id] ?? 0, result))
        }
        if isGold && !hit {
          c.fn += 1
          falseNegatives.append(id)
          if areaIDs.contains(id) {
            if scores[id] == nil {
              missed.areas[id, default: .init()].noTerm += 1
            } else {
              missed.areas[id, default: .init()].belowBar += 1
            }
          }
          mistakes[id, default: ([], [])].fn.append(mistake(id, o, scores[id] ?? 0, nil))
        }
        counts[id] = c
      }
      if !falsePositives.isEmpty || !falseNegatives.isEmpty {
        wrong.append(wrongDocument(o, falsePositives, falseNegatives, gold: gold, weak: weak, predicted: predicted, scored: scored))
      }
      for (id, i) in zip(scoredAreas, areaIndices) where gold.contains(id) || !weak.contains(id) {
        sweepData[id, default: []].append((o.scores[i], gold.contains(id)))
      }
    }

    func metrics(_ id: String) -> EvaluationReport.Metrics {
      let c = counts[id] ?? (0, 0, 0)
      return .init(tp: c.tp, fp: c.fp, fn: c.fn)
    }
    missed.noTerm = missed.areas.values.map(\.noTerm).reduce(0, +)
    missed.belowBar = missed.areas.values.map(\.belowBar).reduce(0, +)
    let all = scoredAreas + scoredFields
    let perID = all.map(metrics)
    let macro = EvaluationReport.Metrics.macro(perID)
    // What the terms reach: each missed area with a counted term of its own counted as found.
    let reached = scoredAreas.map { id in
      let c = counts[id] ?? (0, 0, 0)
      let below = missed.areas[id]?.belowBar ?? 0
      return EvaluationReport.Metrics(tp: c.tp + below, fp: c.fp, fn: c.fn - below)
    }
    let termReach = reached.isEmpty
      ? nil
      : EvaluationReport.TermReach(
        micro: .micro(reached), macro: .macro(reached),
        areas: Dictionary(uniqueKeysWithValues: zip(scoredAreas, reached)))
    var sweep: [String: [EvaluationReport.SweepPoint]] = [:]
    for id in scoredAreas {
      let data = sweepData[id] ?? []
      sweep[id] = stride(from: 1.0, through: 10.0, by: 0.5).map { t in
        let tp = data.filter { $0.0 >= t && $0.1 }.count
        let fp = data.filter { $0.0 >= t && !$0.1 }.count
        let fn = data.filter { $0.0 < t && $0.1 }.count
        let m = EvaluationReport.Metrics(tp: tp, fp: fp, fn: fn)
        return .init(threshold: t, precision: m.precision, recall: m.recall, f1: m.f1)
      }
    }
    func worst(_ list: [EvaluationReport.Mistake]) -> [EvaluationReport.Mistake] {
      Array(list.sorted { $0.score != $1.score ? $0.score > $1.score : $0.document < $1.document }.prefix(mistakesPerID))
    }
    let report = EvaluationReport(
      documents: outcomes.count,
      micro: .micro(perID),
      macro: macro,
      areas: Dictionary(uniqueKeysWithValues: scoredAreas.map { ($0, metrics($0)) }),
      fields: Dictionary(uniqueKeysWithValues: scoredFields.map { ($0, metrics($0)) }),
      falsePositives: all.flatMap { worst(mistakes[$0]?.fp ?? []) },
      falseNegatives: all.flatMap { worst(mistakes[$0]?.fn ?? []) },
      sweep: sweep, missed: missed, termReach: termReach)
    return (report, predictions, wrong)
  }

  private func wrongDocument(
    _ o: Outcome, _ falsePositives: [String], _ falseNegatives: [String], gold: Set<String>, weak: Set<String>,
    predicted: Set<String>, scored: Set<String>
  ) -> WrongDocument {
    let taxonomy = classifier.taxonomy
    func score(_ id: String) -> (Double, Double) {
      guard let i = taxonomy.index(of: id) else { return (0, 0) }
      return (Classifier.round(o.scores[i]), classifier.thresholds[i])
    }
    let fps = falsePositives.map { id -> WrongDocument.FalsePositive in
      var items: [WrongDocument.Item] = []
      for field in o.result.fields where field.id == id || field.area == id {
        for e in field.evidence {
          items.append(.init(field: field.id, term: e.term, contribution: e.contribution, matches: e.matches.map(\.text)))
        }
      }
      items.sort { $0.contribution != $1.contribution ? $0.contribution > $1.contribution : $0.term < $1.term }
      let (s, t) = score(id)
      return .init(id: id, score: s, threshold: t, evidence: items)
    }
    let fns = falseNegatives.map { id -> WrongDocument.FalseNegative in
      let (s, t) = score(id)
      let p = taxonomy.index(of: id).flatMap { i in i < o.probabilities.count && o.probabilities[i] >= 0 ? o.probabilities[i] : nil }
      return .init(id: id, score: s, threshold: t, probability: p.map(Classifier.round))
    }
    return WrongDocument(
      id: o.id, title: o.title, gold: gold.filter(scored.contains).sorted(), weak: weak.sorted(),
      predicted: predicted.filter(scored.contains).sorted(), falsePositives: fps, falseNegatives: fns)
  }

  private func mistake(
    _ id: String, _ o: Outcome, _ score: Double, _ result: Classification?
  ) -> EvaluationReport.Mistake {
    var evidence: [String] = []
    if let result {
      for field in result.fields where field.id == id || field.area == id {
        for e in field.evidence { evidence.append("\(e.term) (\(field.id), +\(e.contribution))") }
      }
    }
    return .init(id: id, document: o.id, score: score, title: o.title, evidence: evidence)
  }
}
