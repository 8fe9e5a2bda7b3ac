/// The screening of one portfolio record, as its result line carries it under `screening`: the
/// triage level with its reasons, every regime that bears on the record (status other than
/// `does-not-apply`) and the organisation-list hits. The keys follow `screen --format json`
/// (`triage.level`, `triage.reasons[]`, `regimes[].id`, `regimes[].status`, `organisations[]`);
/// the full decision record of one project, with the regimes' reasons, sources and what to check
/// next, comes from `screen`.
public struct ScreeningLine: Sendable, Hashable, Codable {
  public struct Triage: Sendable, Hashable, Codable {
    public var level: TriageLevel
    public var reasons: [ScreeningResult.TriageReason]

    public init(level: TriageLevel, reasons: [ScreeningResult.TriageReason]) {
      self.level = level
      self.reasons = reasons
    }
  }

  public struct RegimeLine: Sendable, Hashable, Codable {
    public var id: String
    public var status: RegimeStatus
    public var level: TriageLevel

    public init(id: String, status: RegimeStatus, level: TriageLevel) {
      self.id = id
      self.status = status
      self.level = level
    }
  }

  public struct OrganisationLine: Sendable, Hashable, Codable {
    /// The partner organisation as given.
    public var partner: String
    public var list: String
    public var organisation: String
    /// The name or alias that matched, as written in the list.
    public var alias: String
    public var level: TriageLevel

    init(partner: String, list: String, organisation: String, alias: String, level: TriageLevel) {
      self.partner = partner
      self.list = list
      self.organisation = organisation
      self.alias = alias
      self.level = level
    }

    init(_ hit: ScreeningResult.OrganisationHit) {
      self.init(partner: hit.partner, list: hit.list, organisation: hit.organisation, alias: hit.alias, level: hit.level)
    }
  }

  public var triage: Triage
  public var regimes: [RegimeLine]
  public var organisations: [OrganisationLine]

  public init(triage: Triage, regimes: [RegimeLine], organisations: [OrganisationLine]) {
    self.triage = triage
    self.regimes = regimes
    self.organisations = organisations
  }

  /// The line of a full screening.
  public init(_ result: ScreeningResult) {
    triage = Triage(level: result.triage.level, reasons: result.triage.reasons)
    regimes = result.regimes.filter { $0.status != .doesNotApply }.map {
      RegimeLine(id: $0.id, status: $0.status, level: $0.level)
    }
    organisations = result.organisations.map(OrganisationLine.init)
  }
}
