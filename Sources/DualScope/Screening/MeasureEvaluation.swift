/// Screens one measure of a regime: period, scope, triggers, requirements, exemptions, status
/// (the steps are described in docs/taxonomy-schema.md, "How a measure is screened"), with the
/// reasons for each step. A portfolio run works out the status and level of every measure
/// without reasons first (``CompiledMeasure/outcome(_:_:)``) and evaluates here only the
/// measures that raise the level.
struct MeasureEvaluation {
  let compiled: CompiledMeasure
  let screener: Screener
  let context: ScreeningContext
  /// Whether the first reason says which period is in force; a result line's triage reasons
  /// leave it out (see ``Triage/reasons(measures:hits:)``), so it is an empty text there.
  var periodReason = true

  private var date: CalendarDay { context.input.date }

  func result() -> ScreeningResult.MeasureResult {
    var reasons = [String]()
    func finish(_ status: RegimeStatus, _ level: TriageLevel, missing: [String] = []) -> ScreeningResult.MeasureResult {
      ScreeningResult.MeasureResult(
        id: compiled.measure.id, name: compiled.measure.name, status: status, level: level, reasons: reasons,
        leadsTo: compiled.measure.leadsTo, missing: missing)
    }

    // 1. Period.
    let periods = compiled.periods
    guard let period = periods.first(where: { $0.contains(date) }) else {
      let spans = periods.map { "'\($0.id)' (\($0.span))" }.joined(separator: ", ")
      reasons.append("not in force on \(date); it runs in \(spans)")
      return finish(.doesNotApply, .none)
    }
    if periodReason {
      // A draft's or a declaration's period is a stage, not a time in force.
      let when = compiled.regime.legalStatus == .binding ? "in force on \(date)" : "on \(date)"
      reasons.append("\(when): period '\(period.id)' (\(period.span)): \(period.covers)")
    } else {
      // Not written at all: the date alone took 2,600 instructions to write (callgrind).
      reasons.append("")
    }

    // 2. Scope.
    let evidence = scopeEvidence()
    let scope = compiled.measure.scope
    if !scope.isEmpty && evidence.isEmpty && !scope.cooperation {
      reasons.append("no assigned field (of at least \(scope.minSensitivity.rawValue) sensitivity) and no cue in its scope")
      return finish(.doesNotApply, .none)
    }

    // 3. Triggers.
    var triggered = [String]()
    var missing: [String] = []
    let partners = context.input.partnerCountries
    for trigger in compiled.measure.triggers {
      switch trigger {
      case .anyone:
        triggered.append("it applies to anyone, whatever their nationality")
      case .partnerCountry, .placeOfUse:
        if partners.isEmpty {
          if !missing.contains("partner country") { missing.append("partner country") }
        } else if let code = partners.first(where: { compiled.countries.contains($0) }) {
          triggered.append(
            trigger == .partnerCountry
              ? "partner country \(context.label(code)) is in its scope"
              : "the results may be used in \(context.label(code)), a partner's country")
        }
      case .personNationality:
        if let n = context.input.nationality {
          if compiled.covers(nationality: n) {
            triggered.append("the person's nationality, \(context.label(n)), is in its scope")
          }
        } else {
          missing.append("person nationality")
        }
      case .fundingProgramme:
        if let f = context.input.funding {
          if let name = fundingMatch() { triggered.append("the funding '\(f)' is \(name)") }
        } else {
          missing.append("funding")
        }
      }
    }
    if triggered.isEmpty {
      if !missing.isEmpty {
        reasons.append("needs the \(missing.joined(separator: " or the ")) to be assessed")
        return finish(.notAssessed, .none, missing: missing)
      }
      reasons.append("no trigger holds (\(describeInputs()))")
      return finish(.doesNotApply, .none)
    }
    reasons.append(contentsOf: triggered)

    // 4. Requirements.
    var requirementMissing: [String] = []
    var basis = !evidence.isEmpty
    for requirement in compiled.measure.requires {
      switch requirement {
      case .fundingProgramme:
        guard let f = context.input.funding else {
          requirementMissing.append("funding")
          continue
        }
        guard let name = fundingMatch() else {
          reasons.append("the funding '\(f)' is no programme it covers")
          return finish(.doesNotApply, .none)
        }
        reasons.append("the funding '\(f)' is \(name)")
        basis = true
      case .listedOrganisation:
        let serving = context.lists.filter { $0.regimes.contains(compiled.regime.id) }
        if serving.isEmpty {
          reasons.append("no organisation list for this regime is loaded (add one with --lists)")
          requirementMissing.append("organisation list")
          continue
        }
        guard !context.input.partnerOrganisations.isEmpty else {
          requirementMissing.append("partner organisation")
          continue
        }
        let hits = context.organisationHits.filter { hit in serving.contains { $0.id == hit.list } }
        guard !hits.isEmpty else {
          let names = serving.map { "\($0.id) \($0.version)" }.joined(separator: ", ")
          reasons.append("no partner organisation is on its lists (\(names))")
          return finish(.doesNotApply, .none)
        }
        for hit in hits { reasons.append(OrganisationHitText.describe(hit)) }
        basis = true
      case .partnerCountry:
        guard !partners.isEmpty else {
          requirementMissing.append("partner country")
          continue
        }
        guard let code = partners.first(where: { compiled.partnerCountries.contains($0) }) else {
          let wanted = compiled.measure.partnerCountries.map(context.label).joined(separator: ", ")
          reasons.append("it concerns partners in \(wanted) only")
          return finish(.doesNotApply, .none)
        }
        reasons.append("partner country \(context.label(code)) is where it applies")
      }
    }
    if !requirementMissing.isEmpty {
      reasons.append("needs the \(requirementMissing.joined(separator: " and the ")) to be assessed")
      return finish(.notAssessed, .none, missing: requirementMissing)
    }
    reasons.append(contentsOf: evidence)

    // A cooperation measure without a field in scope: noted, but the level is not raised.
    if evidence.isEmpty && scope.cooperation {
      reasons.append(
        "it covers cooperation as such, but no assigned field of at least \(scope.minSensitivity.rawValue) "
          + "sensitivity was found; a country or a nationality alone does not raise the level")
      return finish(.mayApply, .none)
    }

    // 5. Exemptions.
    var exempt = [String]()
    for e in compiled.measure.exemptions {
      if let cue = screener.firstCue(e.cues, context) {
        let what = e.description.hasSuffix(".") ? String(e.description.dropLast()) : e.description
        exempt.append("exemption '\(e.id)' may apply: \(what) ('\(cue)' in the text); confirm it")
      }
    }
    if !exempt.isEmpty {
      reasons.append(contentsOf: exempt)
      return finish(.mayApply, basis ? .attention : .none)
    }

    // 6. Status and level.
    var status = RegimeStatus.applies
    if compiled.regime.legalStatus == .draft {
      reasons.append("the regime is a draft, not in force: may-apply at most")
      status = .mayApply
    } else if compiled.regime.legalStatus == .nonBinding {
      reasons.append("the regime is not legally binding: may-apply at most")
      status = .mayApply
    }
    if compiled.regime.statusUncertain {
      reasons.append("whether the regime still applies is uncertain: may-apply at most")
      status = .mayApply
    }
    if scope.uncertain {
      reasons.append("its scope is only approximated in this release: may-apply at most")
      status = .mayApply
    }
    guard basis else {
      reasons.append("no field, cue, listed organisation or funding programme in its scope: the level is not raised")
      return finish(status, .none)
    }
    return finish(status, compiled.measure.level)
  }

