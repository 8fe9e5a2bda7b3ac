import TaxonomyYAML

/// Decodes one regime file, `regimes/<id>.yaml`, and checks its periods, countries, triggers
/// and patterns; every problem goes into `decoding` with its line and column.
enum RegimeFileDecoder {
  static let fileKeys = ["schema_version", "regime"]
  static let regimeKeys = [
    "id", "name", "kind", "legal_status", "status_uncertain", "jurisdiction", "summary", "sources",
    "periods", "measures", "notes",
  ]
  static let sourceKeys = ["title", "reference", "date", "relied_on", "confidence", "url"]
  static let periodKeys = ["id", "from", "to", "covers", "review_by"]
  static let measureKeys = [
    "id", "name", "periods", "triggers", "countries", "nationalities", "funding", "requires",
    "partner_countries", "scope", "exemptions", "leads_to", "level", "check_next", "notes",
  ]
  static let scopeKeys = [
    "dual_use", "areas", "fields", "any_field", "min_sensitivity", "categories", "teaching_fields", "cues",
    "cooperation", "uncertain",
  ]
  static let categoryKeys = ["name", "source", "areas", "fields", "cues"]
  static let exemptionKeys = ["id", "description", "source", "cues"]

  /// The regime, or `nil` when the file is unusable.
  static func decode(_ root: YAMLNode, expectedID: String, countries: CountryTable, _ d: inout YAMLDecoding)
    -> Regime?
  {
    guard let file = d.mapping(root, what: "a regime file", allowed: fileKeys, required: ["regime"]) else {
      return nil
    }
    _ = SchemaVersion.check(file["schema_version"], in: &d)
    guard let node = file["regime"],
      let map = d.mapping(
        node, what: "a regime", allowed: regimeKeys,
        required: ["id", "name", "kind", "legal_status", "jurisdiction", "sources", "periods", "measures"])
    else { return nil }
    let id = d.identifier(map["id"], key: "id") ?? ""
    if let idNode = map["id"], !id.isEmpty, id != expectedID {
      d.error("regime '\(id)' must be in a file named '\(id).yaml'", at: idNode)
    }
    var regime = Regime(
      id: id, name: d.string(map["name"], key: "name") ?? "",
      kind: d.choice(map["kind"], what: "kind", as: Regime.Kind.self) ?? .guidance,
      legalStatus: d.choice(map["legal_status"], what: "legal status", as: Regime.LegalStatus.self) ?? .nonBinding,
      statusUncertain: d.bool(map["status_uncertain"], key: "status_uncertain") ?? false,
      jurisdiction: d.string(map["jurisdiction"], key: "jurisdiction") ?? "",
      summary: d.string(map["summary"], key: "summary") ?? "",
      sources: [], periods: [], measures: [], notes: d.texts(map["notes"], key: "notes"), file: d.file)
    if let j = map["jurisdiction"], regime.jurisdiction != "EU", countries.country(code: regime.jurisdiction) == nil {
      d.error("jurisdiction must be EU or an ISO country code, found '\(regime.jurisdiction)'", at: j)
    }
    regime.sources = items(map["sources"], key: "sources", &d).compactMap { source($0, &d) }
    if let s = map["sources"], case .sequence(let items) = s.content, items.isEmpty {
      d.error("a regime needs at least one source", at: s)
    }
    regime.periods = periods(map["periods"], &d)
    let periodIDs = regime.periods.map(\.id)
    for item in items(map["measures"], key: "measures", &d) {
      if let m = measure(item, periodIDs: periodIDs, countries: countries, &d) {
        if regime.measures.contains(where: { $0.id == m.id }) {
          d.error("measure '\(m.id)' defined twice", at: item)
        } else {
          regime.measures.append(m)
        }
      }
    }
    if let m = map["measures"], case .sequence(let items) = m.content, items.isEmpty {
      d.error("a regime needs at least one measure", at: m)
    }
    return regime
  }

  static func items(_ node: YAMLNode?, key: String, _ d: inout YAMLDecoding) -> [YAMLNode] {
    guard let node else { return [] }
    guard case .sequence(let items) = node.content else {
      d.error("'\(key)' must be a list, found \(YAMLDecoding.describe(node))", at: node)
      return []
    }
    return items
  }

