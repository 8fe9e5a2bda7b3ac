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

  /// Counts a release.
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
}

/// One area or field with everything a reviewer wants to see (`dualscope taxonomy show`).
public struct NodeView: Sendable, Codable {
  /// A term as `taxonomy show` lists it.
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

  /// Gathers what a reviewer wants to see of one node.
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
      if !t.secondMeanings.isEmpty { options.append("second meaning: " + t.secondMeanings.joined(separator: ", ")) }
      return TermView(term: t.displayPhrase, language: t.language, weight: t.weight, options: options, exclude: t.exclusions)
    }
  }
}
