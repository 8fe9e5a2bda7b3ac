/// What changed in the learned scoring between two releases (`calibration.yaml`): whether either
/// is calibrated, the cut and the other settings, the training data, each area's bias, the
/// largest changes of evidence weights, and how many context weights moved and by how much.
public struct CalibrationDiff: Sendable, Hashable, Codable {
  /// One weight that changed; `nil` on the side that lacks it.
  public struct WeightChange: Sendable, Hashable, Codable {
    public var area: String
    public var feature: String
    public var old: Double?
    public var new: Double?

    var size: Double { abs((new ?? 0) - (old ?? 0)) }
  }

  /// One area's bias, where it changed.
  public struct BiasChange: Sendable, Hashable, Codable {
    public var area: String
    public var old: Double?
    public var new: Double?
  }

  public var oldCalibrated: Bool
  public var newCalibrated: Bool
  /// Lines for settings that changed: `cut 0.5 → 0.4`, `training documents 10214 → 11000` ...
  public var settings: [String]
  public var biases: [BiasChange]
  /// The largest evidence weight changes, largest first (at most `limit`).
  public var evidence: [WeightChange]
  /// Evidence weights that changed in all.
  public var evidenceChanged: Int
  /// Context weights (hashed words × areas) that changed, and the largest change.
  public var contextChanged: Int
  public var contextLargest: Double

  enum CodingKeys: String, CodingKey {
    case settings, biases, evidence
    case oldCalibrated = "old_calibrated"
    case newCalibrated = "new_calibrated"
    case evidenceChanged = "evidence_changed"
    case contextChanged = "context_changed"
    case contextLargest = "context_largest"
  }

  public var isEmpty: Bool {
    oldCalibrated == newCalibrated && settings.isEmpty && biases.isEmpty && evidenceChanged == 0 && contextChanged == 0
  }

  /// The changes from `old` to `new`; nil when neither release is calibrated.
  public init?(from old: CalibrationModel?, to new: CalibrationModel?, limit: Int = 15) {
    guard old != nil || new != nil else { return nil }
    oldCalibrated = old != nil
    newCalibrated = new != nil
    var settings: [String] = []
    func setting<T: Equatable>(_ name: String, _ value: (CalibrationModel) -> T, _ text: (T) -> String) {
      let a = old.map(value)
      let b = new.map(value)
      if a != b { settings.append("\(name) \(a.map(text) ?? "none") → \(b.map(text) ?? "none")") }
    }
    setting("cut", \.cut) { "\($0)" }
    setting("decision", \.decision) { $0.rawValue }
    setting("add cut", \.addCut) { $0.map { "\($0)" } ?? "none" }
    setting("clear probability", \.clearProbability) { "\($0)" }
    setting("training documents", \.trainingDocuments) { "\($0)" }
    setting("training data hash", \.trainingHash) { String($0.prefix(12)) }
    setting("L2 on evidence", \.options.l2Evidence) { "\($0)" }
    setting("L2 on context", \.options.l2Context) { "\($0)" }
    setting("hash bits", \.options.hashBits) { "\($0)" }
    setting("context columns", \.options.contextColumns) { $0.isEmpty ? "none" : $0.joined(separator: ",") }
    setting("shared context", \.options.sharedContext) { $0 ? "yes" : "no" }
    setting("pairs of words", \.options.bigrams) { $0 ? "yes" : "no" }
    if let o = old, let n = new, o.format != n.format {
      settings.append(
        "calibration format \(o.format) → \(n.format): context words are hashed differently, so a bucket's "
          + "weights in one are not those of the same words in the other")
    }
    self.settings = settings

    let a = Dictionary((old?.areas ?? []).map { ($0.id, $0) }, uniquingKeysWith: { f, _ in f })
    let b = Dictionary((new?.areas ?? []).map { ($0.id, $0) }, uniquingKeysWith: { f, _ in f })
    let ids = (new?.areas ?? []).map(\.id) + (old?.areas ?? []).map(\.id).filter { b[$0] == nil }
    var biases: [BiasChange] = []
    var changes: [WeightChange] = []
    for id in ids {
      if a[id]?.bias != b[id]?.bias { biases.append(.init(area: id, old: a[id]?.bias, new: b[id]?.bias)) }
      var x = a[id]?.evidence ?? [:]
      var y = b[id]?.evidence ?? [:]
      if old?.options.sharedContext == true { x[CalibrationModel.sharedColumnName] = a[id]?.shared }
      if new?.options.sharedContext == true { y[CalibrationModel.sharedColumnName] = b[id]?.shared }
      for feature in Set(x.keys).union(y.keys) where x[feature] != y[feature] {
        changes.append(.init(area: id, feature: feature, old: x[feature], new: y[feature]))
      }
    }
    self.biases = biases
    evidenceChanged = changes.count
    changes.sort { $0.size != $1.size ? $0.size > $1.size : ($0.area, $0.feature) < ($1.area, $1.feature) }
    evidence = Array(changes.prefix(limit))

    // Context weights by (bucket, area ID).
    func table(_ m: CalibrationModel?) -> [String: [Int32: Float]] {
      guard let m else { return [:] }
      var out: [String: [Int32: Float]] = [:]
      for (bucket, weights) in m.context {
        let columns = m.contextColumns
        for (k, w) in weights.enumerated() where k < columns.count && w != 0 { out[columns[k], default: [:]][bucket] = w }
      }
      return out
    }
    let ca = table(old)
    let cb = table(new)
    var changed = 0
    var largest = 0.0
    for id in Set(ca.keys).union(cb.keys) {
      let x = ca[id] ?? [:]
      let y = cb[id] ?? [:]
      for bucket in Set(x.keys).union(y.keys) where x[bucket] != y[bucket] {
        changed += 1
        largest = max(largest, Double(abs((y[bucket] ?? 0) - (x[bucket] ?? 0))))
      }
    }
    contextChanged = changed
    contextLargest = (largest * 10_000).rounded() / 10_000
  }
}
