/// What a record's inputs besides its text come to: the inputs themselves, the partners' and the
/// person's countries by position in the country table, the funding names found, the
/// organisation-list hits with their triage reasons, and the partners' serial numbers. A worker
/// works it out once per distinct set of screening cells (``ScreeningScratch/cells(_:date:_:)``)
/// and every record with those cells reads the same object: a portfolio repeats its partners from
/// record to record, and one lookup here replaces a lookup per cell, a lookup per partner and a
/// fresh ``ScreeningInput`` with its strings for every record.
///
/// The quick evaluation reads it with the record's own facts (``CompiledMeasure/outcome(_:_:)``).
final class ScreenedCells {
  let input: ScreeningInput
  let hasPartners: Bool
  /// The partners' countries the table knows, by position, each once.
  let partners: [Int]
  let hasNationality: Bool
  /// The nationality's position in the country table, -1 when it has none.
  let nationality: Int
  let hasFunding: Bool
  /// The funding names (by index in the screener's funding lookup) the funding names.
  let fundingNamed: [Int]
  /// Per funding name of the screener: named by the funding.
  let fundingFound: [Bool]
  let hasPartnerOrganisations: Bool
  /// Per list: one of the partner organisations is on it.
  let listHit: [Bool]
  let hits: [ScreeningResult.OrganisationHit]
  let hitReasons: [ScreeningResult.TriageReason]
  /// The partner organisations' serial numbers (``ScreeningScratch/organisations(_:_:)``).
  let partnerSerials: ReasonKey.Serials
  /// Its number among the scratch's serials: what a reason that reads the funding is keyed by.
  let serial: Int

  init(_ input: ScreeningInput, _ screener: Screener, scratch: ScreeningScratch) {
    self.input = input
    let countries = screener.rules.countries
    hasPartners = !input.partnerCountries.isEmpty
    partners = input.partnerCountries.compactMap { countries.index(code: $0) }
    hasNationality = input.nationality != nil
    nationality = input.nationality.flatMap { countries.index(code: $0) } ?? -1
    hasFunding = input.funding != nil
    let named = input.funding.map { scratch.fundingNamed(in: $0, screener) } ?? []
    fundingNamed = named
    var found = [Bool](repeating: false, count: screener.funding.count)
    for i in named { found[i] = true }
    fundingFound = found
    hasPartnerOrganisations = !input.partnerOrganisations.isEmpty
    let organisations = scratch.organisations(input.partnerOrganisations, screener)
    hits = organisations.hits
    hitReasons = organisations.reasons
    partnerSerials = organisations.serials
    let lists = screener.rules.lists
    listHit = lists.indices.map { l in organisations.hits.contains { $0.list == lists[l].id } }
    serial = scratch.takeSerial()
  }
}

/// Why a record's screening cells cannot be used: a country that is not known, and in which column.
enum CellFailure: Error {
  case partnerCountry(CountryTable.UnknownCountry)
  case nationality(CountryTable.UnknownCountry)
}
