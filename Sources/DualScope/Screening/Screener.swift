import PhraseMatching

/// Screens a classified text against the regimes and lists: each regime's status with its
/// reasons, the organisation hits, and the triage level with what to check next.
///
/// A country or a nationality alone never raises the level: a measure gives its level only with
/// an assigned field or a cue in its scope, a listed organisation it requires, or a funding
/// programme it requires.
public final class Screener: Sendable {
  public let rules: ScreeningRules
  /// The cue phrases of every scope, category and exemption.
  let cues: PhraseLookup
  /// Cue → its index in `cues`.
  let cueIndex: [CuePhrase: Int]
  let funding: PhraseLookup
  let fundingIndex: [String: Int]
  let organisations: PhraseLookup
  /// Per phrase of `organisations`: list index, organisation index, the name or alias.
  let organisationRefs: [(list: Int, organisation: Int, alias: String)]
  /// Every measure, compiled, regime by regime (in `rules.regimes` order): position =
  /// ``CompiledMeasure/index``.
  let measures: [CompiledMeasure]
  /// Per regime, the positions of its measures in `measures`.
  let regimeMeasures: [Range<Int>]
  /// Per cue: the measures whose scope (or one of its categories) names it, and those with an
  /// exemption that does.
  let cueScope: [[Int]]
  let cueExemptions: [[Int]]
  /// The JSON of each regime's entry in a screening line, by its code in
  /// ``ScreeningFacts/lineKey`` (regime << 4 | status rank << 2 | level rank).
  let regimeLineJSON: [[UInt8]]
  /// Per measure, its place in triage order among measures of one level (by regime ID, then
  /// measure ID; ``Triage/precedes(_:_:)``), equal for equal IDs.
  let triageOrder: [Int]
  /// Per country of the table: some measure's outcome can change with it among the partners,
  /// or as the nationality (``OutcomeKey``).
  let partnerMatters: [Bool]
  let nationalityMatters: [Bool]
  /// Per funding name of `funding`, all false: what a record's cells that name none of them
  /// share (``ScreenedCells/fundingFound``).
  let noFundingFound: [Bool]

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
    var flat: [CompiledMeasure] = []
    for r in rules.regimes {
      for m in r.measures {
        flat.append(
          CompiledMeasure(
            regime: r, measure: m, index: flat.count, countries: rules.countries, lists: rules.lists,
            fundingIndex: fundingIndex, cueIndex: cueIndex))
      }
    }
    measures = flat
    var partnerMatters = Array(repeating: false, count: rules.countries.countries.count)
    var nationalityMatters = partnerMatters
    for m in flat { m.markCountries(partners: &partnerMatters, nationalities: &nationalityMatters) }
    self.partnerMatters = partnerMatters
    self.nationalityMatters = nationalityMatters
    var start = 0
    regimeMeasures = rules.regimes.map { regime in
      defer { start += regime.measures.count }
      return start..<start + regime.measures.count
    }
    var cueScope = Array(repeating: [Int](), count: cueEntries.count)
    var cueExemptions = cueScope
    for m in flat {
      let scope = m.measure.scope
      for cue in Set(scope.cues + scope.categories.flatMap(\.cues)) { cueScope[cueIndex[cue]!].append(m.index) }
      for cue in Set(m.measure.exemptions.flatMap(\.cues)) { cueExemptions[cueIndex[cue]!].append(m.index) }
    }
    self.cueScope = cueScope
    self.cueExemptions = cueExemptions
    triageOrder = flat.map { m in
      flat.filter { ($0.regime.id, $0.measure.id) < (m.regime.id, m.measure.id) }.count
    }
    regimeLineJSON = rules.regimes.flatMap { regime in
      (0..<16).map { code in
        JSONLinesResultWriter.bytes { j in
          JSONLinesResultWriter.encode(
            ScreeningLine.RegimeLine(
              id: regime.id, status: RegimeStatus(rank: code >> 2), level: TriageLevel(rank: code & 3)),
            into: &j)
        }
      }
    }
    self.cueIndex = cueIndex
    self.fundingIndex = fundingIndex
    self.organisationRefs = refs
    cues = try PhraseLookup(cueEntries)
    let funding = try PhraseLookup(fundingEntries)
    self.funding = funding
    noFundingFound = Array(repeating: false, count: funding.count)
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
      regimes.append(screen(regime, measures[regimeMeasures[r]], context))
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
    context(
      input: input, classification: classification, cues: cues.find(in: text),
      organisationHits: organisationHits(input.partnerOrganisations),
      funding: input.funding.map { funding.find(in: $0).map(\.index) } ?? [])
  }

  func context(
    input: ScreeningInput, classification: Classification, cues found: [(index: Int, matched: String)],
    organisationHits: [ScreeningResult.OrganisationHit], funding: [Int]
  ) -> ScreeningContext {
    let context = ScreeningContext(
      input: input, fields: classification.fields, countries: rules.countries, organisationHits: organisationHits,
      lists: rules.lists)
    for (i, matched) in found { context.cuesFound[i] = matched }
    context.fundingFound = Set(funding)
    return context
  }

  /// The measures (by index) whose scope an assigned field falls in.
  func measures(inScopeOf field: FieldScore) -> [Int] {
    measures.filter { MeasureEvaluation.fieldInScope(field, $0.measure.scope) }.map(\.index)
  }

  func screen(_ regime: Regime, _ compiled: ArraySlice<CompiledMeasure>, _ context: ScreeningContext) -> ScreeningResult.RegimeResult {
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
  /// A portfolio worker's memo tables, when there is one.
  var scratch: ScreeningScratch?
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

  func label(_ code: String) -> String { countries.label(code: code) }
}