  static func source(_ node: YAMLNode, _ d: inout YAMLDecoding) -> RegimeSource? {
    guard
      let map = d.mapping(
        node, what: "a source", allowed: sourceKeys, required: ["title", "reference", "relied_on", "confidence"])
    else { return nil }
    let date = d.day(map["date"], key: "date")
    guard let reliedOn = d.day(map["relied_on"], key: "relied_on"),
      let confidence = d.choice(map["confidence"], what: "confidence", as: RegimeSource.Confidence.self)
    else { return nil }
    return RegimeSource(
      title: d.string(map["title"], key: "title") ?? "", reference: d.string(map["reference"], key: "reference") ?? "",
      date: date, reliedOn: reliedOn, confidence: confidence, url: d.string(map["url"], key: "url"))
  }

  static func periods(_ node: YAMLNode?, _ d: inout YAMLDecoding) -> [RegimePeriod] {
    var out: [RegimePeriod] = []
    var previous: (RegimePeriod, YAMLNode)?
    for item in items(node, key: "periods", &d) {
      guard let map = d.mapping(item, what: "a period", allowed: periodKeys, required: ["id", "covers"]) else {
        continue
      }
      guard let id = d.identifier(map["id"], key: "id") else { continue }
      let from = d.day(map["from"], key: "from")
      let to = d.day(map["to"], key: "to")
      let period = RegimePeriod(
        id: id, from: from, to: to, covers: d.string(map["covers"], key: "covers") ?? "",
        reviewBy: d.day(map["review_by"], key: "review_by"))
      if let from, let to, to < from {
        // Kept, so that measures naming it give no second error.
        d.error("period '\(id)' ends before it starts: 'to' \(to) is before 'from' \(from)", at: map["to"]!)
      }
      if out.contains(where: { $0.id == id }) {
        d.error("period '\(id)' defined twice", at: map["id"]!)
        continue
      }
      if let prev = previous?.0 {
        let ordered: Bool
        switch (prev.to, period.from) {
        case (let end?, let start?): ordered = end < start
        default: ordered = false
        }
        if !ordered {
          d.error(
            "period '\(id)' overlaps period '\(prev.id)' or comes before it; periods run in order, "
              + "each starting after the one before ends", at: map["from"] ?? item)
          continue
        }
      }
      out.append(period)
      previous = (period, item)
    }
    if let node, case .sequence(let items) = node.content, items.isEmpty {
      d.error("a regime needs at least one period", at: node)
    }
    return out
  }

  static func measure(_ node: YAMLNode, periodIDs: [String], countries: CountryTable, _ d: inout YAMLDecoding)
    -> RegimeMeasure?
  {
    guard
      let map = d.mapping(
        node, what: "a measure", allowed: measureKeys, required: ["id", "name", "triggers", "leads_to", "level"])
    else { return nil }
    guard let id = d.identifier(map["id"], key: "id") else { return nil }
    var periods: [String] = []
    for (p, item) in d.stringList(map["periods"], key: "periods") ?? [] {
      if periodIDs.contains(p) {
        periods.append(p)
      } else {
        var message = "measure '\(id)' names an unknown period '\(p)'"
        if let s = EditDistance.suggestion(for: p, among: periodIDs) { message += " (did you mean '\(s)'?)" }
        d.error(message, at: item)
      }
    }
    let triggers = d.choices(map["triggers"], key: "triggers", what: "trigger", as: RegimeMeasure.Trigger.self)
    let countryCodes = d.countryCodes(map["countries"], key: "countries", table: countries)
    let usesCountries = triggers.contains(.partnerCountry) || triggers.contains(.placeOfUse)
    if usesCountries && countryCodes.isEmpty {
      d.error("measure '\(id)' has a country trigger but no 'countries'", at: map["triggers"] ?? node)
    }
    var nationalities = RegimeMeasure.Nationalities.only(countryCodes)
    if let n = map["nationalities"] {
      if case .mapping = n.content {
        if let m = d.mapping(n, what: "nationalities", allowed: ["except"], required: ["except"]) {
          nationalities = .allExcept(d.countryCodes(m["except"], key: "except", table: countries))
        }
      } else {
        nationalities = .only(d.countryCodes(n, key: "nationalities", table: countries))
      }
    }
    if triggers.contains(.personNationality), case .only(let codes) = nationalities, codes.isEmpty {
      d.error("measure '\(id)' has a nationality trigger but no 'countries' or 'nationalities'", at: map["triggers"] ?? node)
    }
    var funding: RegimeMeasure.Funding?
    if let f = map["funding"] {
      if case .scalar("any", .plain) = f.content {
        funding = .any
      } else {
        funding = .named(d.stringList(f, key: "funding")?.map(\.0) ?? [])
      }
    }
    let requires = d.choices(map["requires"], key: "requires", what: "requirement", as: RegimeMeasure.Requirement.self)
    if (triggers.contains(.fundingProgramme) || requires.contains(.fundingProgramme)) && funding == nil {
      d.error("measure '\(id)' needs funding programmes but has no 'funding'", at: map["triggers"] ?? node)
    }
    let partnerCountries = d.countryCodes(map["partner_countries"], key: "partner_countries", table: countries)
    if requires.contains(.partnerCountry) && partnerCountries.isEmpty {
      d.error("measure '\(id)' requires a partner country but has no 'partner_countries'", at: map["requires"]!)
    }
    if let t = map["triggers"], case .sequence(let items) = t.content, items.isEmpty {
      d.error("measure '\(id)' needs at least one trigger", at: t)
    }
    var exemptions: [RegimeExemption] = []
    for item in items(map["exemptions"], key: "exemptions", &d) {
      guard let e = d.mapping(item, what: "an exemption", allowed: exemptionKeys, required: ["id", "description", "cues"]),
        let eid = d.identifier(e["id"], key: "id")
      else { continue }
      exemptions.append(
        RegimeExemption(
          id: eid, description: d.string(e["description"], key: "description") ?? "",
          cues: d.cuePhrases(e["cues"], key: "cues")))
    }
    return RegimeMeasure(
      id: id, name: d.string(map["name"], key: "name") ?? "", periods: periods, triggers: triggers,
      countries: countryCodes, nationalities: nationalities, funding: funding, requires: requires,
      partnerCountries: partnerCountries, scope: scope(map["scope"], &d), exemptions: exemptions,
      leadsTo: d.string(map["leads_to"], key: "leads_to") ?? "",
      level: d.choice(map["level"], what: "level", as: TriageLevel.self) ?? .check,
      checkNext: d.texts(map["check_next"], key: "check_next"), notes: d.texts(map["notes"], key: "notes"))
  }

