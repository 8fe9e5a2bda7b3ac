/// What of a set of screening cells the measures' outcomes read (``CompiledMeasure/core(_:)``):
/// the day; whether partners are given and which of them some measure names; whether a
/// nationality is given and which, when some measure names it; the funding names found; the
/// lists a partner organisation is on. Two sets of cells with the same key have the same outcome
/// table, so a worker works it out once per key (``ScreeningScratch/outcomes(of:_:)``): "DE; FR;
/// CN" and "CN; IT" share one, and a portfolio of consortia, each with its own mix of countries,
/// has few keys.
struct OutcomeKey: Hashable {
  let day: Int
  let hasPartners: Bool
  /// The partners some measure names, by position, ascending.
  let partners: [Int]
  let hasNationality: Bool
  /// The nationality's position when some measure names it, else -1.
  let nationality: Int
  let hasFunding: Bool
  /// The funding names found, ascending.
  let funding: [Int]
  let hasPartnerOrganisations: Bool
  let listHit: [Bool]

  init(_ c: ScreenedCells, _ screener: Screener) {
    day = c.input.date.number
    hasPartners = c.hasPartners
    partners = c.partners.filter { screener.partnerMatters[$0] }.sorted()
    hasNationality = c.hasNationality
    nationality = c.nationality >= 0 && screener.nationalityMatters[c.nationality] ? c.nationality : -1
    hasFunding = c.hasFunding
    funding = Set(c.fundingNamed).sorted()
    hasPartnerOrganisations = c.hasPartnerOrganisations
    listHit = c.listHit
  }
}
