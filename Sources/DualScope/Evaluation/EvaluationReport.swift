/// Precision, recall and F1 of a classifier against labelled documents.
public struct EvaluationReport: Sendable, Codable {
  /// Counts and scores for one ID, or an average.
  public struct Metrics: Sendable, Codable, Hashable {
    public var precision: Double
    public var recall: Double
    public var f1: Double
    /// Documents whose gold labels include the ID.
    public var support: Int
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int

    enum CodingKeys: String, CodingKey {
      case precision, recall, f1, support
      case truePositives = "true_positives"
      case falsePositives = "false_positives"
      case falseNegatives = "false_negatives"
    }

    init(tp: Int, fp: Int, fn: Int) {
      truePositives = tp
      falsePositives = fp
      falseNegatives = fn
      support = tp + fn
      precision = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
      recall = tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn)
      f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }

    /// The pooled counts of several IDs and the figures from them.
    static func micro(_ each: [Metrics]) -> Metrics {
      .init(
        tp: each.map(\.truePositives).reduce(0, +), fp: each.map(\.falsePositives).reduce(0, +),
        fn: each.map(\.falseNegatives).reduce(0, +))
    }

    /// The pooled counts of several IDs with the unweighted mean of their precision, recall and F1.
    static func macro(_ each: [Metrics]) -> Metrics {
      var m = micro(each)
      guard !each.isEmpty else { return m }
      m.precision = each.map(\.precision).reduce(0, +) / Double(each.count)
      m.recall = each.map(\.recall).reduce(0, +) / Double(each.count)
      m.f1 = each.map(\.f1).reduce(0, +) / Double(each.count)
      return m
    }
  }

  /// A wrong answer worth a look: the document, its score for the ID and the evidence.
  public struct Mistake: Sendable, Codable, Hashable {
    public var id: String
    public var document: String
    public var score: Double
    public var title: String
    public var evidence: [String]
  }

  /// One point of a threshold sweep.
  public struct SweepPoint: Sendable, Codable, Hashable {
    public var threshold: Double
    public var precision: Double
    public var recall: Double
    public var f1: Double
  }

  public var documents: Int
  public var micro: Metrics
  /// Unweighted mean of precision, recall and F1 over the scored IDs.
  public var macro: Metrics
  /// Scored areas by ID.
  public var areas: [String: Metrics]
  /// Scored fields by ID (when the label map names fields).
  public var fields: [String: Metrics]
  public var falsePositives: [Mistake]
  public var falseNegatives: [Mistake]
  /// Per area: P/R/F1 at a range of area thresholds.
  public var sweep: [String: [SweepPoint]]
  /// Why the gold areas the classifier missed were missed.
  public var missed = Missed()

  /// The missed gold areas (false negatives of areas) in two kinds, which call for different
  /// work: a text with no counted term of the area needs vocabulary (or is beyond what terms can
  /// find); a text with some evidence below the area's bar (its threshold, the lone-term bar, the
  /// bar of a second area, a study or record context) is a matter of weights and bars.
  public struct Missed: Sendable, Codable, Hashable {
    public var noTerm = 0
    public var belowBar = 0
    /// The same two counts per scored area (areas that missed none are left out).
    public var areas: [String: Counts] = [:]

    /// The missed gold areas of one area, by kind.
    public struct Counts: Sendable, Codable, Hashable {
      public var noTerm = 0
      public var belowBar = 0

      public init(noTerm: Int = 0, belowBar: Int = 0) {
        self.noTerm = noTerm
        self.belowBar = belowBar
      }

      enum CodingKeys: String, CodingKey {
        case noTerm = "no_term"
        case belowBar = "below_bar"
      }
    }

    public init(noTerm: Int = 0, belowBar: Int = 0, areas: [String: Counts] = [:]) {
      self.noTerm = noTerm
      self.belowBar = belowBar
      self.areas = areas
    }

    enum CodingKeys: String, CodingKey {
      case noTerm = "no_term"
      case belowBar = "below_bar"
      case areas
    }
  }

  /// What the release's terms can reach on these documents: the areas' figures if every missed
  /// gold area with a counted term of its own were assigned, and every false positive stayed.
  /// Scoring (weights, bars, a calibrated model) can move an area's figures up to these; the
  /// gold areas beyond them have no term of theirs in the text, so only vocabulary can reach
  /// them, or nothing can (a proxy label that names a discipline rather than a technology).
  /// Over the scored areas only; nil when no area is scored.
  public var termReach: TermReach?

  /// ``termReach``: per area, and averaged as the report's `micro` and `macro` are.
  public struct TermReach: Sendable, Codable, Hashable {
    public var micro: Metrics
    public var macro: Metrics
    public var areas: [String: Metrics]
  }

  enum CodingKeys: String, CodingKey {
    case documents, micro, macro, areas, fields
    case falsePositives = "false_positives"
    case falseNegatives = "false_negatives"
    case sweep, missed
    case termReach = "term_reach"
  }
}
