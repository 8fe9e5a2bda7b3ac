/// A measure with its regime, held once by the ``Screener``: what every evaluation of the measure
/// reads, behind one reference (a `Regime` and a `RegimeMeasure` copied into each evaluation cost
/// a few dozen retains apiece), with the country lists as sets and the measure's own periods.
///
/// It also holds the measure in the form the quick evaluation of a portfolio run reads
/// (``outcome(_:_:)``): the periods as plain days, the countries as flags over the country
/// table, the funding names and organisation lists as indices.
final class CompiledMeasure: Sendable {
  let regime: Regime
  let measure: RegimeMeasure
  /// The regime's periods this measure runs in (all of them when it names none), in order.
  let periods: [RegimePeriod]
  let countries: Set<String>
  let partnerCountries: Set<String>
  let nationalities: (only: Bool, codes: Set<String>)

  /// Its dual-use scope in words, for reasons: `all of Annex I except 0A, 0B`.
  let dualUseScope: String
  /// The inputs its reasons read besides the assigned fields (``ReasonKey``): the cues of its
  /// scope, categories and exemptions (by index in the screener's cue lookup), and whether it
  /// reads the partners' countries, the nationality, the funding and the partner organisations.
  let cueIndices: [Int]
  let readsPartners: Bool
  let readsNationality: Bool
  let readsFunding: Bool
  let readsOrganisations: Bool

  /// Its position among all measures of the screener, regime by regime.
  let index: Int
  /// Its periods as `yyyymmdd` numbers, an open end as the smallest or largest.
  private let days: [(from: Int, to: Int)]
  /// Per country of the table: in `countries`, in `partnerCountries`, in the nationality codes.
  private let countryFlags: [Bool]
  private let partnerCountryFlags: [Bool]
  private let nationalityFlags: [Bool]
  /// `nil`: no funding named; empty with `fundingAny`: any programme counts.
  private let fundingIndices: [Int]
  private let fundingAny: Bool
  /// The lists (by position) whose hits meet a `listed-organisation` requirement.
  private let servingLists: [Int]
  private let scopeIsEmpty: Bool
  private let cooperation: Bool
  /// Draft, non-binding, of uncertain status or with an approximated scope: `may-apply` at most.
  private let capped: Bool

  init(
    regime: Regime, measure: RegimeMeasure, index: Int, countries table: CountryTable, lists: [OrganisationList],
    fundingIndex: [String: Int], cueIndex: [CuePhrase: Int]
  ) {
    self.regime = regime
    self.measure = measure
    self.index = index
    periods = measure.periods.isEmpty ? regime.periods : regime.periods.filter { measure.periods.contains($0.id) }
    countries = Set(measure.countries)
    partnerCountries = Set(measure.partnerCountries)
    switch measure.nationalities {
    case .only(let codes): nationalities = (true, Set(codes))
    case .allExcept(let codes): nationalities = (false, Set(codes))
    }
    let scope = measure.scope
    dualUseScope =
      scope.dualUseInclude.map { $0.text == "*" ? "all of Annex I" : $0.text }.joined(separator: ", ")
      + (scope.dualUseExcept.isEmpty ? "" : " except " + scope.dualUseExcept.map(\.text).joined(separator: ", "))
    days = periods.map { ($0.from.map(\.number) ?? .min, $0.to.map(\.number) ?? .max) }
    let cues = scope.cues + scope.categories.flatMap(\.cues) + measure.exemptions.flatMap(\.cues)
    cueIndices = Set(cues.compactMap { cueIndex[$0] }).sorted()
    readsPartners =
      measure.triggers.contains { $0 == .partnerCountry || $0 == .placeOfUse } || measure.requires.contains(.partnerCountry)
    readsNationality = measure.triggers.contains(.personNationality)
    readsFunding = measure.triggers.contains(.fundingProgramme) || measure.requires.contains(.fundingProgramme)
    readsOrganisations = measure.requires.contains(.listedOrganisation)
    func flags(_ codes: Set<String>) -> [Bool] { table.countries.map { codes.contains($0.code) } }
    countryFlags = flags(countries)
    partnerCountryFlags = flags(partnerCountries)
    nationalityFlags = flags(nationalities.codes)
    switch measure.funding {
    case .any?: (fundingAny, fundingIndices) = (true, [])
    case .named(let names)?: (fundingAny, fundingIndices) = (false, names.compactMap { fundingIndex[$0] })
    case nil: (fundingAny, fundingIndices) = (false, [])
    }
    let serving = Set(lists.filter { $0.regimes.contains(regime.id) }.map(\.id))
    servingLists = lists.indices.filter { serving.contains(lists[$0].id) }
    scopeIsEmpty = measure.scope.isEmpty
    cooperation = measure.scope.cooperation
    capped = regime.legalStatus != .binding || regime.statusUncertain || measure.scope.uncertain
  }

  /// Marks the countries (by position) whose presence among the partners, or as the
  /// nationality, can change the measure's outcome: those it names as trigger or required
  /// countries, and the nationalities it names.
  func markCountries(partners: inout [Bool], nationalities: inout [Bool]) {
    for i in countryFlags.indices where countryFlags[i] || partnerCountryFlags[i] { partners[i] = true }
    for i in nationalityFlags.indices where nationalityFlags[i] { nationalities[i] = true }
  }

