import Foundation

/// How well probabilities match outcomes, from (probability, label) pairs: Brier score, expected
/// calibration error over equal-width bins, the reliability table, and precision and recall at
/// several cuts. Independent of how the pairs were produced.
public struct ProbabilityMetrics: Sendable, Codable, Hashable {
  /// One bin of the reliability table.
  public struct Bin: Sendable, Codable, Hashable {
    public var lower: Double
    public var upper: Double
    public var count: Int
    public var meanProbability: Double
    public var positiveRate: Double

    enum CodingKeys: String, CodingKey {
      case lower, upper, count
      case meanProbability = "mean_probability"
      case positiveRate = "positive_rate"
    }
  }

  /// Precision, recall and F1 when everything at or above `cut` is called positive.
  public struct CutPoint: Sendable, Codable, Hashable {
    public var cut: Double
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int

    init(cut: Double, tp: Int, fp: Int, fn: Int) {
      self.cut = cut
      truePositives = tp
      falsePositives = fp
      falseNegatives = fn
      precision = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
      recall = tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn)
      f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }

    enum CodingKeys: String, CodingKey {
      case cut, precision, recall, f1
      case truePositives = "true_positives"
      case falsePositives = "false_positives"
      case falseNegatives = "false_negatives"
    }
  }

  public var pairs: Int
  public var positives: Int
  public var brier: Double
  /// Expected calibration error: the count-weighted mean of |mean probability − positive rate|
  /// over the bins.
  public var ece: Double
  public var reliability: [Bin]
  public var cuts: [CutPoint]

  public static let defaultCuts = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]

  public static func compute(_ pairs: [(Double, Bool)], cuts: [Double] = defaultCuts, bins: Int = 10) -> ProbabilityMetrics {
    var brier = 0.0
    var count = Array(repeating: 0, count: bins)
    var sumP = Array(repeating: 0.0, count: bins)
    var sumY = Array(repeating: 0.0, count: bins)
    var positives = 0
    for (p, y) in pairs {
      let t = y ? 1.0 : 0.0
      brier += (p - t) * (p - t)
      let b = min(bins - 1, max(0, Int(p * Double(bins))))
      count[b] += 1
      sumP[b] += p
      sumY[b] += t
      if y { positives += 1 }
    }
    let n = Double(max(1, pairs.count))
    var ece = 0.0
    var table: [Bin] = []
    for b in 0..<bins {
      let c = Double(count[b])
      let mean = c > 0 ? sumP[b] / c : 0
      let rate = c > 0 ? sumY[b] / c : 0
      ece += c / n * abs(mean - rate)
      table.append(
        Bin(
          lower: Double(b) / Double(bins), upper: Double(b + 1) / Double(bins), count: count[b],
          meanProbability: mean, positiveRate: rate))
    }
    let points = cuts.map { cut in
      var tp = 0
      var fp = 0
      var fn = 0
      for (p, y) in pairs {
        if p >= cut { if y { tp += 1 } else { fp += 1 } } else if y { fn += 1 }
      }
      return CutPoint(cut: cut, tp: tp, fp: fp, fn: fn)
    }
    return ProbabilityMetrics(
      pairs: pairs.count, positives: positives, brier: pairs.isEmpty ? 0 : brier / n, ece: ece, reliability: table,
      cuts: points)
  }

  /// The unweighted mean over several metrics (areas): Brier, ECE and, per cut, precision, recall
  /// and F1 (counts are summed).
  public static func macro(_ list: [ProbabilityMetrics]) -> ProbabilityMetrics? {
    guard let first = list.first else { return nil }
    let k = Double(list.count)
    var out = first
    out.pairs = list.map(\.pairs).reduce(0, +)
    out.positives = list.map(\.positives).reduce(0, +)
    out.brier = list.map(\.brier).reduce(0, +) / k
    out.ece = list.map(\.ece).reduce(0, +) / k
    out.reliability = []
    for c in out.cuts.indices {
      out.cuts[c].precision = list.map { $0.cuts[c].precision }.reduce(0, +) / k
      out.cuts[c].recall = list.map { $0.cuts[c].recall }.reduce(0, +) / k
      out.cuts[c].f1 = list.map { $0.cuts[c].f1 }.reduce(0, +) / k
      out.cuts[c].truePositives = list.map { $0.cuts[c].truePositives }.reduce(0, +)
      out.cuts[c].falsePositives = list.map { $0.cuts[c].falsePositives }.reduce(0, +)
      out.cuts[c].falseNegatives = list.map { $0.cuts[c].falseNegatives }.reduce(0, +)
    }
    return out
  }
}