extension Screener {
  /// Fills `facts` with what the quick evaluation of one record reads of its text and
  /// classification: the cue matches in `scratch.match` and the assigned fields.
  func fill(_ facts: inout ScreeningFacts, classification: Classification, scratch: ScreeningScratch) {
    facts.reset(measures: measures.count)
    for m in scratch.match.matches {
      let cue = Int(m.termID.rawValue)
      for i in cueScope[cue] { facts.scope.set(i) }
      for i in cueExemptions[cue] { facts.exempt.set(i) }
    }
    // Through the buffer: a `for field in` loop, or `fields[f]` passed on, copies each field with
    // its strings and evidence (a retain and a release apiece).
    classification.fields.withUnsafeBufferPointer { fields in
      for f in fields.indices {
        let entry = scratch.entry(fields, f, self)
        facts.fields.append(entry)
        for i in entry.measures { facts.scope.set(i) }
      }
    }
  }

  /// What the reasons of `measure` read for this record.
  fileprivate func reasonKey(
    _ measure: CompiledMeasure, _ cells: ScreenedCells, _ found: [(index: Int, matched: String)],
    _ facts: borrowing ScreeningFacts
  ) -> ReasonKey {
    var cues: [String] = []
    if !found.isEmpty && !measure.cueIndices.isEmpty {
      cues = measure.cueIndices.map { i in found.first { $0.index == i }?.matched ?? "" }
      if cues.allSatisfy(\.isEmpty) { cues = [] }
    }
    // The nationality only when it is in the measure's scope: a raising measure holds a trigger,
    // and its reasons name the nationality only as one ("the person's nationality, X, is in its
    // scope"); one outside the scope is not written, and keyed by it, the same reason was
    // written again for every other nationality a portfolio gives.
    var nationality = -1
    if measure.readsNationality && measure.covers(nationalityOf: cells) {
      nationality = cells.nationality >= 0 ? cells.nationality : -2 - cells.serial
    }
    // The countries by position: the same partners as `input.partnerCountries.first(where:
    // measure.countries.contains)` (every code a measure names is in the table), without hashing
    // each code into the measure's sets.
    return ReasonKey(
      measure: measure.index, fields: facts.fieldSerials(inScopeOf: measure.index), cues: cues,
      partner: measure.readsPartners ? measure.firstPartner(cells) ?? -1 : -1,
      requiredPartner: measure.readsPartners ? measure.firstRequiredPartner(cells) ?? -1 : -1,
      nationality: nationality, funding: measure.readsFunding ? cells.serial : -1,
      organisations: measure.readsOrganisations ? cells.partnerSerials : ReasonKey.Serials())
  }

