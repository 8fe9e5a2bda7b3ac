import TaxonomyYAML

/// Decodes `regimes/countries.yaml`: the countries and their groups.
enum CountryTableDecoder {
  static let fileKeys = ["schema_version", "groups", "countries"]
  static let countryKeys = ["code", "en", "nl", "aliases", "note"]

  static func decode(_ root: YAMLNode, _ d: inout YAMLDecoding) -> CountryTable {
    var table = CountryTable()
    guard let file = d.mapping(root, what: "the country table", allowed: fileKeys, required: ["countries"]) else {
      return table
    }
    _ = SchemaVersion.check(file["schema_version"], in: &d)
    var seenNames: [String: String] = [:]
    for item in RegimeFileDecoder.items(file["countries"], key: "countries", &d) {
      guard let map = d.mapping(item, what: "a country", allowed: countryKeys, required: ["code", "en", "nl"]),
        let codeNode = map["code"], let code = d.string(codeNode, key: "code")
      else { continue }
      guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
        d.error("a country code is two capital letters (ISO 3166-1 alpha-2), found '\(code)'", at: codeNode)
        continue
      }
      guard table.country(code: code) == nil else {
        d.error("country '\(code)' listed twice", at: codeNode)
        continue
      }
      let country = Country(
        code: code, english: d.string(map["en"], key: "en") ?? code, dutch: d.string(map["nl"], key: "nl") ?? code,
        aliases: d.stringList(map["aliases"], key: "aliases")?.map(\.0) ?? [], note: d.string(map["note"], key: "note"))
      for name in [country.english, country.dutch] + country.aliases {
        let key = CountryTable.key(name)
        if let other = seenNames[key], other != code {
          d.error("the name '\(name)' of \(code) is already a name of \(other)", at: item)
        }
        seenNames[key] = code
      }
      table.add(country)
    }
    if let groups = file["groups"], case .mapping(let pairs) = groups.content {
      for pair in pairs {
        guard case .scalar(let name, _) = pair.key.content else { continue }
        var codes: [String] = []
        for (code, item) in d.stringList(pair.value, key: name) ?? [] {
          if table.country(code: code) == nil {
            d.error(YAMLDecoding.unknownCountryMessage(code, table: table), at: item)
          } else {
            codes.append(code)
          }
        }
        table.groups[name] = codes
      }
    } else if let groups = file["groups"] {
      d.error("'groups' must be a mapping, found \(YAMLDecoding.describe(groups))", at: groups)
    }
    return table
  }
}
