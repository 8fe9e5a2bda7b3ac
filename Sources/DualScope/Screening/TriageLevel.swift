/// How much attention a screening asks for, from nothing to a consultation.
///
/// - `none`: nothing found that calls for a step.
/// - `attention`: something to note (a draft law, a non-binding flag, an exemption to confirm).
/// - `check`: a point to check before going on (an uncertain scope, a listed organisation).
/// - `consult`: a binding regime applies: consult the export-control or sanctions officer.
public enum TriageLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case none
  case attention
  case check
  case consult

  var rank: Int {
    switch self {
    case .none: 0
    case .attention: 1
    case .check: 2
    case .consult: 3
    }
  }

  /// The level of `rank` (the cases are declared in rank order).
  init(rank: Int) { self = Self.allCases[rank] }

  public static func < (a: TriageLevel, b: TriageLevel) -> Bool { a.rank < b.rank }
}

/// Whether a regime bears on a screening.
public enum RegimeStatus: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case doesNotApply = "does-not-apply"
  case notAssessed = "not-assessed"
  case mayApply = "may-apply"
  case applies

  var rank: Int {
    switch self {
    case .doesNotApply: 0
    case .notAssessed: 1
    case .mayApply: 2
    case .applies: 3
    }
  }

  /// The status of `rank` (the cases are declared in rank order).
  init(rank: Int) { self = Self.allCases[rank] }

  public static func < (a: RegimeStatus, b: RegimeStatus) -> Bool { a.rank < b.rank }
}
