import TaxonomyYAML

/// Decodes `taxonomy.yaml`, the manifest of a release.
enum ManifestDecoder {
  static let keys = [
    "schema_version", "id", "version", "title", "released", "languages", "defaults", "sources",
    "areas", "release_notes", "study_context", "record_context",
  ]

  /// The manifest, or `nil` when it is unusable; problems go into `decoding`.
  static func decode(_ root: YAMLNode, _ decoding: inout YAMLDecoding)
    -> (TaxonomyManifest, areaLocations: [SourceLocation], ruleAreas: [(id: String, location: SourceLocation)])?
  {
    guard
      let map = decoding.mapping(
        root, what: "the manifest", allowed: keys,
        required: ["id", "version", "title", "languages", "areas"])
    else { return nil }
    let schemaVersion = SchemaVersion.check(map["schema_version"], in: &decoding)
    var defaults = ScoringDefaults()
    if let node = map["defaults"],
      let d = decoding.mapping(
        node, what: "defaults", allowed: [
          "field_threshold", "area_threshold", "weak_window", "lone_term_factor", "secondary_min_matches",
          "clear_evidence", "negation_window",
        ])
    {
      // Each value is checked where it is written; a value out of range keeps the default.
      func number(_ key: String, _ valid: (Double) -> Bool, _ message: String) -> Double? {
        guard let node = d[key], let v = decoding.number(node, key: key) else { return nil }
        if valid(v) { return v }
        decoding.error(message, at: node)
        return nil
      }
      func integer(_ key: String, _ valid: (Int) -> Bool, _ message: String) -> Int? {
        guard let node = d[key], let v = decoding.integer(node, key: key) else { return nil }
        if valid(v) { return v }
        decoding.error(message, at: node)
        return nil
      }
      let thresholdMessage = "default thresholds must be greater than 0"
      if let v = number("field_threshold", { $0 > 0 }, thresholdMessage) { defaults.fieldThreshold = v }
      if let v = number("area_threshold", { $0 > 0 }, thresholdMessage) { defaults.areaThreshold = v }
      if let v = integer("weak_window", { $0 >= 1 }, "weak_window must be at least 1 word") { defaults.weakWindow = v }
      if let v = number("lone_term_factor", { $0 >= 1 }, "lone_term_factor must be at least 1") {
        defaults.loneTermFactor = v
      }
      if let v = integer("secondary_min_matches", { $0 >= 1 }, "secondary_min_matches must be at least 1") {
        defaults.secondaryMinMatches = v
      }
      if let v = number("clear_evidence", { $0 >= 0 }, "clear_evidence must be 0 or more") { defaults.clearEvidence = v }
      if let v = integer("negation_window", { (0...50).contains($0) }, "negation_window must be between 0 (off) and 50 words") {
        defaults.negationWindow = v
      }
    }
    var sources: [SourceReference] = []
    if let node = map["sources"] {
      if case .sequence(let items) = node.content {
        var sourceIDs: [(String, YAMLNode)] = []
        for item in items {
          guard
            let s = decoding.mapping(
              item, what: "a source", allowed: ["id", "title", "url"], required: ["id", "title"])
          else { continue }
          let id = decoding.string(s["id"], key: "id") ?? ""
          if let at = s["id"], !id.isEmpty { sourceIDs.append((id, at)) }
          sources.append(
            SourceReference(
              id: id,
              title: decoding.string(s["title"], key: "title") ?? "",
              url: decoding.string(s["url"], key: "url")))
        }
        _ = unique(sourceIDs, what: "source", &decoding)
      } else {
        decoding.error("'sources' must be a list, found \(YAMLDecoding.describe(node))", at: node)
      }
    }
    let areas = unique(decoding.stringList(map["areas"], key: "areas") ?? [], what: "area file", &decoding)
    let listedLanguages = unique(decoding.stringList(map["languages"], key: "languages") ?? [], what: "language", &decoding)
    if let node = map["languages"], case .sequence(let items) = node.content, items.isEmpty {
      decoding.error("the manifest declares no languages", at: node)
    }
    for (language, node) in listedLanguages where !isLanguageCode(language) {
      decoding.error("invalid language code '\(language)' (expected e.g. en or nl)", at: node)
    }
    let languages = listedLanguages.map(\.0)
    var manifest = TaxonomyManifest(
      schemaVersion: schemaVersion,
      id: decoding.string(map["id"], key: "id") ?? "",
      version: decoding.string(map["version"], key: "version") ?? "",
      title: decoding.string(map["title"], key: "title") ?? "",
      released: decoding.string(map["released"], key: "released") ?? "",
      languages: languages,
      defaults: defaults,
      sources: sources,
      areaFiles: areas.map(\.0),
      releaseNotes: decoding.string(map["release_notes"], key: "release_notes") ?? "")
    if let node = map["study_context"] {
      manifest.studyContext = studyContext(node, languages: languages, &decoding)
    }
    var ruleAreas: [(id: String, location: SourceLocation)] = []
    if let node = map["record_context"] {
      manifest.recordContext = recordContext(node, &decoding, areas: &ruleAreas)
    }
    return (manifest, areas.map { decoding.location($0.1) }, ruleAreas)
  }

