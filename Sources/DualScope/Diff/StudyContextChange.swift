/// How the study-context cues and their settings differ between two manifests. A release
/// without a `study_context` compares as one with no cues.
public struct StudyContextChange: Sendable, Hashable, Encodable {
  public var minCues: Change<Int>?
  public var areaScore: Change<Double>?
  /// Cues only in the new release, in its order.
  public var cuesAdded: [ContextCue]
  /// Cues only in the old release, in its order.
  public var cuesRemoved: [ContextCue]
  /// Decisive cues only in the new release, and only in the old one.
  public var decisiveCuesAdded: [ContextCue] = []
  public var decisiveCuesRemoved: [ContextCue] = []
  /// The steps of higher bars for more cues, when they differ.
  public var moreCues: Change<[StudyContext.Step]>? = nil

  /// The change, or nil when nothing changed.
  static func between(_ old: StudyContext?, _ new: StudyContext?) -> StudyContextChange? {
    guard old != nil || new != nil else { return nil }
    let a = old ?? StudyContext()
    let b = new ?? StudyContext()
    func added(_ old: [ContextCue], _ new: [ContextCue]) -> [ContextCue] {
      let kept = Set(old)
      return new.filter { !kept.contains($0) }
    }
    let change = StudyContextChange(
      minCues: Change.between(a.minCues, b.minCues), areaScore: Change.between(a.areaScore, b.areaScore),
      cuesAdded: added(a.cues, b.cues), cuesRemoved: added(b.cues, a.cues),
      decisiveCuesAdded: added(a.decisiveCues, b.decisiveCues), decisiveCuesRemoved: added(b.decisiveCues, a.decisiveCues),
      moreCues: Change.between(a.moreCues, b.moreCues))
    return change.minCues == nil && change.areaScore == nil && change.cuesAdded.isEmpty && change.cuesRemoved.isEmpty
      && change.decisiveCuesAdded.isEmpty && change.decisiveCuesRemoved.isEmpty && change.moreCues == nil
      ? nil : change
  }

  public var reversed: StudyContextChange {
    StudyContextChange(
      minCues: minCues?.reversed, areaScore: areaScore?.reversed, cuesAdded: cuesRemoved, cuesRemoved: cuesAdded,
      decisiveCuesAdded: decisiveCuesRemoved, decisiveCuesRemoved: decisiveCuesAdded, moreCues: moreCues?.reversed)
  }

  /// One line per change, for the text and Markdown reports.
  public var summary: [String] {
    var out: [String] = []
    if let c = minCues { out.append("context cues needed: \(c.old) → \(c.new)") }
    if let c = areaScore {
      out.append("area score under a study context: \(NumberText.plain(c.old)) → \(NumberText.plain(c.new))")
    }
    if let c = moreCues {
      out.append("area score with more context cues: \(Self.describe(c.old)) → \(Self.describe(c.new))")
    }
    let lists = [
      ("context cues added", cuesAdded), ("context cues removed", cuesRemoved),
      ("decisive context cues added", decisiveCuesAdded), ("decisive context cues removed", decisiveCuesRemoved),
    ]
    for (what, cues) in lists where !cues.isEmpty {
      let byLanguage = Dictionary(grouping: cues, by: \.language).sorted { $0.key < $1.key }
      for (language, list) in byLanguage {
        out.append("\(what) (\(language)): " + list.map(\.displayPhrase).joined(separator: ", "))
      }
    }
    return out
  }

  /// `5 cues: 16, 8 cues: 24`, or `none`.
  private static func describe(_ steps: [StudyContext.Step]) -> String {
    steps.isEmpty ? "none" : steps.map { "\($0.minCues) cues: \(NumberText.plain($0.areaScore))" }.joined(separator: ", ")
  }

  enum CodingKeys: String, CodingKey {
    case minCues = "min_cues"
    case areaScore = "area_score"
    case cuesAdded = "cues_added"
    case cuesRemoved = "cues_removed"
    case decisiveCuesAdded = "decisive_cues_added"
    case decisiveCuesRemoved = "decisive_cues_removed"
    case moreCues = "more_cues"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(minCues, forKey: .minCues)
    try c.encodeIfPresent(areaScore, forKey: .areaScore)
    try c.encode(cuesAdded, forKey: .cuesAdded)
    try c.encode(cuesRemoved, forKey: .cuesRemoved)
    if !decisiveCuesAdded.isEmpty || !decisiveCuesRemoved.isEmpty {
      try c.encode(decisiveCuesAdded, forKey: .decisiveCuesAdded)
      try c.encode(decisiveCuesRemoved, forKey: .decisiveCuesRemoved)
    }
    try c.encodeIfPresent(moreCues, forKey: .moreCues)
  }
}
