/// The technology a measure covers.
public struct RegimeScope: Sendable, Hashable {
  public var dualUseInclude: [DualUsePattern] = []
  public var dualUseExcept: [DualUsePattern] = []
  public var areas: [String] = []
  public var fields: [String] = []
  public var anyField = false
  public var minSensitivity: Sensitivity = .low
  public var categories: [NamedCategory] = []
  public var cues: [CuePhrase] = []
  /// The measure covers cooperation as such, not only sensitive fields.
  public var cooperation = false
  /// The scope is only approximated: `may-apply` at most.
  public var uncertain = false
  /// Where each named area or field ID stands, to check it against the classifier's release.
  var references: [NodeReference] = []

  /// Whether the scope names anything at all; a measure without a scope covers any technology.
  public var isEmpty: Bool {
    dualUseInclude.isEmpty && areas.isEmpty && fields.isEmpty && !anyField && categories.isEmpty && cues.isEmpty
  }
}

/// A named category of a regime's own list (Canada's research areas, the UN teaching disciplines),
/// read as areas, fields and cue phrases.
public struct NamedCategory: Sendable, Hashable {
  /// `teaching field` or `category`, for reasons.
  public var kind: String
  public var name: String
  public var source: String
  public var areas: [String]
  public var fields: [String]
  public var cues: [CuePhrase]
}

/// An area or field ID named in a regime, with where it stands.
struct NodeReference: Sendable, Hashable {
  var id: String
  var location: SourceLocation
}
