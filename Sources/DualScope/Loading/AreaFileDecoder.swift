import TaxonomyYAML

/// Decodes one area file: the `area:` block and its `fields:`, depth-first.
enum AreaFileDecoder {
  static let fileKeys = ["area", "fields"]
  static let areaKeys = [
    "id", "name", "description", "sensitivity", "crosswalk", "threshold", "exclude", "replaces",
  ]
  static let fieldKeys = [
    "id", "name", "description", "sensitivity", "crosswalk", "dual_use", "threshold", "exclude",
    "terms", "fields", "parent", "replaces", "split_from",
  ]
  static let termKeys = ["term", "weight", "case_sensitive", "compound", "inflect", "weak", "exclude", "second_meaning"]
  static let crosswalkKeys = ["eu_2023_2113", "nts_2024", "us_cet_2024"]

  /// The nodes of the file in report order; problems go into `decoding`.
  static func decode(_ root: YAMLNode, _ decoding: inout YAMLDecoding) -> [DraftNode] {
    guard let file = decoding.mapping(root, what: "an area file", allowed: fileKeys, required: ["area"])
    else { return [] }
    var out: [DraftNode] = []
    guard let areaNode = file["area"],
      let area = decodeNode(areaNode, kind: .area, parent: nil, &decoding)
    else { return out }
    out.append(area)
    if let fields = file["fields"] {
      decodeFields(fields, parent: area.node.id, into: &out, &decoding)
    }
    return out
  }

  private static func decodeFields(
    _ node: YAMLNode, parent: String, into out: inout [DraftNode], _ decoding: inout YAMLDecoding
  ) {
    guard case .sequence(let items) = node.content else {
      decoding.error("'fields' must be a list, found \(YAMLDecoding.describe(node))", at: node)
      return
    }
    for item in items {
      guard let field = decodeNode(item, kind: .field, parent: parent, &decoding) else { continue }
      out.append(field)
      if case .mapping(let pairs) = item.content,
        let sub = pairs.first(where: { $0.key.scalar == "fields" })
      {
        decodeFields(sub.value, parent: field.node.id, into: &out, &decoding)
      }
    }
  }

  private static func decodeNode(
    _ yaml: YAMLNode, kind: TaxonomyNode.Kind, parent: String?, _ decoding: inout YAMLDecoding
  ) -> DraftNode? {
    let what = kind == .area ? "an area" : "a field"
    guard
      let map = decoding.mapping(
        yaml, what: what, allowed: kind == .area ? areaKeys : fieldKeys,
        required: ["id", "name"])
    else { return nil }
    guard let idNode = map["id"], let id = decoding.string(idNode, key: "id") else { return nil }
    var explicitParent: (String, SourceLocation)?
    if let p = map["parent"], let text = decoding.string(p, key: "parent") {
      explicitParent = (text, decoding.location(p))
    }
    var name = LocalizedText(en: "", nl: "")
    if let n = map["name"],
      let names = decoding.mapping(n, what: "'name'", allowed: ["en", "nl"], required: ["en", "nl"])
    {
      name.en = decoding.string(names["en"], key: "name.en") ?? ""
      name.nl = decoding.string(names["nl"], key: "name.nl") ?? ""
    }
    var sensitivity = Sensitivity.medium
    if let s = map["sensitivity"], let text = decoding.string(s, key: "sensitivity") {
      if let value = Sensitivity(rawValue: text) {
        sensitivity = value
      } else {
        var message = "unknown sensitivity '\(text)' (expected low, medium or high)"
        if let guess = EditDistance.suggestion(for: text, among: Sensitivity.allCases.map(\.rawValue)) {
          message = "unknown sensitivity '\(text)' (did you mean '\(guess)'?)"
        }
        decoding.error(message, at: s)
      }
    }
    var crosswalk = Crosswalk()
    if let c = map["crosswalk"], let cw = decoding.mapping(c, what: "'crosswalk'", allowed: crosswalkKeys) {
      crosswalk.eu2023_2113 = decoding.string(cw["eu_2023_2113"], key: "eu_2023_2113")
      crosswalk.nts2024 = decoding.stringListOrString(cw["nts_2024"], key: "nts_2024") ?? []
      crosswalk.usCET2024 = decoding.stringListOrString(cw["us_cet_2024"], key: "us_cet_2024") ?? []
    }
    let exclusions = decoding.stringListOrString(map["exclude"], key: "exclude") ?? []
    var draft = DraftNode(
      node: TaxonomyNode(
        kind: kind, id: id, parentID: explicitParent?.0 ?? parent, name: name,
        description: decoding.string(map["description"], key: "description") ?? "",
        sensitivity: sensitivity, crosswalk: crosswalk, dualUse: [],
        threshold: decoding.number(map["threshold"], key: "threshold"),
        exclusions: exclusions, terms: [],
        replaces: decoding.stringListOrString(map["replaces"], key: "replaces") ?? [],
        splitFrom: decoding.string(map["split_from"], key: "split_from"),
        location: decoding.location(yaml)),
      idLocation: decoding.location(idNode),
      explicitParent: explicitParent)
    draft.thresholdLocation = map["threshold"].map { decoding.location($0) }
    if let codes = decoding.stringList(map["dual_use"], key: "dual_use") {
      draft.dualUse = codes.map { ($0.0, decoding.location($0.1)) }
      draft.node.dualUse = codes.compactMap { DualUseCode($0.0) }
    }
    if let t = map["terms"] {
      draft.terms = decodeTerms(t, &decoding)
      draft.node.terms = draft.terms.map(\.term)
    }
    return draft
  }

