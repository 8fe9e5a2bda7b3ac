/// The manifest of a release: identity, version, sources and defaults.
public struct TaxonomyManifest: Sendable, Hashable {
  /// The schema version of the files (not the release).
  public var schemaVersion: Int
  public var id: String
  /// The release, e.g. `2025.1`.
  public var version: String
  public var title: String
  /// ISO date of the release.
  public var released: String
  public var languages: [String]
  public var defaults: ScoringDefaults
  public var sources: [SourceReference]
  /// Area files in report order.
  public var areaFiles: [String]
  public var releaseNotes: String
  /// Cues of a study about technology, and what they cost an area; nil when the release has none.
  public var studyContext: StudyContext? = nil
  /// Rules on a record's metadata columns (`record_context`): what a record's funding scheme or
  /// call says of how much evidence its text needs. Empty when the release has none.
  public var recordContext: [RecordContextRule] = []
}

/// Default thresholds a release ships with; options may override them.
public struct ScoringDefaults: Sendable, Hashable, Codable {
  public var fieldThreshold: Double = 3.0
  public var areaThreshold: Double = 3.0
  /// Words: how near a weak term needs a non-weak term of its field.
  public var weakWindow: Int = 30
  /// An area whose score comes from one term alone needs this multiple of its threshold: a
  /// single word (`radar` in "under the radar", `windpark` in a study of local protest) is weaker
  /// evidence than two different terms of the same score.
  public var loneTermFactor: Double = 1
  /// An area other than the document's best needs at least this many counted matches (two
  /// terms, or one term twice): one passing `machine learning` in a materials abstract does not
  /// make it an AI project.
  public var secondaryMinMatches: Int = 1
  /// The score a field needs, besides twice its threshold, for its evidence to count as clear
  /// when the document's level is set (0: twice the threshold alone).
  public var clearEvidence: Double = 0
  /// Words: how far back from a match a negation word of its clause denies it ("develops no
  /// robots", "geen genetische modificatie"); 0 turns the rule off. See ``Negation``.
  public var negationWindow: Int = 0

  public init() {}

  enum CodingKeys: String, CodingKey {
    case fieldThreshold = "field_threshold"
    case areaThreshold = "area_threshold"
    case weakWindow = "weak_window"
    case loneTermFactor = "lone_term_factor"
    case secondaryMinMatches = "secondary_min_matches"
    case clearEvidence = "clear_evidence"
    case negationWindow = "negation_window"
  }
}

/// A public list a release is written from.
public struct SourceReference: Sendable, Hashable, Codable {
  public var id: String
  public var title: String
  public var url: String?
}
