/// What a screening says: the triage, each regime's status with its reasons, and the
/// organisation-list hits. Never a clearance: see `disclaimer`.
public struct ScreeningResult: Sendable, Hashable, Codable {
  public static let disclaimer =
    "A working aid, not legal advice. It names regimes that may bear on the project and what to check next; "
    + "no result is not clearance, and the decision stays with the responsible officer."

  public var disclaimer = ScreeningResult.disclaimer
  public var date: CalendarDay
  public var inputs: Inputs
  public var triage: Triage
  public var regimes: [RegimeResult]
  public var organisations: [OrganisationHit]

  public struct Inputs: Sendable, Hashable, Codable {
    public var partnerCountries: [String]
    public var partnerOrganisations: [String]
    public var personNationality: String?
    public var funding: String?

    enum CodingKeys: String, CodingKey {
      case partnerCountries = "partner_countries"
      case partnerOrganisations = "partner_organisations"
      case personNationality = "person_nationality"
      case funding
    }
  }

  public struct Triage: Sendable, Hashable, Codable {
    public var level: TriageLevel
    public var reasons: [TriageReason]
    /// What to check next, most pressing first.
    public var next: [String]
    /// What this screening could not settle: uncertain facts, missing inputs, review dates.
    public var openPoints: [String]

    enum CodingKeys: String, CodingKey {
      case level, reasons, next
      case openPoints = "open_points"
    }
  }

  public struct TriageReason: Sendable, Hashable, Codable {
    public var level: TriageLevel
    /// The regime and measure, or nil for an organisation-list hit.
    public var regime: String?
    public var measure: String?
    public var text: String
  }

  public struct RegimeResult: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var kind: Regime.Kind
    public var legalStatus: Regime.LegalStatus
    public var status: RegimeStatus
    public var level: TriageLevel
    /// The chain of reasons behind the status.
    public var reasons: [String]
    public var measures: [MeasureResult]
    public var checkNext: [String]
    public var notes: [String]
    public var sources: [RegimeSource]

    enum CodingKeys: String, CodingKey {
      case id, name, kind, status, level, reasons, measures, notes, sources
      case legalStatus = "legal_status"
      case checkNext = "check_next"
    }
  }

  public struct MeasureResult: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var status: RegimeStatus
    public var level: TriageLevel
    public var reasons: [String]
    public var leadsTo: String
    /// Inputs it needed and did not get (for `not-assessed`).
    public var missing: [String]

    enum CodingKeys: String, CodingKey {
      case id, name, status, level, reasons, missing
      case leadsTo = "leads_to"
    }
  }

  public struct OrganisationHit: Sendable, Hashable, Codable {
    /// The partner organisation as given.
    public var partner: String
    public var list: String
    public var listVersion: String
    public var listFictional: Bool
    public var organisation: String
    public var name: String
    public var country: String?
    /// The name or alias that matched, as written in the list, and the text it matched.
    public var alias: String
    public var matchedText: String
    public var level: TriageLevel

    enum CodingKeys: String, CodingKey {
      case partner, list, organisation, name, country, alias, level
      case listVersion = "list_version"
      case listFictional = "list_fictional"
      case matchedText = "matched_text"
    }
  }

  public func regime(_ id: String) -> RegimeResult? { regimes.first { $0.id == id } }
}