  /// Screens one text for a portfolio's result line: the triage, the regimes that bear on it and
  /// the organisation hits; the same as ``ScreeningLine/init(_:)`` of a full screening (a test
  /// holds them equal on every screening case).
  public func screenLine(text: String, classification: Classification, input: ScreeningInput) -> ScreeningLine {
    screenLine(text: text, classification: classification, input: input, scratch: ScreeningScratch())
  }

  /// ``screenLine(text:classification:input:)`` with a worker's buffers and memo tables.
  ///
  /// Faster: every measure is first evaluated over the record's facts as flags
  /// (``CompiledMeasure/outcome(_:_:)``), without a text or a string lookup; only the measures
  /// that raise the level, whose reasons are the triage's, are evaluated again with their
  /// reasons. The cue scan keeps its matches as offsets, turned into text only then.
  public func screenLine(
    text: String, classification: Classification, input: ScreeningInput, scratch: ScreeningScratch
  ) -> ScreeningLine {
    scratch.begin(self)
    return screenLine(
      text: text, classification: classification, cells: scratch.cells(input, self), scratch: scratch,
      cuesScanned: false
    ).line
  }

  /// With `cuesScanned`, `scratch.match` already holds the cue matches of `text` (a joint scan
  /// with the classifier's phrases, ``JointMatcher``) and the text is not scanned again. `cells`
  /// are the scratch's, worked out for this screener.
  func screenLine(
    text: String, classification: Classification, cells: ScreenedCells, scratch: ScreeningScratch,
    cuesScanned: Bool
  ) -> ScreenedLine {
    if !cuesScanned { cues.findAll(in: text, into: &scratch.match) }
    // The facts' buffers are the scratch's, filled and read in place (its properties are not
    // checked for overlapping access; moved out and back, an empty set of buffers was made and
    // released for every record).
    return scratch.withFacts { facts in
      fill(&facts, classification: classification, scratch: scratch)
      // Without a cue in the text, the line follows from the cells and the assigned fields
      // alone, and of the fields only from those in the scope of a measure (the others set no
      // flag and give no reason): the scratch keeps the lines by the cells and those fields'
      // serial numbers, and a record that repeats them is answered without evaluating a
      // measure (on the benchmark portfolio, one record without a cue in seven). Only for cells
      // met before: a record with cells new to the worker cannot repeat an earlier record.
      var fieldKey: ReasonKey.Serials?
      if scratch.match.matches.isEmpty && cells.repeated {
        var key = ReasonKey.Serials()
        for entry in facts.fields where !entry.measures.isEmpty { key.append(entry.serial) }
        if let known = scratch.line(cells, fields: key) { return known }
        fieldKey = key
      }
      // The line is a function of what goes into `facts.lineKey`: each regime that bears on the
      // record with its status and level, the serial of each raising measure's reason, and the
      // partners' serials. Whole lines are kept by that key, so the regimes, the reasons in order
      // and the JSON are made once per distinct line.
      cells.outcomes.withUnsafeBufferPointer { outcomes in
        for r in regimeMeasures.indices {
          // Status and level as ranks in one byte: the larger byte has the larger status, and
          // the level is the largest of its measures' levels.
          var status = 0
          var level = 0
          for m in regimeMeasures[r] {
            let quick = Int(outcomes[ScreenedCells.slot(m, evidence: facts.scope[m], exempt: facts.exempt[m])])
            status = max(status, quick >> 2)
            level = max(level, quick & 3)
            if quick & 3 > 0 { facts.raising.append(m) }
          }
          if status != RegimeStatus.doesNotApply.rank { facts.lineKey.append(r << 4 | status << 2 | level) }
        }
      }
      facts.lineKey.append(-1)
      if !facts.raising.isEmpty {
        // The reasons of a raising measure are written once per set of inputs it reads (a worker
        // sees the same fields and partners again and again); the context they are written from
        // is made only when one is new.
        let found = scratch.match.matches.isEmpty ? [] : cues.found(in: text, scratch.match)
        var context: ScreeningContext?
        for m in facts.raising.indices {
          let measure = measures[facts.raising[m]]
          let key = reasonKey(measure, cells, found, facts)
          let kept = scratch.reason(key) {
            if context == nil {
              context = self.context(
                input: cells.input, classification: classification, cues: found, organisationHits: cells.hits,
                funding: cells.fundingNamed)
              context!.scratch = scratch
            }
            var evaluation = MeasureEvaluation(compiled: measure, screener: self, context: context!)
            evaluation.periodReason = false
            return Triage.reason(regime: measure.regime.id, evaluation.result())
          }
          facts.lineKey.append(kept.serial)
          facts.reasons.append(kept)
        }
      }
      facts.lineKey.append(-1)
      cells.partnerSerials.forEach { facts.lineKey.append($0) }
      let line = scratch.line(facts.lineKey) { newLine(facts, cells, keepingLists: scratch.keepsLines) }
      if let fieldKey { scratch.remember(line, fields: fieldKey, in: cells) }
      return line
    }
  }