  /// Whether a person of this nationality is in the measure's scope.
  func covers(nationality code: String) -> Bool { nationalities.codes.contains(code) == nationalities.only }

  /// Whether the cells give a nationality and it is in the measure's scope (a code the country
  /// table does not know is in it only when the measure names the nationalities it leaves out).
  func covers(nationalityOf c: ScreenedCells) -> Bool {
    c.hasNationality && (c.nationality >= 0 && nationalityFlags[c.nationality]) == nationalities.only
  }

  /// The first of the record's partners (by position in the country table) in the measure's
  /// countries, and in the countries it requires: what its reasons name.
  func firstPartner(_ c: ScreenedCells) -> Int? { c.partners.first { countryFlags[$0] } }
  func firstRequiredPartner(_ c: ScreenedCells) -> Int? { c.partners.first { partnerCountryFlags[$0] } }

  /// The status and level of the measure for one record, without its reasons: the steps of
  /// ``MeasureEvaluation/result()`` over the record's facts as flags (a test holds the two
  /// equal on random inputs), read from the table its cells keep (``ScreenedCells/outcomes``).
  func outcome(_ f: ScreeningFacts, _ c: ScreenedCells) -> (status: RegimeStatus, level: TriageLevel) {
    ScreenedCells.decode(c.outcomes[ScreenedCells.slot(index, evidence: f.scope[index], exempt: f.exempt[index])])
  }

  /// What the period, the triggers and the requirements come to for a set of cells: all of a
  /// measure's steps that do not read the record's text.
  enum Core {
    /// Not in force on the day, or a requirement is not met: does not apply, whatever the text.
    case never
    /// No trigger met; `missing` when an input a trigger reads is not given.
    case untriggered(missing: Bool)
    /// Triggered; whether an input a requirement reads is missing, and whether a requirement
    /// met gives the measure its basis (a funding programme, a listed organisation).
    case triggered(requirementMissing: Bool, requirementBasis: Bool)
  }

  /// The steps of the measure that read only the cells (``Core``), worked out once per distinct
  /// set of cells; ``outcome(_:evidence:exempt:)`` finishes them for each case of a record.
  func core(_ c: ScreenedCells) -> Core {
    // 1. Period.
    let day = c.input.date.number
    guard days.contains(where: { $0.from <= day && day <= $0.to }) else { return .never }
    // 3. Triggers.
    var triggered = false
    var missing = false
    for trigger in measure.triggers {
      switch trigger {
      case .anyone: triggered = true
      case .partnerCountry, .placeOfUse:
        if !c.hasPartners {
          missing = true
        } else if c.partners.contains(where: { countryFlags[$0] }) {
          triggered = true
        }
      case .personNationality:
        if !c.hasNationality {
          missing = true
        } else if covers(nationalityOf: c) {
          triggered = true
        }
      case .fundingProgramme:
        if !c.hasFunding {
          missing = true
        } else if fundingMatches(c) {
          triggered = true
        }
      }
    }
    if !triggered { return .untriggered(missing: missing) }
    // 4. Requirements.
    var requirementMissing = false
    var basis = false
    for requirement in measure.requires {
      switch requirement {
      case .fundingProgramme:
        guard c.hasFunding else {
          requirementMissing = true
          continue
        }
        guard fundingMatches(c) else { return .never }
        basis = true
      case .listedOrganisation:
        guard !servingLists.isEmpty, c.hasPartnerOrganisations else {
          requirementMissing = true
          continue
        }
        guard servingLists.contains(where: { c.listHit[$0] }) else { return .never }
        basis = true
      case .partnerCountry:
        guard c.hasPartners else {
          requirementMissing = true
          continue
        }
        guard c.partners.contains(where: { partnerCountryFlags[$0] }) else { return .never }
      }
    }
    return .triggered(requirementMissing: requirementMissing, requirementBasis: basis)
  }

  /// The status and level of the measure for a record whose cells come to `core`, whose fields
  /// or cues do or do not put it in the measure's scope (`evidence`) and whose text does or does
  /// not hold a cue of one of its exemptions (`exempt`): all a record adds to its cells. The
  /// steps of ``MeasureEvaluation/result()`` in their order; allocates nothing.
  func outcome(_ core: Core, evidence: Bool, exempt: Bool) -> (status: RegimeStatus, level: TriageLevel) {
    let none = (RegimeStatus.doesNotApply, TriageLevel.none)
    // 2. Scope. (1. The period, and a requirement not met, are `.never`, which gives the same.)
    if !scopeIsEmpty && !evidence && !cooperation { return none }
    switch core {
    case .never: return none
    // 3. Triggers.
    case .untriggered(let missing): return missing ? (.notAssessed, .none) : none
    // 4. Requirements.
    case .triggered(let requirementMissing, let requirementBasis):
      if requirementMissing { return (.notAssessed, .none) }
      if !evidence && cooperation { return (.mayApply, .none) }
      let basis = evidence || requirementBasis
      // 5. Exemptions.
      if exempt { return (.mayApply, basis ? .attention : .none) }
      // 6. Status and level.
      return (capped ? .mayApply : .applies, basis ? measure.level : .none)
    }
  }


  private func fundingMatches(_ c: ScreenedCells) -> Bool {
    fundingAny || fundingIndices.contains(where: { c.fundingFound[$0] })
  }
}
