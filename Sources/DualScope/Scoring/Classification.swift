/// What the classifier says about one text: the areas and fields it touches, how strongly,
/// the document's level, and the evidence for every assigned field.
public struct Classification: Sendable, Hashable, Codable {
  /// Whether anything was assigned, and if not, why not.
  public enum Status: String, Sendable, Hashable, Codable {
    case classified
    /// The text was empty or held no words.
    case noText = "unclassified: no text"
    /// No term of the taxonomy occurs in the text.
    case noTerms = "unclassified: no terms found"
    /// Terms were found, but no area reached its threshold.
    case belowThreshold = "unclassified: below threshold"

    public var isClassified: Bool { self == .classified }
  }

  public var status: Status
  public var level: DocumentLevel
  /// Words in the text (tokens the matcher saw).
  public var words: Int
  /// Assigned areas, highest score first.
  public var areas: [AreaScore]
  /// Assigned fields, highest score first, each with its evidence.
  public var fields: [FieldScore]

  public init(status: Status, level: DocumentLevel, words: Int, areas: [AreaScore], fields: [FieldScore]) {
    self.status = status
    self.level = level
    self.words = words
    self.areas = areas
    self.fields = fields
  }
}

/// An assigned area, its score and the level it gives the document.
public struct AreaScore: Sendable, Hashable, Codable {
  public var id: String
  public var name: String
  public var score: Double
  public var threshold: Double
  /// The highest level among the area's assigned fields (or, when none passes alone, the level
  /// its touched fields give at the area's strength). Computed once, by the classifier.
  public var level: DocumentLevel
  /// The calibrated probability of the area (calibrated releases only).
  public var probability: Double?

  public init(
    id: String, name: String, score: Double, threshold: Double, level: DocumentLevel, probability: Double? = nil
  ) {
    self.id = id
    self.name = name
    self.score = score
    self.threshold = threshold
    self.level = level
    self.probability = probability
  }
}

/// An assigned field, its score and the matched terms behind it.
public struct FieldScore: Sendable, Hashable, Codable {
  public var id: String
  public var area: String
  public var name: String
  public var score: Double
  public var threshold: Double
  public var sensitivity: Sensitivity
  /// The level this field gives the document: its sensitivity and whether its evidence is clear.
  public var level: DocumentLevel
  public var dualUse: [String]
  public var evidence: [Evidence]

  public init(
    id: String, area: String, name: String, score: Double, threshold: Double, sensitivity: Sensitivity,
    level: DocumentLevel, dualUse: [String], evidence: [Evidence]
  ) {
    self.id = id
    self.area = area
    self.name = name
    self.score = score
    self.threshold = threshold
    self.sensitivity = sensitivity
    self.level = level
    self.dualUse = dualUse
    self.evidence = evidence
  }

  enum CodingKeys: String, CodingKey {
    case id, area, name, score, threshold, sensitivity, level
    case dualUse = "dual_use"
    case evidence
  }
}

/// One matched term of a field: its weight, what it contributed, and where it occurs.
public struct Evidence: Sendable, Hashable, Codable {
  public var term: String
  public var language: String
  public var weight: Double
  /// The term's share of the field's score, after saturation, specificity and length.
  public var contribution: Double
  public var weak: Bool
  public var matches: [EvidenceSpan]

  public init(term: String, language: String, weight: Double, contribution: Double, weak: Bool, matches: [EvidenceSpan]) {
    self.term = term
    self.language = language
    self.weight = weight
    self.contribution = contribution
    self.weak = weak
    self.matches = matches
  }
}

/// Where a term occurs: UTF-8 byte offsets into the original text, and the text there.
public struct EvidenceSpan: Sendable, Hashable, Codable {
  public var start: Int
  public var end: Int
  public var text: String
  public var kind: String

  public init(start: Int, end: Int, text: String, kind: String) {
    self.start = start
    self.end = end
    self.text = text
    self.kind = kind
  }
}

/// How sensitive a document is, from its assigned fields' sensitivity and scores.
///
/// - `none`: nothing assigned.
/// - `low`: only low-sensitivity fields, or medium ones with thin evidence.
/// - `elevated`: a medium field with clear evidence, or a high field with thin evidence.
/// - `high`: a high-sensitivity field with clear evidence.
///
/// Evidence is clear when the field's score is at least twice its threshold and at least the
/// release's `clear_evidence`: lowering thresholds to find more fields does not make a level
/// cheaper.
public enum DocumentLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case none
  case low
  case elevated
  case high

  public var rank: Int {
    switch self {
    case .none: 0
    case .low: 1
    case .elevated: 2
    case .high: 3
    }
  }

  public static func < (a: DocumentLevel, b: DocumentLevel) -> Bool { a.rank < b.rank }

  /// The level one assigned field gives a document.
  static func of(sensitivity: Sensitivity, score: Double, threshold: Double, clearEvidence: Double) -> DocumentLevel {
    let clear = score >= 2 * threshold && score >= clearEvidence
    switch sensitivity {
    case .high: return clear ? .high : .elevated
    case .medium: return clear ? .elevated : .low
    case .low: return .low
    }
  }
}
