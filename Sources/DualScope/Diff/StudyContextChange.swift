/// How the study-context cues and their settings differ between two manifests. A release
/// without a `study_context` compares as one with no cues.
public struct StudyContextChange: Sendable, Hashable, Encodable {
  public var minCues: Change<Int>?
  public var areaScore: Change<Double>?
  /// Cues only in the new release, in its order.
  public var cuesAdded: [ContextCue]
  /// Cues only in the old release, in its order.
  public var cuesRemoved: [ContextCue]

  /// The change, or nil when nothing changed.
  static func between(_ old: StudyContext?, _ new: StudyContext?) -> StudyContextChange? {
    guard old != nil || new != nil else { return nil }
    let a = old ?? StudyContext()
    let b = new ?? StudyContext()
    let oldCues = Set(a.cues)
    let newCues = Set(b.cues)
    let change = StudyContextChange(
      minCues: Change.between(a.minCues, b.minCues), areaScore: Change.between(a.areaScore, b.areaScore),
      cuesAdded: b.cues.filter { !oldCues.contains($0) }, cuesRemoved: a.cues.filter { !newCues.contains($0) })
    return change.minCues == nil && change.areaScore == nil && change.cuesAdded.isEmpty && change.cuesRemoved.isEmpty
      ? nil : change
  }

  public var reversed: StudyContextChange {
    StudyContextChange(
      minCues: minCues?.reversed, areaScore: areaScore?.reversed, cuesAdded: cuesRemoved, cuesRemoved: cuesAdded)
  }

  /// One line per change, for the text and Markdown reports.
  public var summary: [String] {
    var out: [String] = []
    if let c = minCues { out.append("context cues needed: \(c.old) → \(c.new)") }
    if let c = areaScore {
      out.append("area score under a study context: \(NumberText.plain(c.old)) → \(NumberText.plain(c.new))")
    }
    for (what, cues) in [("added", cuesAdded), ("removed", cuesRemoved)] where !cues.isEmpty {
      let byLanguage = Dictionary(grouping: cues, by: \.language).sorted { $0.key < $1.key }
      for (language, list) in byLanguage {
        out.append("context cues \(what) (\(language)): " + list.map(\.displayPhrase).joined(separator: ", "))
      }
    }
    return out
  }

  enum CodingKeys: String, CodingKey {
    case minCues = "min_cues"
    case areaScore = "area_score"
    case cuesAdded = "cues_added"
    case cuesRemoved = "cues_removed"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(minCues, forKey: .minCues)
    try c.encodeIfPresent(areaScore, forKey: .areaScore)
    try c.encode(cuesAdded, forKey: .cuesAdded)
    try c.encode(cuesRemoved, forKey: .cuesRemoved)
  }
}
