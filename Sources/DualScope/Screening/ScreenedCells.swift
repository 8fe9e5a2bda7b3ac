/// What a record's inputs besides its text come to: the inputs themselves, the partners' and the
/// person's countries by position in the country table, the funding names found, the
/// organisation-list hits with their triage reasons, and the partners' serial numbers. A worker
/// works it out once per distinct set of screening cells (``ScreeningScratch/cells(_:date:_:)``)
/// and every record with those cells reads the same object: a portfolio repeats its partners from
/// record to record, and one lookup here replaces a lookup per cell, a lookup per partner and a
/// fresh ``ScreeningInput`` with its strings for every record.
///
/// A measure's status and level depend on a record only through two flags (an assigned field or
/// a cue puts it in the measure's scope; a cue of an exemption is in the text), so the cells keep
/// every measure's outcome for the four cases (``outcomes``) and the quick evaluation of a record
/// reads one byte per measure (``CompiledMeasure/outcome(_:_:)``). Worked out for every record,
/// the measures' steps missed the cache and mispredicted their branches more than any other
/// part of a screened record (a third of its extra cycles by cachegrind's model).
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
  /// The JSON of each of `hitReasons`, and of the hits as a screening line lists them (the
  /// items of `organisations`, with their commas): written into each new line as bytes.
  let hitReasonJSON: [[UInt8]]
  let organisationsJSON: [UInt8]
  /// The partner organisations' serial numbers (``ScreeningScratch/organisations(_:_:)``).
  let partnerSerials: ReasonKey.Serials
  /// Its number among the scratch's serials: what a reason that reads the funding is keyed by.
  let serial: Int
  /// Met again by the scratch after it was worked out: only then are the lines of its records
  /// kept by cells and fields (``ScreeningScratch/remember(_:fields:in:)``). In a portfolio of
  /// consortia nearly every record's cells are new, and such lines, never asked for again, filled
  /// the table.
  var repeated = false

  /// Per measure (``CompiledMeasure/index``), its status and level (``encode(_:)``) for the four
  /// cases of ``slot(_:evidence:exempt:)``.
  private(set) var outcomes: [UInt8] = []

  /// Where the outcome of measure `m` for a record with or without evidence and exemption is.
  @inline(__always) static func slot(_ m: Int, evidence: Bool, exempt: Bool) -> Int {
    m << 2 | (evidence ? 2 : 0) | (exempt ? 1 : 0)
  }

  static func encode(_ o: (status: RegimeStatus, level: TriageLevel)) -> UInt8 {
    UInt8(o.status.rank << 2 | o.level.rank)
  }

  @inline(__always) static func decode(_ byte: UInt8) -> (status: RegimeStatus, level: TriageLevel) {
    (RegimeStatus(rank: Int(byte >> 2)), TriageLevel(rank: Int(byte & 3)))
  }

  init(_ input: ScreeningInput, _ screener: Screener, scratch: ScreeningScratch) {
    self.input = input
    let countries = screener.rules.countries
    hasPartners = !input.partnerCountries.isEmpty
    var partners: [Int] = []
    partners.reserveCapacity(input.partnerCountries.count)
    for code in input.partnerCountries {
      if let i = countries.index(code: code) { partners.append(i) }
    }
    self.partners = partners
    hasNationality = input.nationality != nil
    nationality = input.nationality.flatMap { countries.index(code: $0) } ?? -1
    hasFunding = input.funding != nil
    let named = input.funding.map { scratch.fundingNamed(in: $0, screener) } ?? []
    fundingNamed = named
    // The screener's list shared, and copied only when a name is found.
    var found = screener.noFundingFound
    for i in named { found[i] = true }
    fundingFound = found
    hasPartnerOrganisations = !input.partnerOrganisations.isEmpty
    let organisations = scratch.organisations(input.partnerOrganisations, screener)
    hits = organisations.hits
    hitReasons = organisations.reasons
    hitReasonJSON = organisations.reasons.map { r in JSONLinesResultWriter.bytes { JSONLinesResultWriter.encode(r, into: &$0) } }
    organisationsJSON = JSONLinesResultWriter.bytes { j in
      for (k, hit) in organisations.hits.enumerated() {
        if k > 0 { j.comma() }
        JSONLinesResultWriter.encode(ScreeningLine.OrganisationLine(hit), into: &j)
      }
    }
    partnerSerials = organisations.serials
    let lists = screener.rules.lists
    listHit = lists.indices.map { l in organisations.hits.contains { $0.list == lists[l].id } }
    serial = scratch.takeSerial()
    outcomes = scratch.outcomes(of: self, screener)
  }

  /// Every measure's outcome for the four cases of a record with these cells.
  static func outcomeTable(_ cells: ScreenedCells, _ screener: Screener) -> [UInt8] {
    var table = [UInt8](repeating: 0, count: screener.measures.count * 4)
    for measure in screener.measures {
      // What the cells alone decide, once; then the four cases a record adds.
      let core = measure.core(cells)
      for k in 0..<4 {
        let (evidence, exempt) = (k & 2 != 0, k & 1 != 0)
        table[Self.slot(measure.index, evidence: evidence, exempt: exempt)] = Self.encode(
          measure.outcome(core, evidence: evidence, exempt: exempt))
      }
    }
    return table
  }
}

/// Why a record's screening cells cannot be used: a country that is not known, and in which column.
enum CellFailure: Error {
  case partnerCountry(CountryTable.UnknownCountry)
  case nationality(CountryTable.UnknownCountry)
}