  /// The items of a list without the ones listed before, each of which is an error at its place
  /// naming where it was first listed.
  static func unique(_ items: [(String, YAMLNode)], what: String, _ decoding: inout YAMLDecoding) -> [(String, YAMLNode)] {
    var first: [String: YAMLNode] = [:]
    var kept: [(String, YAMLNode)] = []
    for (text, node) in items {
      if let earlier = first[text] {
        decoding.error(
          "\(what) '\(text)' listed twice (first at line \(earlier.mark.line), column \(earlier.mark.column))", at: node)
      } else {
        first[text] = node
        kept.append((text, node))
      }
    }
    return kept
  }

  /// Two or three lower-case ASCII letters (ISO 639-1 or 639-2).
  static func isLanguageCode(_ s: String) -> Bool {
    (2...3).contains(s.utf8.count) && s.utf8.allSatisfy { (97...122).contains($0) }
  }

  /// At most this many record-context rules, and values in one rule.
  static let maxRecordRules = 100
  static let maxRecordValues = 1_000

  /// `record_context: [{column: fundingScheme, values: [HORIZON-CSA, "*-CSA"], area_score: 8}]`,
  /// or a rule that supports areas: `{column: topics, values: ["HORIZON-CL5-*-D3-*"], supports:
  /// [energy], area_score: 0.5}`, or one that asks some areas alone for more: `areas:
  /// [space-propulsion]`. Where each area ID of `supports` or `areas` was written goes into
  /// `areas`, for the check that it names an area.
  static func recordContext(
    _ node: YAMLNode, _ decoding: inout YAMLDecoding, areas refs: inout [(id: String, location: SourceLocation)]
  ) -> [RecordContextRule] {
    guard case .sequence(let items) = node.content else {
      decoding.error("'record_context' must be a list of rules, found \(YAMLDecoding.describe(node))", at: node)
      return []
    }
    var rules: [RecordContextRule] = []
    for item in items {
      guard rules.count < maxRecordRules else {
        decoding.error("more than \(maxRecordRules) record-context rules", at: item)
        break
      }
      guard
        let map = decoding.mapping(
          item, what: "a record-context rule", allowed: ["column", "values", "area_score", "supports", "areas"],
          required: ["column", "values", "area_score"])
      else { continue }
      let column = decoding.string(map["column"], key: "column") ?? ""
      if column.isEmpty, let at = map["column"] { decoding.error("'column' must name a column", at: at) }
      var values: [String] = []
      let listed = decoding.stringList(map["values"], key: "values") ?? []
      if listed.isEmpty, let at = map["values"] { decoding.error("'values' must list at least one value", at: at) }
      for (value, at) in listed {
        if value.allSatisfy({ $0 == "*" }) {
          decoding.error("a value must hold text besides '*', found '\(value)'", at: at)
        } else if values.contains(value) {
          decoding.error("value '\(value)' listed twice", at: at)
        } else if values.count >= maxRecordValues {
          decoding.error("more than \(maxRecordValues) values in one rule", at: at)
        } else {
          values.append(value)
        }
      }
      // `supports` lowers the bar of the areas it lists; `areas` limits a stronger-evidence rule.
      var lists: [String: [String]] = [:]
      for key in ["supports", "areas"] {
        guard let node = map[key] else { continue }
        let listed = decoding.stringList(node, key: key) ?? []
        if listed.isEmpty { decoding.error("'\(key)' must list at least one area", at: node) }
        var ids: [String] = []
        for (area, at) in listed {
          if ids.contains(area) {
            decoding.error("area '\(area)' listed twice", at: at)
          } else {
            ids.append(area)
            refs.append((area, decoding.location(at)))
          }
        }
        lists[key] = ids
      }
      if let node = map["areas"], map["supports"] != nil {
        decoding.error("a rule either supports areas or asks them for stronger evidence: 'supports' or 'areas', not both", at: node)
      }
      guard let score = decoding.number(map["area_score"], key: "area_score") else { continue }
      if score <= 0 {
        decoding.error("'area_score' must be greater than 0", at: map["area_score"]!)
        continue
      }
      if !column.isEmpty && !values.isEmpty {
        rules.append(
          RecordContextRule(
            column: column, values: values, areaScore: score, supports: lists["supports"] ?? [], areas: lists["areas"] ?? []))
      }
    }
    return rules
  }

  /// At most this many study-context cues in a release (they compile into the matcher).
  static let maxCues = 10_000