  private static func decodeTerms(_ node: YAMLNode, _ decoding: inout YAMLDecoding) -> [DraftTerm] {
    guard case .mapping(let byLanguage) = node.content else {
      decoding.error(
        "'terms' must be a mapping from language code to a list of terms, found "
          + YAMLDecoding.describe(node), at: node)
      return []
    }
    var out: [DraftTerm] = []
    for pair in byLanguage {
      guard let language = decoding.string(pair.key, key: "language") else { continue }
      guard case .sequence(let items) = pair.value.content else {
        decoding.error(
          "terms for '\(language)' must be a list, found \(YAMLDecoding.describe(pair.value))",
          at: pair.value)
        continue
      }
      for item in items {
        if let term = decodeTerm(item, language: language, languageNode: pair.key, &decoding) {
          out.append(term)
        }
      }
    }
    return out
  }

  private static func decodeTerm(
    _ item: YAMLNode, language: String, languageNode: YAMLNode, _ decoding: inout YAMLDecoding
  ) -> DraftTerm? {
    let location = decoding.location(item)
    var term = Term(phrase: "", language: language, location: location)
    var weightLocation = location
    var text: String
    switch item.content {
    case .scalar(let s, _):
      text = s
    case .mapping:
      guard let map = decoding.mapping(item, what: "a term", allowed: termKeys, required: ["term"]),
        let s = decoding.string(map["term"], key: "term")
      else { return nil }
      text = s
      if let w = map["weight"] {
        weightLocation = decoding.location(w)
        if let value = decoding.number(w, key: "weight") { term.weight = value }
      }
      term.caseSensitive = decoding.bool(map["case_sensitive"], key: "case_sensitive") ?? false
      term.isCompoundPart = decoding.bool(map["compound"], key: "compound") ?? false
      term.inflects = decoding.bool(map["inflect"], key: "inflect") ?? !term.caseSensitive
      term.isWeak = decoding.bool(map["weak"], key: "weak") ?? false
      term.exclusions = decoding.stringListOrString(map["exclude"], key: "exclude") ?? []
      term.secondMeanings = decoding.stringListOrString(map["second_meaning"], key: "second_meaning") ?? []
    case .sequence:
      decoding.error("a term must be a text or a mapping with 'term', found a list", at: item)
      return nil
    }
    (term.phrase, term.isPrefix) = text.phraseAndPrefix
    return DraftTerm(
      term: term, weightLocation: weightLocation, languageLocation: decoding.location(languageNode))
  }
}

extension String {
  /// A term or cue as written: the phrase, trimmed, and whether a trailing `*` makes it a prefix.
  var phraseAndPrefix: (phrase: String, isPrefix: Bool) {
    var text = trimmingSpaces()
    guard text.hasSuffix("*") else { return (text, false) }
    text.removeLast()
    return (text.trimmingSpaces(), true)
  }

  /// The text without leading and trailing spaces, tabs and line breaks.
  func trimmingSpaces() -> String {
    // Most values have nothing to trim: no copy then, and no Unicode property lookup when both
    // ends are ASCII letters, digits or punctuation.
    if let a = utf8.first, let b = utf8.last, a > 0x20, a < 0x7F, b > 0x20, b < 0x7F { return self }
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
    return String(scalars[first...last])
  }
}
