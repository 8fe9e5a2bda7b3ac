import Foundation

/// The learned part of a calibrated release (`calibration.yaml`): per area a logistic model over
/// the taxonomy's evidence (by sentence role and by field) and the hashed words around it.
///
/// The probability of area `a` for a text is `σ(bias + Σ evidence weight × feature + Σ context
/// weight × word feature)`. An area is assigned only when the probability reaches the cut and at
/// least one of its terms is counted in the text.
public struct CalibrationModel: Sendable {
  /// What the model was trained with, as recorded in the file.
  public struct Options: Sendable, Hashable {
    public var hashBits: Int = 18
    public var l2Evidence: Double = 0.01
    public var l2Context: Double = 1.0
    public var minDocumentFrequency: Int = 2
    public var prune: Double = 0.01
    /// Hashed word features of a text are worth `context_scale / √(distinct features)` each.
    public var contextScale: Double = 4
    public var iterations: Int = 200
    public var contextColumns: [String] = []
    /// A context model shared by the areas besides each area's own context weights: the
    /// context rows carry one more weight, `shared`, and each area a weight of that column's sum
    /// (``Area/shared``).
    public var sharedContext = false
    /// Whether pairs of adjacent words are context features besides the words themselves. Off
    /// for what `calibrate` learns now (out of fold on the train parts they added nothing and
    /// cost a fifth of the scoring time, DESIGN.md "Calibrated scoring"); a file without the key
    /// was learned with them.
    public var bigrams = false
    public init() {}
  }

  /// One area's parameters.
  public struct Area: Sendable {
    public var id: String
    public var bias: Double
    /// Weights of the evidence features by name (``CalibrationModel/evidenceNames(for:in:)``).
    public var evidence: [String: Double]
    /// The weight of the shared context sum in the area's log-odds (with ``Options/sharedContext``).
    public var shared: Double = 0
    /// Where the area's ID and each evidence feature were written, for diagnostics.
    var location: SourceLocation? = nil
    var featureLocations: [String: SourceLocation] = [:]

    public init(id: String, bias: Double, evidence: [String: Double]) {
      self.id = id
      self.bias = bias
      self.evidence = evidence
    }
  }

  /// The file format, which says how context words are hashed (``TextFeatures/WordHash``): 2
  /// when `calibrate` writes it; 1 from releases calibrated before words were hashed eight bytes
  /// a step, still scored as they were learned.
  public var format: Int = TextFeatures.WordHash.current.format
  /// How this model's context words are hashed.
  var wordHash: TextFeatures.WordHash { TextFeatures.WordHash(format: format) ?? .current }
  public var release: String
  public var options: Options
  /// The default cut: an area needs at least this probability.
  public var cut: Double
  /// Whether the probability alone decides an area, or the rules first (``DecisionRule``).
  public var decision: DecisionRule = .probability
  /// With the rules first: the probability at which an area the rules do not assign is assigned
  /// all the same (at least one of its terms counted, as always); nil when the model only takes
  /// areas away.
  public var addCut: Double?
  /// The probability from which a field's evidence counts as clear for the document's level.
  public var clearProbability: Double
  /// SHA-256 of the training rows (source, id, labels, text, weight), in order.
  public var trainingHash: String
  public var trainingDocuments: Int
  /// Validation figures as recorded at training (free text lines, not read back as numbers).
  public var validation: [String: String]
  public var areas: [Area]
  /// Context weights: bucket → one weight per area (in ``areas`` order), then the shared
  /// context's weight when the model has one (``contextColumns``).
  public var context: [(bucket: Int32, weights: [Float])]

  /// The columns of the context rows: the areas' IDs, then `shared` with a shared context model.
  public var contextColumns: [String] { areas.map(\.id) + (options.sharedContext ? [Self.sharedColumnName] : []) }

  /// The name of the shared context's column.
  public static let sharedColumnName = "shared"

  /// The shared context's column in ``weights``, if the model has one.
  var sharedColumn: Int? { options.sharedContext ? areas.count : nil }

  // Tables built at load for scoring.
  /// Bucket → row of ``weights``.
  var bucketRows = BucketRows()
  /// Context weights area by area: area `k`'s weight of row `r` at `k * rowCount + r`.
  ///
  /// Area-major because a text is scored for the one or two areas with a counted term: their
  /// columns (350 KB each at 86,000 rows) stay in the core's cache across a text's buckets, where
  /// bucket-major rows of all ten areas (3.4 MB) missed it on almost every bucket.
  var weights: [Float] = []
  /// What the scorer reads: ``weights``' area columns, each with its area's weight of the shared
  /// column folded in (`w + shared · v`), so a text's context costs one column pass per scored
  /// area with a shared model as without (a second pass over the shared column cost 5% of a
  /// calibrated `batch`). ``weights`` keeps the parts apart for `explain` and `diff`.
  var scoringWeights: [Float] = []
  /// Rows in ``weights``: the buckets that carry context weights.
  var rowCount = 0
  /// Evidence weights by area (taxonomy order of areas) and feature index.
  var evidenceWeights: [[Double]] = []
  /// Model area index by taxonomy node index (-1 when the area has no model).
  var modelArea: [Int] = []
  var biasByNode: [Double] = []

