import PhraseMatching

/// Screens a classified text against the regimes and lists: each regime's status with its
/// reasons, the organisation hits, and the triage level with what to check next.
///
/// A country or a nationality alone never raises the level: a measure gives its level only with
/// an assigned field or a cue in its scope, a listed organisation it requires, or a funding
/// programme it requires.
public final class Screener: Sendable {
  public let rules: ScreeningRules
  let cues: PhraseLookup
  /// Cue → its index in `cues`.
  let cueIndex: [CuePhrase: Int]
  let funding: PhraseLookup
  let fundingIndex: [String: Int]
  let organisations: PhraseLookup
  /// Per phrase of `organisations`: list index, organisation index, the name or alias.
  let organisationRefs: [(list: Int, organisation: Int, alias: String)]
  /// Per regime (in `rules.regimes` order), its measures, compiled.
  let measures: [[CompiledMeasure]]

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
    self.measures = rules.regimes.map { r in r.measures.map { CompiledMeasure(regime: r, measure: $0) } }
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
    let context = self.context(text: text, classification: classification, input: input)
    var regimes: [ScreeningResult.RegimeResult] = []
    for (r, regime) in rules.regimes.enumerated() {
      regimes.append(screen(regime, measures[r], context))
    }
    let triage = Triage.of(regimes: regimes, hits: context.organisationHits, rules: rules, input: input)
    return ScreeningResult(
      date: input.date,
      inputs: .init(
        partnerCountries: input.partnerCountries, partnerOrganisations: input.partnerOrganisations,
        personNationality: input.nationality, funding: input.funding),
      triage: triage, regimes: regimes, organisations: context.organisationHits)
  }

  /// What a screening looks at: the inputs, the assigned fields, the cues found in the text, the
  /// funding programmes named and the organisation hits.
  func context(text: String, classification: Classification, input: ScreeningInput) -> ScreeningContext {
    let context = ScreeningContext(
      input: input, fields: classification.fields, countries: rules.countries,
      organisationHits: organisationHits(input.partnerOrganisations), lists: rules.lists)
    for (i, matched) in cues.find(in: text) { context.cuesFound[i] = matched }
    if let f = input.funding {
      for (i, _) in funding.find(in: f) { context.fundingFound.insert(i) }
    }
    return context
  }

  func screen(_ regime: Regime, _ compiled: [CompiledMeasure], _ context: ScreeningContext) -> ScreeningResult.RegimeResult {
    let measures = compiled.map { MeasureEvaluation(compiled: $0, screener: self, context: context).result() }
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

  /// The text the first of `cues` found in the text matched, if any; no lookups at all when the
  /// text held no cue (most texts).
  func firstCue(_ cues: [CuePhrase], _ context: ScreeningContext) -> String? {
    guard !context.cuesFound.isEmpty else { return nil }
    for cue in cues {
      if let i = cueIndex[cue], let found = context.cuesFound[i] { return found }
    }
    return nil
  }

  func fundingNamed(_ names: [String], _ context: ScreeningContext) -> String? {
    names.first { name in fundingIndex[name].map { context.fundingFound.contains($0) } ?? false }
  }
}

/// The inputs of one screening, with what was found in the text and the funding. A class: every
/// measure evaluation holds it, and a reference is one retain where the struct was a dozen.
final class ScreeningContext {
  let input: ScreeningInput
  let fields: [FieldScore]
  let countries: CountryTable
  let organisationHits: [ScreeningResult.OrganisationHit]
  let lists: [OrganisationList]
  var cuesFound: [Int: String] = [:]
  var fundingFound = Set<Int>()

  init(
    input: ScreeningInput, fields: [FieldScore], countries: CountryTable,
    organisationHits: [ScreeningResult.OrganisationHit], lists: [OrganisationList]
  ) {
    self.input = input
    self.fields = fields
    self.countries = countries
    self.organisationHits = organisationHits
    self.lists = lists
  }

  func label(_ code: String) -> String { countries.country(code: code)?.label ?? code }
}

extension Screener {
  /// Screens one text for a portfolio's result line: the triage, the regimes that bear on it and
  /// the organisation hits; the same as ``ScreeningLine/init(_:)`` of a full screening (a test
  /// holds them equal on every screening case).
  ///
  /// Faster: every measure is first evaluated without writing its reasons, and only those that
  /// raise the level (whose reasons are the triage's) are evaluated again with them.
  public func screenLine(text: String, classification: Classification, input: ScreeningInput) -> ScreeningLine {
    let context = self.context(text: text, classification: classification, input: input)
    var regimes: [ScreeningLine.RegimeLine] = []
    var raising: [(regime: String, measure: ScreeningResult.MeasureResult)] = []
    for (r, regime) in rules.regimes.enumerated() {
      var status = RegimeStatus.doesNotApply
      var level = TriageLevel.none
      for measure in measures[r] {
        var evaluation = MeasureEvaluation(compiled: measure, screener: self, context: context)
        evaluation.detail = false
        let quick = evaluation.result()
        status = max(status, quick.status)
        level = max(level, quick.level)
        if quick.level > .none {
          evaluation.detail = true
          raising.append((regime.id, evaluation.result()))
        }
      }
      if status != .doesNotApply { regimes.append(.init(id: regime.id, status: status, level: level)) }
    }
    let reasons = Triage.reasons(measures: raising, hits: context.organisationHits)
    return ScreeningLine(
      triage: .init(level: reasons.map(\.level).max() ?? .none, reasons: reasons), regimes: regimes,
      organisations: context.organisationHits.map(ScreeningLine.OrganisationLine.init))
  }
}
