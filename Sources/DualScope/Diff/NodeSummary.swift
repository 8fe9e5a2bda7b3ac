/// What a diff shows of an area or field on one side of a revision.
public struct NodeSummary: Sendable, Hashable, Encodable {
  public var kind: TaxonomyNode.Kind
  public var id: String
  /// The parent's ID; `nil` for an area.
  public var parent: String?
  /// The ID of the area the node belongs to (its own for an area).
  public var area: String
  public var name: LocalizedText
  public var sensitivity: Sensitivity
  public var dualUse: [String]
  /// Number of the node's own terms.
  public var terms: Int

  enum CodingKeys: String, CodingKey {
    case kind, id, parent, area, name, sensitivity, terms
    case dualUse = "dual_use"
  }

  init(_ node: TaxonomyNode, in taxonomy: Taxonomy) {
    kind = node.kind
    id = node.id
    parent = node.parentID
    area = taxonomy.area(of: node).id
    name = node.name
    sensitivity = node.sensitivity
    dualUse = node.dualUse.map(\.rawValue)
    terms = node.terms.count
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(kind, forKey: .kind)
    try c.encode(id, forKey: .id)
    try c.encode(parent, forKey: .parent)
    try c.encode(area, forKey: .area)
    try c.encode(name, forKey: .name)
    try c.encode(sensitivity, forKey: .sensitivity)
    try c.encode(dualUse, forKey: .dualUse)
    try c.encode(terms, forKey: .terms)
  }
}
