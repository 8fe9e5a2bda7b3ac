import PhraseMatching

/// Screens a classified text against the regimes and lists: each regime's status with its
/// reasons, the organisation hits, and the triage level with what to check next.
///
/// A country or a nationality alone never raises the level: a measure gives its level only with
/// an assigned field or a cue in its scope, a listed organisation it requires, or a funding
/// programme it requires.
public struct Screener: Sendable {
  public let rules: ScreeningRules
  let cues: PhraseLookup
  /// Cue → its index in `cues`.
  let cueIndex: [CuePhrase: Int]
  let funding: PhraseLookup
  let fundingIndex: [String: Int]
  let organisations: PhraseLookup
  /// Per phrase of `organisations`: list index, organisation index, the name or alias.
  let organisationRefs: [(list: Int, organisation: Int, alias: String)]

  public init(rules: ScreeningRules) throws(PhraseMatcherBuildError) {
    self.rules = rules
    var cueIndex: [CuePhrase: Int] = [:]
    var cueEntries: [(text: String, options: PhraseOptions)] = []
    var fundingIndex: [String: Int] = [:]
    var fundingEntries: [(text: String, options: PhraseOptions)] = []
    func addCue(_ c: CuePhrase) {
      guard cueIndex[c] == nil else { return }
      cueIndex[c] = cueEntries.count
      cueEntries.append((c.text, PhraseLookup.cueOptions(c)))
    }
    for regime in rules.regimes {
      for m in regime.measures {
        m.scope.cues.forEach(addCue)
        m.scope.categories.flatMap(\.cues).forEach(addCue)
        m.exemptions.flatMap(\.cues).forEach(addCue)
        if case .named(let names)? = m.funding {
          for name in names where fundingIndex[name] == nil {
            fundingIndex[name] = fundingEntries.count
            fundingEntries.append((name, PhraseLookup.nameOptions(name)))
          }
        }
      }
    }
    var refs: [(list: Int, organisation: Int, alias: String)] = []
    var orgEntries: [(text: String, options: PhraseOptions)] = []
    for (l, list) in rules.lists.enumerated() {
      for (o, org) in list.organisations.enumerated() {
        for alias in [org.name] + org.aliases {
          refs.append((l, o, alias))
          orgEntries.append((alias, PhraseLookup.nameOptions(alias)))
        }
      }
    }
    self.cueIndex = cueIndex
    self.fundingIndex = fundingIndex
    self.organisationRefs = refs
    cues = try PhraseLookup(cueEntries)
    funding = try PhraseLookup(fundingEntries)
    organisations = try PhraseLookup(orgEntries)
  }

  /// The organisation-list hits of the partner organisations, each organisation once per partner.
  public func organisationHits(_ partners: [String]) -> [ScreeningResult.OrganisationHit] {
    var out: [ScreeningResult.OrganisationHit] = []
    for partner in partners {
      var seen = Set<[Int]>()
      for (i, matched) in organisations.find(in: partner) {
        let ref = organisationRefs[i]
        guard seen.insert([ref.list, ref.organisation]).inserted else { continue }
        let list = rules.lists[ref.list]
        let org = list.organisations[ref.organisation]
        out.append(
          ScreeningResult.OrganisationHit(
            partner: partner, list: list.id, listVersion: list.version, listFictional: list.fictional,
            organisation: org.id, name: org.name, country: org.country, alias: ref.alias, matchedText: matched,
            level: list.level))
      }
    }
    return out
  }

  /// Screens one text and its classification.
  public func screen(text: String, classification: Classification, input: ScreeningInput) -> ScreeningResult {
    var context = ScreeningContext(
      input: input, fields: classification.fields, countries: rules.countries,
      organisationHits: organisationHits(input.partnerOrganisations), lists: rules.lists)
    for (i, matched) in cues.find(in: text) { context.cuesFound[i] = matched }
    if let f = input.funding {
      for (i, _) in funding.find(in: f) { context.fundingFound.insert(i) }
    }
    var regimes: [ScreeningResult.RegimeResult] = []
    for regime in rules.regimes {
      regimes.append(screen(regime, context))
    }
    let triage = Triage.of(regimes: regimes, hits: context.organisationHits, rules: rules, input: input)
    return ScreeningResult(
      date: input.date,
      inputs: .init(
        partnerCountries: input.partnerCountries, partnerOrganisations: input.partnerOrganisations,
        personNationality: input.nationality, funding: input.funding),
      triage: triage, regimes: regimes, organisations: context.organisationHits)
  }

  func screen(_ regime: Regime, _ context: ScreeningContext) -> ScreeningResult.RegimeResult {
    let measures = regime.measures.map {
      MeasureEvaluation(regime: regime, measure: $0, screener: self, context: context).result()
    }
    let status = measures.map(\.status).max() ?? .doesNotApply
    let level = measures.map(\.level).max() ?? .none
    var reasons: [String] = []
    for m in measures where m.status == status {
      reasons += m.reasons.map { "\(m.id): \($0)" }
    }
    for period in regime.periods where period.contains(context.input.date) {
      if let review = period.reviewBy, review < context.input.date {
        reasons.append("period '\(period.id)' was to be reviewed by \(review); check whether it still holds")
      }
    }
    var checkNext: [String] = []
    var notes: [String] = []
    for (m, r) in zip(regime.measures, measures) where r.status != .doesNotApply {
      for c in m.checkNext where !checkNext.contains(c) { checkNext.append(c) }
      notes += m.notes
    }
    if status != .doesNotApply { notes = regime.notes + notes }
    return ScreeningResult.RegimeResult(
      id: regime.id, name: regime.name, kind: regime.kind, legalStatus: regime.legalStatus, status: status,
      level: level, reasons: reasons, measures: measures, checkNext: checkNext, notes: notes,
      sources: regime.sources)
  }

  func cueFound(_ cue: CuePhrase, _ context: ScreeningContext) -> String? {
    cueIndex[cue].flatMap { context.cuesFound[$0] }
  }

  func fundingNamed(_ names: [String], _ context: ScreeningContext) -> String? {
    names.first { name in fundingIndex[name].map { context.fundingFound.contains($0) } ?? false }
  }
}

/// The inputs of one screening, with what was found in the text and the funding.
struct ScreeningContext {
  var input: ScreeningInput
  var fields: [FieldScore]
  var countries: CountryTable
  var organisationHits: [ScreeningResult.OrganisationHit]
  var lists: [OrganisationList]
  var cuesFound: [Int: String] = [:]
  var fundingFound = Set<Int>()

  func label(_ code: String) -> String { countries.country(code: code)?.label ?? code }
}
