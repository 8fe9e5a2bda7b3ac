/// Percentile intervals of the decision figures from resampling the documents with replacement
/// (a bootstrap): how far micro precision, recall and F1, macro F1 and the share of no-area
/// documents left unflagged could move on another sample of the same size from the same source.
/// On 75 grant objectives a few points between two releases are within them; the intervals say
/// so before anyone reads a difference as a gain.
///
/// Each resample draws as many documents as there are, with replacement, from a generator with a
/// fixed seed, so the same outcomes give the same intervals. The macro figure of a resample
/// counts the areas with at least the report's minimum of positives in that resample, as the
/// report itself does.
public struct DecisionIntervals: Sendable, Codable, Hashable {
  /// The `level` share of the resamples' values lies between `low` and `high`.
  public struct Interval: Sendable, Codable, Hashable {
    public var low: Double
    public var high: Double
  }

  public var resamples: Int
  /// 0.95: the 2.5th and the 97.5th percentile.
  public var level: Double
  public var seed: UInt64
  public var microPrecision: Interval
  public var microRecall: Interval
  public var microF1: Interval
  public var macroF1: Interval
  /// Of the documents with no gold area, the share given none; nil when every document has one.
  public var unflaggedShare: Interval?

  enum CodingKeys: String, CodingKey {
    case resamples, level, seed
    case microPrecision = "micro_precision"
    case microRecall = "micro_recall"
    case microF1 = "micro_f1"
    case macroF1 = "macro_f1"
    case unflaggedShare = "unflagged_share"
  }

  public static let defaultSeed: UInt64 = 2026

  /// The intervals of ``DecisionMetrics/compute(areas:documents:minSupport:)`` over `resamples`
  /// resamples of `documents`; nil without resamples or documents.
  public static func compute(
    areas: [String], documents: [(gold: Set<String>, weak: Set<String>, predicted: Set<String>)], minSupport: Int = 1,
    resamples: Int, level: Double = 0.95, seed: UInt64 = defaultSeed
  ) -> DecisionIntervals? {
    guard resamples > 0, !documents.isEmpty else { return nil }
    let outcomes = Outcomes(areas: areas, documents: documents)
    var counts = [Int](repeating: 0, count: 4 * areas.count)
    return resampling(documents.count, resamples: resamples, level: level, seed: seed) { draw in
      outcomes.figures(of: draw, minSupport: minSupport, counts: &counts)
    }
  }

  /// The intervals of the figures `figures` gives for each of `resamples` draws of `n` document
  /// indices with replacement (nil share figures left out), from a generator seeded with `seed`.
  private static func resampling(
    _ n: Int, resamples: Int, level: Double, seed: UInt64,
    _ figures: ([Int]) -> (precision: Double, recall: Double, f1: Double, macroF1: Double, unflaggedShare: Double?)
  ) -> DecisionIntervals {
    var rng = SeededGenerator(seed: seed)
    var values = Array(repeating: [Double](), count: 5)
    var draw = [Int](repeating: 0, count: n)
    for _ in 0..<resamples {
      for i in 0..<n { draw[i] = Int.random(in: 0..<n, using: &rng) }
      let x = figures(draw)
      values[0].append(x.precision)
      values[1].append(x.recall)
      values[2].append(x.f1)
      values[3].append(x.macroF1)
      if let u = x.unflaggedShare { values[4].append(u) }
    }
    return DecisionIntervals(
      resamples: resamples, level: level, seed: seed, microPrecision: interval(values[0], level),
      microRecall: interval(values[1], level), microF1: interval(values[2], level), macroF1: interval(values[3], level),
      unflaggedShare: values[4].isEmpty ? nil : interval(values[4], level))
  }

  /// What each document is for each area, worked out once, so a resample only adds up codes.
  struct Outcomes {
    let areas: Int
    /// Per document and area: 0 not counted (a true negative, or a weak-only label), 1 a true
    /// positive, 2 a false positive, 3 a false negative.
    var codes: [UInt8]
    /// Per document: 0 it has a gold area, 1 none and given one, 2 none and given none.
    var noArea: [UInt8]

    init(areas ids: [String], documents: [(gold: Set<String>, weak: Set<String>, predicted: Set<String>)]) {
      areas = ids.count
      codes = [UInt8](repeating: 0, count: documents.count * ids.count)
      noArea = [UInt8](repeating: 0, count: documents.count)
      for (i, d) in documents.enumerated() {
        for (j, a) in ids.enumerated() where d.gold.contains(a) || !d.weak.contains(a) {
          let g = d.gold.contains(a)
          let p = d.predicted.contains(a)
          codes[i * ids.count + j] = g && p ? 1 : p ? 2 : g ? 3 : 0
        }
        if d.gold.isEmpty { noArea[i] = d.predicted.isEmpty ? 2 : 1 }
      }
    }

