import TaxonomyYAML

/// Decodes `taxonomy.yaml`, the manifest of a release.
enum ManifestDecoder {
  static let keys = [
    "schema_version", "id", "version", "title", "released", "languages", "defaults", "sources",
    "areas", "release_notes",
  ]

  /// The manifest, or `nil` when it is unusable; problems go into `decoding`.
  static func decode(_ root: YAMLNode, _ decoding: inout YAMLDecoding)
    -> (TaxonomyManifest, areaLocations: [SourceLocation])?
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
          "field_threshold", "area_threshold", "weak_window", "lone_term_factor", "secondary_min_terms",
          "clear_evidence",
        ])
    {
      if let v = decoding.number(d["field_threshold"], key: "field_threshold") { defaults.fieldThreshold = v }
      if let v = decoding.number(d["area_threshold"], key: "area_threshold") { defaults.areaThreshold = v }
      if let v = decoding.integer(d["weak_window"], key: "weak_window") { defaults.weakWindow = v }
      if let v = decoding.number(d["lone_term_factor"], key: "lone_term_factor") { defaults.loneTermFactor = v }
      if let v = decoding.integer(d["secondary_min_terms"], key: "secondary_min_terms") { defaults.secondaryMinTerms = v }
      if let v = decoding.number(d["clear_evidence"], key: "clear_evidence") { defaults.clearEvidence = v }
    }
    var sources: [SourceReference] = []
    if let node = map["sources"] {
      if case .sequence(let items) = node.content {
        for item in items {
          guard
            let s = decoding.mapping(
              item, what: "a source", allowed: ["id", "title", "url"], required: ["id", "title"])
          else { continue }
          sources.append(
            SourceReference(
              id: decoding.string(s["id"], key: "id") ?? "",
              title: decoding.string(s["title"], key: "title") ?? "",
              url: decoding.string(s["url"], key: "url")))
        }
      } else {
        decoding.error("'sources' must be a list, found \(YAMLDecoding.describe(node))", at: node)
      }
    }
    let areas = decoding.stringList(map["areas"], key: "areas") ?? []
    let manifest = TaxonomyManifest(
      schemaVersion: schemaVersion,
      id: decoding.string(map["id"], key: "id") ?? "",
      version: decoding.string(map["version"], key: "version") ?? "",
      title: decoding.string(map["title"], key: "title") ?? "",
      released: decoding.string(map["released"], key: "released") ?? "",
      languages: decoding.stringList(map["languages"], key: "languages")?.map(\.0) ?? [],
      defaults: defaults,
      sources: sources,
      areaFiles: areas.map(\.0),
      releaseNotes: decoding.string(map["release_notes"], key: "release_notes") ?? "")
    return (manifest, areas.map { decoding.location($0.1) })
  }
}
