/// What adopting the new release would do to the classification of a portfolio.
public struct DiffImpact: Sendable, Hashable, Encodable {
  /// How many documents one area or field is assigned to under each release.
  public struct NodeCount: Sendable, Hashable, Encodable {
    /// The ID in the new release, or the old ID of a node the new release does not have.
    public var id: String
    /// The old ID when it differs (a re-identified or moved field).
    public var oldID: String?
    public var name: String
    public var old: Int
    public var new: Int
    /// Documents assigned the node under the new release and not the old one.
    public var gained: Int
    /// Documents assigned the node under the old release and not the new one.
    public var lost: Int

    enum CodingKeys: String, CodingKey {
      case id, name, old, new, gained, lost
      case oldID = "old_id"
    }
  }

  /// Documents whose level moved from one value to another.
  public struct LevelShift: Sendable, Hashable, Encodable {
    public var from: DocumentLevel
    public var to: DocumentLevel
    public var documents: Int
  }

  /// The portfolio as given on the command line.
  public var portfolio: String
  /// Documents classified (records read without error).
  public var documents: Int
  /// Records that could not be read.
  public var unreadable: Int
  /// Documents whose areas, fields or level differ between the releases.
  public var changed: Int
  /// Documents with at least one area, under the old and the new release.
  public var classified: Change<Int>
  /// Areas and fields with any document under either release; new release's order, then the
  /// old release's nodes it does not have.
  public var areas: [NodeCount]
  public var fields: [NodeCount]
  /// Level changes, from the lowest old level up; only pairs that differ.
  public var levels: [LevelShift]
  /// The most changed documents (level changes first), with the evidence that changed.
  public var examples: [DocumentChange]
  /// When the portfolio was screened under both releases: triage changes, from the lowest old
  /// level up; only pairs that differ.
  public var triage: [TriageShift]?
  /// When screened: records whose screening cells could not be used (an unknown country), so
  /// they were compared by their classification only.
  public var unscreened: Int?

  /// Documents whose triage level moved from one value to another.
  public struct TriageShift: Sendable, Hashable, Encodable {
    public var from: TriageLevel
    public var to: TriageLevel
    public var documents: Int
  }

  enum CodingKeys: String, CodingKey {
    case portfolio, documents, unreadable, changed, classified, areas, fields, levels, triage, unscreened, examples
  }
}

/// A regime whose status for a document differs between the releases.
public struct RegimeStatusChange: Sendable, Hashable, Encodable {
  public var id: String
  /// `nil` where it does not apply (or the release lacks the regime).
  public var status: Change<RegimeStatus?>
}

/// How the classification of one document differs between two releases.
public struct DocumentChange: Sendable, Hashable, Encodable {
  public var id: String
  public var source: String
  public var line: Int
  public var level: Change<DocumentLevel>
  public var status: Change<String>?
  /// IDs in the new release's terms (a re-identified field keeps counting as itself).
  public var areasGained: [String]
  public var areasLost: [String]
  public var fieldsGained: [String]
  public var fieldsLost: [String]
  /// Per field whose assignment or score changed: the evidence on each side that the other lacks.
  public var evidence: [FieldEvidenceChange]
  /// When screened and it differs: the triage level under each release.
  public var triage: Change<TriageLevel>? = nil
  /// When screened: the regimes whose status differs.
  public var regimes: [RegimeStatusChange]? = nil

  enum CodingKeys: String, CodingKey {
    case id, source, line, level, status, evidence, triage, regimes
    case areasGained = "areas_gained"
    case areasLost = "areas_lost"
    case fieldsGained = "fields_gained"
    case fieldsLost = "fields_lost"
  }

  /// How much the document changed, for picking examples: level steps first, then assignments.
  var weight: Int {
    abs(level.new.rank - level.old.rank) * 1000 + (triage.map { abs($0.new.rank - $0.old.rank) * 1000 } ?? 0)
      + areasGained.count + areasLost.count
      + fieldsGained.count + fieldsLost.count
  }
}

/// The evidence of one field under each release, where it differs.
public struct FieldEvidenceChange: Sendable, Hashable, Encodable {
  public var field: String
  /// The score when assigned; `nil` when not assigned under that release.
  public var score: Change<Double?>
  /// Matched terms under the new release that the old one did not have (or weighed otherwise).
  public var added: [EvidenceItem]
  /// Matched terms under the old release that the new one does not have (or weighs otherwise).
  public var removed: [EvidenceItem]
}

/// One matched term, compactly: what it was, what it added, and the texts it matched.
public struct EvidenceItem: Sendable, Hashable, Encodable {
  public var term: String
  public var language: String
  public var weight: Double
  public var contribution: Double
  public var matches: [String]

  init(_ e: Evidence) {
    term = e.term
    language = e.language
    weight = e.weight
    contribution = e.contribution
    matches = e.matches.map(\.text)
  }
}
