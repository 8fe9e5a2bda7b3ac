/// A list of named organisations (a government's list of concern, an institution's own list).
public struct OrganisationList: Sendable, Hashable {
  public var id: String
  public var name: String
  public var version: String
  public var date: CalendarDay?
  public var source: String
  public var licence: String
  /// An invented example: every hit says so.
  public var fictional: Bool
  /// Regimes whose `listed-organisation` requirement this list serves.
  public var regimes: [String]
  /// The level a hit gives.
  public var level: TriageLevel
  public var organisations: [ListedOrganisation]
  public var file: String
}

/// One organisation on a list.
public struct ListedOrganisation: Sendable, Hashable {
  public var id: String
  public var name: String
  public var country: String?
  public var aliases: [String]
  public var note: String?
}
