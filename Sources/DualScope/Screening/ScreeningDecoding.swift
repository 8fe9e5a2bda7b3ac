import TaxonomyYAML

/// Typed values the screening files need beyond `YAMLDecoding`'s: days, choices from a fixed
/// set, country codes and cue phrases.
extension YAMLDecoding {
  /// A `YYYY-MM-DD` day.
  mutating func day(_ node: YAMLNode?, key: String) -> CalendarDay? {
    guard let node, let text = string(node, key: key) else { return nil }
    guard let day = CalendarDay(text) else {
      error("'\(key)' must be a date as YYYY-MM-DD, found '\(text)'", at: node)
      return nil
    }
    return day
  }

  /// One of a fixed set of words (`what` names it in the message: "trigger", "kind").
  mutating func choice<E: RawRepresentable & CaseIterable>(_ node: YAMLNode?, what: String, as type: E.Type)
    -> E? where E.RawValue == String
  {
    guard let node, let text = string(node, key: what) else { return nil }
    if let value = E(rawValue: text) { return value }
    let names = E.allCases.map(\.rawValue)
    var message = "unknown \(what) '\(text)'"
    if let s = EditDistance.suggestion(for: text, among: names) { message += " (did you mean '\(s)'?)" }
    message += "; expected one of: " + names.joined(separator: ", ")
    error(message, at: node)
    return nil
  }

  /// A list of words from a fixed set.
  mutating func choices<E: RawRepresentable & CaseIterable & Equatable>(
    _ node: YAMLNode?, key: String, what: String, as type: E.Type
  ) -> [E] where E.RawValue == String {
    guard let node else { return [] }
    guard case .sequence(let items) = node.content else {
      error("'\(key)' must be a list, found \(YAMLDecoding.describe(node))", at: node)
      return []
    }
    var out: [E] = []
    for item in items {
      guard let value = choice(item, what: what, as: type) else { continue }
      if out.contains(value) {
        error("\(what) '\(value.rawValue)' listed twice", at: item)
      } else {
        out.append(value)
      }
    }
    return out
  }

  /// A list of ISO country codes and `@group` references, checked against the table.
  mutating func countryCodes(_ node: YAMLNode?, key: String, table: CountryTable) -> [String] {
    guard let node else { return [] }
    var out: [String] = []
    for (text, item) in stringList(node, key: key) ?? [] {
      switch table.expand([text]) {
      case .success(let codes):
        for code in codes where !out.contains(code) { out.append(code) }
      case .failure:
        error(Self.unknownCountryMessage(text, table: table), at: item)
      }
    }
    return out
  }

  /// A single country code.
  mutating func countryCode(_ node: YAMLNode?, key: String, table: CountryTable) -> String? {
    guard let node, let text = string(node, key: key) else { return nil }
    guard table.country(code: text) != nil else {
      error(Self.unknownCountryMessage(text, table: table), at: node)
      return nil
    }
    return text
  }

  static func unknownCountryMessage(_ text: String, table: CountryTable) -> String {
    if text.hasPrefix("@") {
      let names = table.groups.keys.sorted().map { "@" + $0 }
      return "unknown country group '\(text)'; known groups: " + names.joined(separator: ", ")
    }
    var message = "unknown country code '\(text)'"
    if let c = table.resolve(text) {
      message += " (did you mean '\(c.code)', \(c.english)?)"
    } else if let s = EditDistance.suggestion(for: text.uppercased(), among: table.countries.map(\.code)),
      s == text.uppercased()
    {
      message += " (codes are written in capitals: '\(s)')"
    }
    return message + "; countries are ISO 3166-1 alpha-2 codes"
  }

  /// `{en: [...], nl: [...]}`: cue phrases per language, `*` at the end for a prefix.
  mutating func cuePhrases(_ node: YAMLNode?, key: String) -> [CuePhrase] {
    guard let node, let map = mapping(node, what: "'\(key)'", allowed: ["en", "nl"]) else { return [] }
    var out: [CuePhrase] = []
    for language in ["en", "nl"] {
      for (text, item) in stringList(map[language], key: language) ?? [] {
        let (phrase, isPrefix) = text.phraseAndPrefix
        guard !phrase.isEmpty, !phrase.contains("*"), phrase.contains(where: { $0.isLetter || $0.isNumber })
        else {
          error("a cue must be a phrase, with '*' only at its end, found '\(text)'", at: item)
          continue
        }
        out.append(CuePhrase(text: phrase, language: language, isPrefix: isPrefix))
      }
    }
    return out
  }

  /// A list of texts (or one text).
  mutating func texts(_ node: YAMLNode?, key: String) -> [String] {
    stringListOrString(node, key: key) ?? []
  }

  /// An identifier: lower case letters, digits, hyphens and dots, starting with a letter.
  mutating func identifier(_ node: YAMLNode?, key: String) -> String? {
    guard let node, let text = string(node, key: key) else { return nil }
    let startsWithLetter = text.first.map { $0.isASCII && $0.isLowercase } ?? false
    let ok =
      startsWithLetter && text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
    if !ok {
      error("'\(key)' must be lower-case letters, digits and hyphens, starting with a letter, found '\(text)'", at: node)
      return nil
    }
    return text
  }
}
