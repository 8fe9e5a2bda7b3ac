/// An area or a field of the taxonomy.
public struct TaxonomyNode: Sendable, Hashable {
  /// Whether a node is a top-level area or a field below one.
  public enum Kind: String, Sendable, Hashable, Codable {
    case area
    case field
  }

  public var kind: Kind
  /// Stable dotted ID: `quantum`, `quantum.cryptography`.
  public var id: String
  /// The parent's ID; `nil` for an area.
  public var parentID: String?
  public var name: LocalizedText
  public var description: String
  public var sensitivity: Sensitivity
  public var crosswalk: Crosswalk
  /// EU 2021/821 Annex I references.
  public var dualUse: [DualUseCode]
  /// Score needed to assign this node; `nil` takes the manifest default.
  public var threshold: Double?
  /// Phrases that cancel any term of this node they overlap.
  public var exclusions: [String]
  /// The node's own terms (areas have none).
  public var terms: [Term]
  /// IDs this node takes over from an earlier release (renamed, merged, moved).
  public var replaces: [String]
  /// The ID of the earlier release's node this one was split from.
  public var splitFrom: String?
  /// Where the node was declared.
  public var location: SourceLocation

  /// Depth below its area: 0 for an area, 1 for a field, 2 for a sub-field.
  public var depth: Int { id.split(separator: ".").count - 1 }
}

/// A text in English and Dutch.
public struct LocalizedText: Sendable, Hashable, Codable {
  public var en: String
  public var nl: String

  public init(en: String, nl: String) {
    self.en = en
    self.nl = nl
  }
}

/// How sensitive the knowledge of a field is, from the public lists it appears on.
public enum Sensitivity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case low
  case medium
  case high

  var rank: Int {
    switch self {
    case .low: 0
    case .medium: 1
    case .high: 2
    }
  }

  public static func < (a: Sensitivity, b: Sensitivity) -> Bool { a.rank < b.rank }
}

/// References from a node to the public lists it corresponds to.
public struct Crosswalk: Sendable, Hashable, Codable {
  /// Area or `area.item` number in the annex of EU Recommendation 2023/2113.
  public var eu2023_2113: String?
  /// Technologies of the Dutch Nationale Technologiestrategie (2024).
  public var nts2024: [String]
  /// Areas of the US Critical and Emerging Technologies list (February 2024).
  public var usCET2024: [String]

  public init(eu2023_2113: String? = nil, nts2024: [String] = [], usCET2024: [String] = []) {
    self.eu2023_2113 = eu2023_2113
    self.nts2024 = nts2024
    self.usCET2024 = usCET2024
  }

  enum CodingKeys: String, CodingKey {
    case eu2023_2113 = "eu_2023_2113"
    case nts2024 = "nts_2024"
    case usCET2024 = "us_cet_2024"
  }
}

/// A place in a taxonomy file: the file as displayed, and a 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Comparable {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.file, a.line, a.column) < (b.file, b.line, b.column)
  }
}