    /// The decision figures of the documents at `indices` (repeats counted each time), as
    /// ``DecisionMetrics`` works them out; `counts` is scratch of 4 × areas.
    func figures(
      of indices: [Int], minSupport: Int, counts: inout [Int]
    ) -> (precision: Double, recall: Double, f1: Double, macroF1: Double, unflaggedShare: Double?) {
      let k = areas
      for c in counts.indices { counts[c] = 0 }
      var without = 0
      var left = 0
      for i in indices {
        for j in 0..<k { counts[4 * j + Int(codes[i * k + j])] += 1 }
        if noArea[i] != 0 {
          without += 1
          if noArea[i] == 2 { left += 1 }
        }
      }
      var tp = 0
      var fp = 0
      var fn = 0
      var sum = 0.0
      var scored = 0
      for j in 0..<k {
        let (t, f, m) = (counts[4 * j + 1], counts[4 * j + 2], counts[4 * j + 3])
        tp += t
        fp += f
        fn += m
        if t + m >= minSupport {
          sum += DecisionIntervals.f1(t, f, m)
          scored += 1
        }
      }
      return (
        tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp), tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn),
        DecisionIntervals.f1(tp, fp, fn), scored == 0 ? 0 : sum / Double(scored),
        without == 0 ? nil : Double(left) / Double(without)
      )
    }
  }

  /// The difference a second release makes on the same documents (`evaluate --against`): each
  /// release's decision figures, and the percentile intervals of their differences (this release
  /// minus the other) over resamples that draw the same documents for both, so what the releases
  /// share cancels out and the interval is that of the change alone.
  public struct Comparison: Sendable, Codable, Hashable {
    /// The other release's version, as its manifest names it.
    public var release: String
    public var documents: Int
    /// Documents whose assigned areas differ between the two releases.
    public var changedDocuments: Int
    public var this: DecisionMetrics
    public var other: DecisionMetrics
    /// Intervals of (this − other); nil without resamples.
    public var difference: DecisionIntervals?

    enum CodingKeys: String, CodingKey {
      case release, documents
      case changedDocuments = "changed_documents"
      case this, other, difference
    }
  }

  /// Compares two releases' outcomes of the same documents, in the same order (the gold and
  /// weak labels of `this` are used for both).
  public static func compare(
    areas: [String], this: [(gold: Set<String>, weak: Set<String>, predicted: Set<String>)],
    other: [(gold: Set<String>, weak: Set<String>, predicted: Set<String>)], otherRelease: String,
    minSupport: Int = 1, resamples: Int, level: Double = 0.95, seed: UInt64 = defaultSeed
  ) -> Comparison {
    precondition(this.count == other.count, "the same documents for both releases")
    let aligned = zip(this, other).map { (gold: $0.gold, weak: $0.weak, predicted: $1.predicted) }
    let n = this.count
    var comparison = Comparison(
      release: otherRelease, documents: n,
      changedDocuments: zip(this, other).filter { $0.predicted.intersection(areas) != $1.predicted.intersection(areas) }.count,
      this: DecisionMetrics.compute(areas: areas, documents: this, minSupport: minSupport),
      other: DecisionMetrics.compute(areas: areas, documents: aligned, minSupport: minSupport))
    guard resamples > 0, n > 0 else { return comparison }
    let a = Outcomes(areas: areas, documents: this)
    let b = Outcomes(areas: areas, documents: aligned)
    var counts = [Int](repeating: 0, count: 4 * areas.count)
    comparison.difference = resampling(n, resamples: resamples, level: level, seed: seed) { draw in
      let x = a.figures(of: draw, minSupport: minSupport, counts: &counts)
      let y = b.figures(of: draw, minSupport: minSupport, counts: &counts)
      let unflagged = x.unflaggedShare.flatMap { u in y.unflaggedShare.map { u - $0 } }
      return (x.precision - y.precision, x.recall - y.recall, x.f1 - y.f1, x.macroF1 - y.macroF1, unflagged)
    }
    return comparison
  }

  static func f1(_ tp: Int, _ fp: Int, _ fn: Int) -> Double {
    tp == 0 ? 0 : 2 * Double(tp) / Double(2 * tp + fp + fn)
  }

  /// The percentiles around the middle `level` share of `values` (nearest rank).
  static func interval(_ values: [Double], _ level: Double) -> Interval {
    let sorted = values.sorted()
    let tail = Int(((1 - level) / 2 * Double(sorted.count - 1)).rounded())
    return Interval(low: sorted[tail], high: sorted[sorted.count - 1 - tail])
  }
}
