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
    public var scores: [String: Double]
  }

  /// Classifies every record and compares with its mapped labels.
  public func evaluate(_ records: [PortfolioRecord]) -> (EvaluationReport, [Prediction]) {
    let taxonomy = classifier.taxonomy
    // Scored: IDs some label maps to strongly and that some document carries (an ID no
    // document is labelled with has no recall to measure).
    var present = Set<String>()
    for record in records { present.formUnion(labelMap.gold(record.labels).strong) }
    let scored = labelMap.scoredIDs.filter { taxonomy.node($0) != nil && present.contains($0) }
    let scoredAreas = taxonomy.areas.map(\.id).filter(scored.contains)
    let scoredFields = taxonomy.fields.map(\.id).filter(scored.contains)
    let areaIndices = scoredAreas.map { taxonomy.index(of: $0)! }

    var counts: [String: (tp: Int, fp: Int, fn: Int)] = [:]
    var mistakes: [String: (fp: [EvaluationReport.Mistake], fn: [EvaluationReport.Mistake])] = [:]
    // Raw area scores with gold status, for the threshold sweep: (score, isPositive) per area.
    var sweepData: [String: [(Double, Bool)]] = [:]
    var predictions: [Prediction] = []
    var scratch = ClassifierScratch()

    for record in records {
      scratch.metadata = record.carried
      classifier.score(record.text, &scratch)
      let result = classifier.decide(record.text, scratch)
      let predicted = Set(result.areas.map(\.id) + result.fields.map(\.id))
      let (gold, weak) = labelMap.gold(record.labels)
      var scores: [String: Double] = [:]
      for (id, i) in zip(scoredAreas, areaIndices) where scratch.nodeScore[i] > 0 {
        scores[id] = Classifier.round(scratch.nodeScore[i])
      }
      for id in scoredFields {
        let s = scratch.nodeScore[taxonomy.index(of: id)!]
        if s > 0 { scores[id] = Classifier.round(s) }
      }
      predictions.append(
        Prediction(
          id: record.id, predicted: predicted.filter(scored.contains).sorted(),
          gold: gold.filter(scored.contains).sorted(), scores: scores))
      for id in scoredAreas + scoredFields {
        let isGold = gold.contains(id)
        if !isGold && weak.contains(id) { continue }
        let hit = predicted.contains(id)
        var c = counts[id] ?? (0, 0, 0)
        if isGold && hit { c.tp += 1 }
        if !isGold && hit {
          c.fp += 1
          mistakes[id, default: ([], [])].fp.append(mistake(id, record, scores[id] ?? 0, result))
        }
        if isGold && !hit {
          c.fn += 1
          mistakes[id, default: ([], [])].fn.append(mistake(id, record, scores[id] ?? 0, nil))
        }
        counts[id] = c
      }
      for (id, i) in zip(scoredAreas, areaIndices) where gold.contains(id) || !weak.contains(id) {
        sweepData[id, default: []].append((scratch.nodeScore[i], gold.contains(id)))
      }
    }

    func metrics(_ id: String) -> EvaluationReport.Metrics {
      let c = counts[id] ?? (0, 0, 0)
      return .init(tp: c.tp, fp: c.fp, fn: c.fn)
    }
    let all = scoredAreas + scoredFields
    let total = all.reduce((0, 0, 0)) { acc, id in
      let c = counts[id] ?? (0, 0, 0)
      return (acc.0 + c.tp, acc.1 + c.fp, acc.2 + c.fn)
    }
    var macro = EvaluationReport.Metrics(tp: total.0, fp: total.1, fn: total.2)
    let perID = all.map(metrics)
    if !perID.isEmpty {
      macro.precision = perID.map(\.precision).reduce(0, +) / Double(perID.count)
      macro.recall = perID.map(\.recall).reduce(0, +) / Double(perID.count)
      macro.f1 = perID.map(\.f1).reduce(0, +) / Double(perID.count)
    }
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
      documents: records.count,
      micro: .init(tp: total.0, fp: total.1, fn: total.2),
      macro: macro,
      areas: Dictionary(uniqueKeysWithValues: scoredAreas.map { ($0, metrics($0)) }),
      fields: Dictionary(uniqueKeysWithValues: scoredFields.map { ($0, metrics($0)) }),
      falsePositives: all.flatMap { worst(mistakes[$0]?.fp ?? []) },
      falseNegatives: all.flatMap { worst(mistakes[$0]?.fn ?? []) },
      sweep: sweep)
    return (report, predictions)
  }

  private func mistake(
    _ id: String, _ record: PortfolioRecord, _ score: Double, _ result: Classification?
  ) -> EvaluationReport.Mistake {
    var evidence: [String] = []
    if let result {
      for field in result.fields where field.id == id || field.area == id {
        for e in field.evidence { evidence.append("\(e.term) (\(field.id), +\(e.contribution))") }
      }
    }
    let title = record.text.split(separator: "\n", maxSplits: 1).first.map { String($0.prefix(100)) } ?? ""
    return .init(id: id, document: record.id, score: score, title: title, evidence: evidence)
  }
}