  static func scope(_ node: YAMLNode?, _ d: inout YAMLDecoding) -> RegimeScope {
    var scope = RegimeScope()
    guard let node, let map = d.mapping(node, what: "a scope", allowed: scopeKeys) else { return scope }
    if let du = map["dual_use"], let m = d.mapping(du, what: "dual_use", allowed: ["include", "except"], required: ["include"]) {
      scope.dualUseInclude = patterns(m["include"], key: "include", &d)
      scope.dualUseExcept = patterns(m["except"], key: "except", &d)
    }
    scope.areas = references(map["areas"], key: "areas", into: &scope.references, &d)
    scope.fields = references(map["fields"], key: "fields", into: &scope.references, &d)
    scope.anyField = d.bool(map["any_field"], key: "any_field") ?? false
    scope.minSensitivity = d.choice(map["min_sensitivity"], what: "sensitivity", as: Sensitivity.self) ?? .low
    scope.cues = d.cuePhrases(map["cues"], key: "cues")
    scope.cooperation = d.bool(map["cooperation"], key: "cooperation") ?? false
    scope.uncertain = d.bool(map["uncertain"], key: "uncertain") ?? false
    for (key, kind) in [("categories", "category"), ("teaching_fields", "teaching field")] {
      for item in items(map[key], key: key, &d) {
        guard let c = d.mapping(item, what: "a \(kind)", allowed: categoryKeys, required: ["name", "source"]) else {
          continue
        }
        let category = NamedCategory(
          kind: kind, name: d.string(c["name"], key: "name") ?? "", source: d.string(c["source"], key: "source") ?? "",
          areas: references(c["areas"], key: "areas", into: &scope.references, &d),
          fields: references(c["fields"], key: "fields", into: &scope.references, &d),
          cues: d.cuePhrases(c["cues"], key: "cues"))
        if category.areas.isEmpty && category.fields.isEmpty && category.cues.isEmpty {
          d.error("\(kind) '\(category.name)' names no areas, fields or cues", at: item)
        }
        scope.categories.append(category)
      }
    }
    return scope
  }

  static func patterns(_ node: YAMLNode?, key: String, _ d: inout YAMLDecoding) -> [DualUsePattern] {
    var out: [DualUsePattern] = []
    for (text, item) in d.stringList(node, key: key) ?? [] {
      if let p = DualUsePattern(text) {
        out.append(p)
      } else {
        d.error(
          "'\(text)' is not a dual-use code pattern (a code such as 3A001, '?' for one character, '*' only at the end)",
          at: item)
      }
    }
    return out
  }

  static func references(
    _ node: YAMLNode?, key: String, into refs: inout [NodeReference], _ d: inout YAMLDecoding
  ) -> [String] {
    var out: [String] = []
    for (text, item) in d.stringList(node, key: key) ?? [] {
      out.append(text)
      refs.append(NodeReference(id: text, location: d.location(item)))
    }
    return out
  }
}
