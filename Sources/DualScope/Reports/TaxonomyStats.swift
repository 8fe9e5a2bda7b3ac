/// Counts and identity of a taxonomy release (`dualscope taxonomy stats`).
public struct TaxonomyStats: Sendable, Codable {
  public var id: String
  public var version: String
  public var schemaVersion: Int
  public var contentHash: String
  public var title: String
  public var released: String
  public var areas: [String]
  public var fields: Int
  public var terms: Int
  public var termsByLanguage: [String: Int]
  public var termsByArea: [String: Int]
  public var fieldsBySensitivity: [String: Int]
  public var dualUseCodes: Int
  public var dualUseByCategory: [String: Int]

  enum CodingKeys: String, CodingKey {
    case id, version, title, released, areas, fields, terms
    case schemaVersion = "schema_version"
    case contentHash = "content_hash"
    case termsByLanguage = "terms_by_language"
    case termsByArea = "terms_by_area"
    case fieldsBySensitivity = "fields_by_sensitivity"
    case dualUseCodes = "dual_use_codes"
    case dualUseByCategory = "dual_use_by_category"
  }

  public init(_ t: Taxonomy) {
    id = t.id
    version = t.version
    schemaVersion = t.manifest.schemaVersion
    contentHash = t.contentHash
    title = t.manifest.title
    released = t.manifest.released
    areas = t.areas.map(\.id)
    fields = t.fields.count
    terms = t.termCount
    var byLanguage: [String: Int] = [:]
    var byArea: [String: Int] = [:]
    var bySensitivity: [String: Int] = [:]
    var codes = Set<String>()
    var byCategory: [String: Int] = [:]
    for node in t.nodes {
      for term in node.terms { byLanguage[term.language, default: 0] += 1 }
      byArea[t.area(of: node).id, default: 0] += node.terms.count
      if node.kind == .field { bySensitivity[node.sensitivity.rawValue, default: 0] += 1 }
      for code in node.dualUse where codes.insert(code.rawValue).inserted {
        byCategory[String(code.category), default: 0] += 1
      }
    }
    termsByLanguage = byLanguage
    termsByArea = byArea
    fieldsBySensitivity = bySensitivity
    dualUseCodes = codes.count
    dualUseByCategory = byCategory
  }

  /// The statistics as aligned text.
  public var text: String {
    var out = "\(id) \(version) (schema \(schemaVersion)): \(title)\n"
    out += "released      \(released)\n"
    out += "content hash  \(contentHash)\n"
    out += "areas         \(areas.count)\n"
    out += "fields        \(fields)\n"
    out += "terms         \(terms)\n"
    for (language, count) in termsByLanguage.sorted(by: { $0.key < $1.key }) {
      let share = terms == 0 ? 0 : Double(count) * 100 / Double(terms)
      out += "  \(language)          \(count) (\(Int(share.rounded()))%)\n"
    }
    out += "dual-use codes \(dualUseCodes)\n"
    out += "terms by area:\n"
    for area in areas { out += "  \(area.padding(26)) \(termsByArea[area] ?? 0)\n" }
    return out
  }
}

/// One area or field with everything a reviewer wants to see (`dualscope taxonomy show`).
public struct NodeView: Sendable, Codable {
  public struct TermView: Sendable, Codable {
    public var term: String
    public var language: String
    public var weight: Double
    public var options: [String]
    public var exclude: [String]
  }

  public var id: String
  public var kind: String
  public var name: LocalizedText
  public var description: String
  public var sensitivity: Sensitivity
  public var crosswalk: Crosswalk
  public var dualUse: [String]
  public var threshold: Double?
  public var exclude: [String]
  public var children: [String]
  public var terms: [TermView]
  public var location: String

  enum CodingKeys: String, CodingKey {
    case id, kind, name, description, sensitivity, crosswalk, threshold, exclude, children, terms, location
    case dualUse = "dual_use"
  }

  public init(_ node: TaxonomyNode, in taxonomy: Taxonomy) {
    id = node.id
    kind = node.kind.rawValue
    name = node.name
    description = node.description
    sensitivity = node.sensitivity
    crosswalk = node.crosswalk
    dualUse = node.dualUse.map(\.rawValue)
    threshold = node.threshold
    exclude = node.exclusions
    children = taxonomy.children(of: node.id).map(\.id)
    location = "\(node.location.file):\(node.location.line):\(node.location.column)"
    terms = node.terms.map { t in
      var options: [String] = []
      if t.caseSensitive { options.append("case-sensitive") }
      if t.isPrefix { options.append("prefix") }
      if t.isCompoundPart { options.append("compound") }
      if t.isWeak { options.append("weak") }
      if !t.inflects { options.append("no-inflection") }
      return TermView(term: t.displayPhrase, language: t.language, weight: t.weight, options: options, exclude: t.exclusions)
    }
  }

  public var text: String {
    var out = "\(id)  (\(kind), \(location))\n"
    out += "  name         \(name.en) / \(name.nl)\n"
    if !description.isEmpty { out += "  description  \(description)\n" }
    out += "  sensitivity  \(sensitivity.rawValue)\n"
    if let eu = crosswalk.eu2023_2113 { out += "  EU 2023/2113 \(eu)\n" }
    if !crosswalk.nts2024.isEmpty { out += "  NTS 2024     \(crosswalk.nts2024.joined(separator: "; "))\n" }
    if !crosswalk.usCET2024.isEmpty { out += "  US CET 2024  \(crosswalk.usCET2024.joined(separator: "; "))\n" }
    if !dualUse.isEmpty { out += "  dual-use     \(dualUse.joined(separator: ", "))\n" }
    if let threshold { out += "  threshold    \(Classifier.format(threshold))\n" }
    if !exclude.isEmpty { out += "  excludes     \(exclude.joined(separator: "; "))\n" }
    if !children.isEmpty { out += "  children     \(children.joined(separator: ", "))\n" }
    if !terms.isEmpty {
      out += "  terms (\(terms.count)):\n"
      for t in terms {
        var line = "    [\(t.language)] \(t.term.padding(36)) \(Classifier.format(t.weight))"
        if !t.options.isEmpty { line += "  " + t.options.joined(separator: ", ") }
        if !t.exclude.isEmpty { line += "  not: " + t.exclude.joined(separator: "; ") }
        out += line + "\n"
      }
    }
    return out
  }
}

extension String {
  func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
