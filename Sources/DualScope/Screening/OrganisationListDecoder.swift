import TaxonomyYAML

/// Decodes a named-organisation list, `lists/<id>.yaml`.
enum OrganisationListDecoder {
  static let fileKeys = ["schema_version", "list", "organisations"]
  static let listKeys = ["id", "name", "version", "date", "source", "licence", "fictional", "regimes", "level"]
  static let organisationKeys = ["id", "name", "country", "aliases", "note"]

  static func decode(_ root: YAMLNode, countries: CountryTable, _ d: inout YAMLDecoding) -> OrganisationList? {
    guard
      let file = d.mapping(root, what: "an organisation list", allowed: fileKeys, required: ["list", "organisations"]),
      let listNode = file["list"],
      let map = d.mapping(
        listNode, what: "the list", allowed: listKeys, required: ["id", "name", "version", "source", "licence"])
    else { return nil }
    _ = SchemaVersion.check(file["schema_version"], in: &d)
    var list = OrganisationList(
      id: d.identifier(map["id"], key: "id") ?? "", name: d.string(map["name"], key: "name") ?? "",
      version: d.string(map["version"], key: "version") ?? "", date: d.day(map["date"], key: "date"),
      source: d.string(map["source"], key: "source") ?? "", licence: d.string(map["licence"], key: "licence") ?? "",
      fictional: d.bool(map["fictional"], key: "fictional") ?? false,
      regimes: d.stringList(map["regimes"], key: "regimes")?.map(\.0) ?? [],
      level: d.choice(map["level"], what: "level", as: TriageLevel.self) ?? .check, organisations: [], file: d.file)
    for item in RegimeFileDecoder.items(file["organisations"], key: "organisations", &d) {
      guard let o = d.mapping(item, what: "an organisation", allowed: organisationKeys, required: ["id", "name"]),
        let id = d.identifier(o["id"], key: "id"), let name = d.string(o["name"], key: "name")
      else { continue }
      if list.organisations.contains(where: { $0.id == id }) {
        d.error("organisation '\(id)' listed twice", at: o["id"]!)
        continue
      }
      let aliases = d.stringList(o["aliases"], key: "aliases") ?? []
      for (alias, node) in aliases + [(name, o["name"]!)]
      where !alias.contains(where: { $0.isLetter || $0.isNumber }) {
        d.error("a name or alias needs a letter or digit, found '\(alias)'", at: node)
      }
      list.organisations.append(
        ListedOrganisation(
          id: id, name: name, country: d.countryCode(o["country"], key: "country", table: countries),
          aliases: aliases.map(\.0), note: d.string(o["note"], key: "note")))
    }
    return list
  }
}