  /// A record's screening line from its facts and cells, with its JSON written from the bytes
  /// of its reasons, regimes and organisations made before (``KeptReason``,
  /// ``regimeLineJSON``, ``ScreenedCells/organisationsJSON``): written from their strings, a new
  /// line took 14,600 instructions, most of them checking the reasons' texts for characters to
  /// escape and appending them string by string (callgrind).
  private func newLine(_ facts: borrowing ScreeningFacts, _ cells: ScreenedCells, keepingLists: Bool) -> ScreenedLine {
    let codes = facts.lineKey.prefix { $0 != -1 }
    // In triage order (``Triage/precedes(_:_:)``) by numbers: each measure's place among the
    // measures, organisation hits (no regime, no measure) before them; sorted by the strings,
    // a new line's few reasons took 2,250 instructions to order.
    var all: [(reason: ScreeningResult.TriageReason, json: [UInt8], order: Int)] = []
    all.reserveCapacity(facts.reasons.count + cells.hitReasons.count)
    for (kept, m) in zip(facts.reasons, facts.raising) {
      if let reason = kept.reason { all.append((reason, kept.json, triageOrder[m])) }
    }
    for (reason, json) in zip(cells.hitReasons, cells.hitReasonJSON) { all.append((reason, json, -1)) }
    all.sort { a, b in a.reason.level > b.reason.level || (a.reason.level == b.reason.level && a.order < b.order) }
    let level = all.first?.reason.level ?? .none
    var json = JSONBytes()
    JSONLinesResultWriter.encodeScreening(
      level: level, into: &json,
      reasons: { j in
        for k in all.indices {
          if k > 0 { j.comma() }
          j.raw(all[k].json)
        }
      },
      regimes: { j in
        for (k, code) in codes.enumerated() {
          if k > 0 { j.comma() }
          j.raw(regimeLineJSON[code])
        }
      },
      organisations: { j in j.raw(cells.organisationsJSON) })
    guard keepingLists else { return ScreenedLine.make(level: level, json: json.array) }
    let regimes = codes.map { code in
      ScreeningLine.RegimeLine(
        id: rules.regimes[code >> 4].id, status: RegimeStatus(rank: code >> 2 & 3), level: TriageLevel(rank: code & 3))
    }
    let line = ScreeningLine(
      triage: .init(level: level, reasons: all.map(\.reason)), regimes: regimes,
      organisations: cells.hits.map(ScreeningLine.OrganisationLine.init))
    return ScreenedLine.make(level: level, line: line, json: json.array)
  }
}