  /// `study_context: {min_cues: 3, area_score: 8, cues: {en: [...], nl: [...]}, decisive_cues: {...},
  /// more_cues: [{min_cues: 5, area_score: 16}]}`.
  static func studyContext(_ node: YAMLNode, languages: [String], _ decoding: inout YAMLDecoding) -> StudyContext? {
    guard
      let map = decoding.mapping(
        node, what: "study_context", allowed: ["min_cues", "area_score", "cues", "decisive_cues", "more_cues"],
        required: ["cues"])
    else { return nil }
    var context = StudyContext()
    if let v = decoding.integer(map["min_cues"], key: "min_cues") {
      if v < 1 { decoding.error("'min_cues' must be at least 1", at: map["min_cues"]!) } else { context.minCues = v }
    }
    if let v = decoding.number(map["area_score"], key: "area_score") {
      if v <= 0 { decoding.error("'area_score' must be greater than 0", at: map["area_score"]!) } else { context.areaScore = v }
    }
    // One set for both lists: a phrase is a cue or a decisive cue, not both.
    var seen = Set<ContextCue>()
    var count = 0
    context.cues = cueList(map["cues"], what: "cues", languages: languages, seen: &seen, count: &count, &decoding)
    context.decisiveCues = cueList(
      map["decisive_cues"], what: "decisive_cues", languages: languages, seen: &seen, count: &count, &decoding)
    if let node = map["more_cues"] { context.moreCues = cueSteps(node, after: context, &decoding) }
    return context
  }

  /// At most this many steps in `more_cues`.
  static let maxCueSteps = 10

  /// `more_cues: [{min_cues: 5, area_score: 16}, ...]`: each step with more cues and a higher area
  /// score than the one before it, the first than the study context's own.
  private static func cueSteps(_ node: YAMLNode, after context: StudyContext, _ decoding: inout YAMLDecoding)
    -> [StudyContext.Step]
  {
    guard case .sequence(let items) = node.content, !items.isEmpty else {
      decoding.error("'more_cues' must be a list of steps, found \(YAMLDecoding.describe(node))", at: node)
      return []
    }
    var steps: [StudyContext.Step] = []
    var last = StudyContext.Step(minCues: context.minCues, areaScore: context.areaScore)
    for item in items {
      guard steps.count < maxCueSteps else {
        decoding.error("more than \(maxCueSteps) steps in 'more_cues'", at: item)
        break
      }
      guard
        let map = decoding.mapping(
          item, what: "a step of 'more_cues'", allowed: ["min_cues", "area_score"], required: ["min_cues", "area_score"]),
        let cues = decoding.integer(map["min_cues"], key: "min_cues"),
        let score = decoding.number(map["area_score"], key: "area_score")
      else { continue }
      if cues <= last.minCues {
        decoding.error("'min_cues' must be more than the \(last.minCues) before it, found \(cues)", at: map["min_cues"]!)
      } else if score <= last.areaScore {
        decoding.error(
          "'area_score' must be more than the \(NumberText.plain(last.areaScore)) before it, found \(NumberText.plain(score))",
          at: map["area_score"]!)
      } else {
        last = StudyContext.Step(minCues: cues, areaScore: score)
        steps.append(last)
      }
    }
    return steps
  }

  /// One `{en: [...], nl: [...]}` list of study-context cues, each a phrase with `*` only at its
  /// end (a prefix) or its start (compound parts), and `{a|b}` for alternatives
  /// (``CueAlternatives``); none listed twice in a language across the lists, at most
  /// ``maxCues`` in all.
  private static func cueList(
    _ node: YAMLNode?, what: String, languages: [String], seen: inout Set<ContextCue>, count: inout Int,
    _ decoding: inout YAMLDecoding
  ) -> [ContextCue] {
    guard let node, let byLanguage = decoding.mapping(node, what: what, allowed: languages) else { return [] }
    var cues: [ContextCue] = []
    for language in languages {
      for (written, item) in decoding.stringList(byLanguage[language], key: language) ?? [] {
        let texts: [String]
        switch CueAlternatives.expand(written) {
        case .success(let expanded): texts = expanded
        case .failure(let failure):
          decoding.error("cue '\(written)' has \(failure.message)", at: item)
          continue
        }
        for text in texts {
          var (phrase, isPrefix) = text.phraseAndPrefix
          let isCompound = phrase.hasPrefix("*")
          if isCompound { phrase = String(phrase.dropFirst()).trimmingSpaces() }
          guard !phrase.isEmpty, !phrase.contains("*") else {
            decoding.error(
              "a cue must be a phrase, with '*' only at its end (a prefix) or its start (compound parts), found '\(text)'",
              at: item)
            continue
          }
          let cue = ContextCue(phrase: phrase, language: language, isPrefix: isPrefix, isCompound: isCompound)
          guard seen.insert(cue).inserted else {
            decoding.error("cue '\(text)' listed twice for \(language)", at: item)
            continue
          }
          guard count < maxCues else {
            decoding.error("more than \(maxCues) study-context cues", at: item)
            return cues
          }
          count += 1
          cues.append(cue)
        }
      }
    }
    return cues
  }
}