/// Gold area → predicted area counts. A document adds one to every (gold, predicted) pair of its
/// areas; `none` stands for no gold area or no predicted area.
public struct ConfusionTable: Sendable, Codable, Hashable {
  public static let none = "none"
  public var counts: [String: [String: Int]] = [:]

  public init() {}

  public mutating func add(gold: Set<String>, predicted: Set<String>) {
    let g = gold.isEmpty ? [Self.none] : gold.sorted()
    let p = predicted.isEmpty ? [Self.none] : predicted.sorted()
    for a in g { for b in p { counts[a, default: [:]][b, default: 0] += 1 } }
  }
}

/// Decision figures over (document, area) pairs as a funder scores them: micro precision, recall
/// and F1 over pairs, macro F1 over the areas with at least `minSupport` positives, and the share
/// of documents with no gold area that get none.
public struct DecisionMetrics: Sendable, Codable, Hashable {
  public var micro: ProbabilityMetrics.CutPoint
  public var macroPrecision: Double
  public var macroRecall: Double
  public var macroF1: Double
  public var macroAreas: [String]
  public var perArea: [String: ProbabilityMetrics.CutPoint]
  public var documentsWithoutArea: Int
  public var leftUnflagged: Int
  public var unflaggedShare: Double

  enum CodingKeys: String, CodingKey {
    case micro
    case macroPrecision = "macro_precision"
    case macroRecall = "macro_recall"
    case macroF1 = "macro_f1"
    case macroAreas = "macro_areas"
    case perArea = "per_area"
    case documentsWithoutArea = "documents_without_area"
    case leftUnflagged = "left_unflagged"
    case unflaggedShare = "unflagged_share"
  }

  /// `documents`: per document its gold areas, weak-only areas (left out of those areas' counts)
  /// and predicted areas.
  public static func compute(
    areas: [String], documents: [(gold: Set<String>, weak: Set<String>, predicted: Set<String>)], minSupport: Int = 1
  ) -> DecisionMetrics {
    var perArea: [String: ProbabilityMetrics.CutPoint] = [:]
    var total = (0, 0, 0)
    for a in areas {
      var tp = 0
      var fp = 0
      var fn = 0
      for d in documents where d.gold.contains(a) || !d.weak.contains(a) {
        let g = d.gold.contains(a)
        let p = d.predicted.contains(a)
        if g && p { tp += 1 } else if p { fp += 1 } else if g { fn += 1 }
      }
      perArea[a] = .init(cut: 0, tp: tp, fp: fp, fn: fn)
      total = (total.0 + tp, total.1 + fp, total.2 + fn)
    }
    let macroAreas = areas.filter { (perArea[$0]!.truePositives + perArea[$0]!.falseNegatives) >= minSupport }
    let k = Double(max(1, macroAreas.count))
    let without = documents.filter { $0.gold.isEmpty }
    let unflagged = without.filter { $0.predicted.isEmpty }.count
    return DecisionMetrics(
      micro: .init(cut: 0, tp: total.0, fp: total.1, fn: total.2),
      macroPrecision: macroAreas.map { perArea[$0]!.precision }.reduce(0, +) / k,
      macroRecall: macroAreas.map { perArea[$0]!.recall }.reduce(0, +) / k,
      macroF1: macroAreas.map { perArea[$0]!.f1 }.reduce(0, +) / k,
      macroAreas: macroAreas, perArea: perArea, documentsWithoutArea: without.count, leftUnflagged: unflagged,
      unflaggedShare: without.isEmpty ? 1 : Double(unflagged) / Double(without.count))
  }
}