  private func fundingMatch() -> String? {
    switch compiled.measure.funding {
    case .any?: return "taken as a programme it covers (any programme counts)"
    case .named(let names)?: return screener.fundingNamed(names, context).map { "a programme it covers (\($0))" }
    case nil: return nil
    }
  }

  private func describeInputs() -> String {
    var parts: [String] = []
    let partners = context.input.partnerCountries
    if !partners.isEmpty { parts.append("partner countries: " + partners.map(context.label).joined(separator: ", ")) }
    if let n = context.input.nationality { parts.append("nationality: " + context.label(n)) }
    if let f = context.input.funding { parts.append("funding: '\(f)'") }
    return parts.joined(separator: "; ")
  }

  /// The reasons an assigned field or a cue puts the text in the measure's scope.
  func scopeEvidence() -> [String] {
    let scope = compiled.measure.scope
    var out = [String]()
    for f in context.fields.indices where context.fields[f].sensitivity >= scope.minSensitivity {
      let field = context.fields[f]
      for text in context.scratch?.fieldEvidence(field, compiled) ?? Self.fieldEvidence(field, compiled) {
        out.append(text)
      }
    }
    // By index: a `for category in` loop copies each category with its arrays.
    for c in scope.categories.indices {
      if let cue = screener.firstCue(scope.categories[c].cues, context) {
        let category = scope.categories[c]
        out.append("'\(cue)' in the text points to \(category.kind) '\(category.name)' (\(category.source))")
      }
    }
    if let cue = screener.firstCue(scope.cues, context) {
      out.append("'\(cue)' in the text is a cue of its scope")
    }
    return out
  }

