import DualScope

/// `GET /api/v1/taxonomy`: the release's statistics and its tree of areas and fields.
struct TaxonomyView: Encodable {
  struct Node: Encodable {
    var id: String
    var kind: String
    var name: LocalizedText
    var sensitivity: String?
    var terms: Int?
    var threshold: Double?
    var children: [Node]?
  }

  var schema = "dualscope.taxonomy-view/1"
  var stats: TaxonomyStats
  var tree: [Node]

  init(_ taxonomy: Taxonomy) {
    stats = TaxonomyStats(taxonomy)
    var byParent: [String: [TaxonomyNode]] = [:]
    var roots: [TaxonomyNode] = []
    for node in taxonomy.nodes {
      if let parent = node.parentID { byParent[parent, default: []].append(node) } else { roots.append(node) }
    }
    func view(_ n: TaxonomyNode) -> Node {
      let children = (byParent[n.id] ?? []).map(view)
      return Node(
        id: n.id, kind: n.kind.rawValue, name: n.name,
        sensitivity: n.kind == .area ? nil : n.sensitivity.rawValue,
        terms: n.kind == .area ? nil : n.terms.count, threshold: n.threshold,
        children: children.isEmpty ? nil : children)
    }
    tree = roots.map(view)
  }
}