  /// Area `k`'s context weight of row `r`.
  @inline(__always) func weight(row r: Int, area k: Int) -> Float { weights[k * rowCount + r] }

  /// What row `r` adds to area `k`'s log-odds per unit of its value: the area's own weight, plus
  /// the area's weight of the shared context times the shared weight.
  @inline(__always) func scoringWeight(row r: Int, area k: Int) -> Float { scoringWeights[k * rowCount + r] }

  public init(
    release: String, options: Options, cut: Double, clearProbability: Double, trainingHash: String,
    trainingDocuments: Int, validation: [String: String], areas: [Area], context: [(bucket: Int32, weights: [Float])]
  ) {
    self.release = release
    self.options = options
    self.cut = cut
    self.clearProbability = clearProbability
    self.trainingHash = trainingHash
    self.trainingDocuments = trainingDocuments
    self.validation = validation
    self.areas = areas
    self.context = context
  }

  /// The fixed evidence features of every area, before its fields.
  static let fixedFeatures = [
    "role.title", "role.aim", "role.background", "role.impact", "role.body", "score", "terms", "lone", "best",
    "share", "cues", "other", "cues.score", "long",
  ] + ["role.title", "role.aim", "role.background", "role.impact", "role.body", "score", "terms", "lone", "best",
    "share", "cues", "other"].map { "long." + $0 }

  /// Evidence feature names of an area: the fixed ones, then `field.<id>` for each of its fields.
  static func evidenceNames(forArea a: Int, in table: NodeTable) -> [String] {
    fixedFeatures + (0..<table.count).filter { !table.isArea[$0] && table.area[$0] == a }.map { "field." + table.id[$0] }
  }

  /// Builds the scoring tables against a taxonomy; returns the problems (unknown areas or
  /// features) as messages with the area they concern.
  mutating func bind(_ table: NodeTable) -> [(String, SourceLocation?)] {
    var problems: [(String, SourceLocation?)] = []
    // Rows in bucket order, as the rank of a bucket counts them (the file's are in order already).
    let ordered = context.sorted { $0.bucket < $1.bucket }
    bucketRows = BucketRows(hashBits: options.hashBits, buckets: ordered.lazy.map(\.bucket))
    rowCount = ordered.count
    let columns = contextColumns.count
    weights = Array(repeating: 0, count: ordered.count * columns)
    for (r, entry) in ordered.enumerated() {
      for (k, w) in entry.weights.enumerated() where k < columns { weights[k * rowCount + r] = w }
    }
    modelArea = Array(repeating: -1, count: table.count)
    biasByNode = Array(repeating: 0, count: table.count)
    evidenceWeights = Array(repeating: [], count: table.count)
    for (k, area) in areas.enumerated() {
      guard let a = table.areas.first(where: { table.id[$0] == area.id }) else {
        problems.append(("area '\(area.id)' is not an area of the release", area.location))
        continue
      }
      modelArea[a] = k
      biasByNode[a] = area.bias
      let names = Self.evidenceNames(forArea: a, in: table)
      var weights = Array(repeating: 0.0, count: names.count)
      for (name, w) in area.evidence {
        if let i = names.firstIndex(of: name) {
          weights[i] = w
        } else {
          problems.append(("area '\(area.id)': unknown evidence feature '\(name)'", area.featureLocations[name]))
        }
      }
      evidenceWeights[a] = weights
    }
    scoringWeights = weights
    if let shared = sharedColumn {
      scoringWeights.removeLast(rowCount)
      for k in areas.indices where areas[k].shared != 0 {
        let alpha = areas[k].shared
        for r in 0..<rowCount {
          scoringWeights[k * rowCount + r] = Float(Double(weights[k * rowCount + r]) + alpha * Double(weights[shared * rowCount + r]))
        }
      }
    }
    return problems
  }
}

/// Per-thread buffers of the calibrated scorer.
struct CalibrationScratch {
  var sentences: [Sentence] = []
  var buckets: [Int32] = []
  /// A bit per hash bucket, all zero between texts
  /// (``TextFeatures/contextBuckets(_:bits:into:seen:words:long:hash:bigrams:)``).
  var seenBuckets: [UInt64] = []
  /// The context rows of the record's buckets, then of its metadata buckets.
  var textRows: [Int32] = []
  /// Metadata buckets of the record (value 1 each), set before scoring.
  var metadataBuckets: [Int32] = []
  /// Evidence features by area node (only areas with counted terms are filled).
  var features: [[Double]] = []
  /// Per counted match: its role and its share of its area's score.
  var matchRole: [SentenceRole] = []
  var matchShare: [Double] = []
  /// Probability by area node; -1 when the area has no counted term.
  var probability: [Double] = []
  var seen: [Int] = []
  var roleScore: [Double] = []  // area node × 5
  /// Context sums by model area.
  var context: [Double] = []
  /// What the rules decided for the text, worked out once while scoring for a release that
  /// decides by its rules first (``DecisionRule/rulesThenProbability``), and read by its decision
  /// and by `explain`; nil otherwise.
  var rules: Classifier.Decision?
  /// The model areas whose context sum a text needs (those with a counted term).
  var scored: [Int] = []
}