  /// The reasons an assigned field puts a text in the measure's scope: its dual-use codes in the
  /// scope, the scope or a category naming it, or any field counting. Empty when it does not.
  /// A function of the field and the measure alone, so a portfolio run works it out once per
  /// field (``ScreeningScratch/fieldEvidence(_:_:)``).
  static func fieldEvidence(_ field: FieldScore, _ compiled: CompiledMeasure) -> [String] {
    let scope = compiled.measure.scope
    guard field.sensitivity >= scope.minSensitivity else { return [] }
    var out: [String] = []
    let label = "field \(field.id) (\(field.sensitivity.rawValue))"
    if !scope.dualUseInclude.isEmpty {
      let codes = field.dualUse.filter { dualUseCode($0, in: scope) }
      if !codes.isEmpty {
        out.append(
          "\(label) carries dual-use code\(codes.count == 1 ? "" : "s") \(codes.joined(separator: ", ")), "
            + "within its scope (\(compiled.dualUseScope))")
      }
    }
    if names(field, fields: scope.fields, areas: scope.areas) {
      out.append("\(label) is named in its scope")
    }
    if scope.anyField {
      out.append("\(label) is assigned; it covers every field of at least \(scope.minSensitivity.rawValue) sensitivity")
    }
    for c in scope.categories.indices where names(field, fields: scope.categories[c].fields, areas: scope.categories[c].areas) {
      let category = scope.categories[c]
      out.append("\(label) falls under \(category.kind) '\(category.name)' (\(category.source))")
    }
    return out
  }

  /// Whether an assigned field puts a text in the scope: of the scope's sensitivity, and with a
  /// dual-use code in its scope, named in it (or in one of its categories), or any field counts.
  static func fieldInScope(_ field: FieldScore, _ scope: RegimeScope) -> Bool {
    field.sensitivity >= scope.minSensitivity
      && (field.dualUse.contains { dualUseCode($0, in: scope) } || names(field, fields: scope.fields, areas: scope.areas)
        || scope.anyField || scope.categories.contains { names(field, fields: $0.fields, areas: $0.areas) })
  }

  /// Whether a dual-use code is within the scope's patterns and not excepted.
  static func dualUseCode(_ code: String, in scope: RegimeScope) -> Bool {
    scope.dualUseInclude.contains { $0.matches(code) } && !scope.dualUseExcept.contains { $0.matches(code) }
  }

  /// Whether a field is one of `fields` (or below one), or in one of `areas`.
  static func names(_ field: FieldScore, fields: [String], areas: [String]) -> Bool {
    areas.contains(field.area) || fields.contains { field.id == $0 || field.id.hasPrefix($0 + ".") }
  }
}

/// How an organisation hit reads in reasons.
/// How a list hit reads in a reason: partner, listed name, list and version, the alias that matched.
public enum OrganisationHitText {
  public static func describe(_ hit: ScreeningResult.OrganisationHit) -> String {
    var text = "partner '\(hit.partner)' matches \(hit.name) on list \(hit.list) \(hit.listVersion)"
    if hit.alias != hit.name { text += " through the alias '\(hit.alias)'" }
    if hit.listFictional { text += " (a fictional example list)" }
    return text
  }
}
