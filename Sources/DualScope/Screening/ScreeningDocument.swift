/// The JSON document `screen --format json` prints (schema `dualscope.screening/1`): the
/// screening's keys (`triage`, `regimes`, `organisations`) at the top, with the classification
/// and what is needed to audit and repeat the run.
public struct ScreeningDocument: Sendable, Codable {
  public var schema = "dualscope.screening/1"
  public var disclaimer: String
  public var metadata: ScreeningMetadata
  public var date: CalendarDay
  public var inputs: ScreeningResult.Inputs
  public var classification: Classification
  public var triage: ScreeningResult.Triage
  public var regimes: [ScreeningResult.RegimeResult]
  public var organisations: [ScreeningResult.OrganisationHit]

  public init(metadata: ScreeningMetadata, classification: Classification, screening: ScreeningResult) {
    disclaimer = screening.disclaimer
    self.metadata = metadata
    date = screening.date
    inputs = screening.inputs
    self.classification = classification
    triage = screening.triage
    regimes = screening.regimes
    organisations = screening.organisations
  }
}

/// Versions and hashes of everything a screening used.
public struct ScreeningMetadata: Sendable, Codable, Hashable {
  public struct RegimesInfo: Sendable, Codable, Hashable {
    public var origin: String
    public var contentHash: String
    public var ids: [String]

    enum CodingKeys: String, CodingKey {
      case origin, ids
      case contentHash = "content_hash"
    }
  }

  public struct ListInfo: Sendable, Codable, Hashable {
    public var id: String
    public var name: String
    public var version: String
    public var date: CalendarDay?
    public var source: String
    public var licence: String
    public var fictional: Bool
    public var organisations: Int
  }

  public var tool = ResultMetadata.Tool()
  public var taxonomy: ResultMetadata.TaxonomyInfo
  public var regimes: RegimesInfo
  public var lists: [ListInfo]
  public var listsHash: String

  enum CodingKeys: String, CodingKey {
    case tool, taxonomy, regimes, lists
    case listsHash = "lists_hash"
  }

  public init(taxonomy: Taxonomy, rules: ScreeningRules) {
    self.taxonomy = .init(id: taxonomy.id, version: taxonomy.version, contentHash: taxonomy.contentHash)
    regimes = .init(origin: rules.origin, contentHash: rules.regimesHash, ids: rules.regimes.map(\.id))
    lists = rules.lists.map {
      .init(
        id: $0.id, name: $0.name, version: $0.version, date: $0.date, source: $0.source, licence: $0.licence,
        fictional: $0.fictional, organisations: $0.organisations.count)
    }
    listsHash = rules.listsHash
  }
}
