/// The taxonomy's nodes as flat arrays of what scoring reads, indexed like ``Taxonomy/nodes``.
///
/// Scoring touches every node of every document; reading a `TaxonomyNode` copies (and retains)
/// its strings and arrays, which cost more than the arithmetic. These arrays hold plain values
/// or strings that are only retained when a result is built.
struct NodeTable: Sendable {
  let isArea: [Bool]
  /// Index of the parent node, or -1 for an area.
  let parent: [Int]
  /// Index of the node's area (itself for an area).
  let area: [Int]
  let sensitivity: [Sensitivity]
  let id: [String]
  let name: [String]
  let dualUse: [[String]]
  /// Indexes of the areas, in report order.
  let areas: [Int]
  /// The nodes with a parent, deepest first: adding each one's score to its parent's in this
  /// order rolls sub-fields into fields and fields into areas whatever order the files list
  /// them in (an explicit `parent:` may name a field that comes later).
  let rollUpOrder: [Int]

  var count: Int { isArea.count }

  init(_ taxonomy: Taxonomy) {
    let nodes = taxonomy.nodes
    isArea = nodes.map { $0.kind == .area }
    let parent = nodes.map { node in node.parentID.flatMap { taxonomy.index(of: $0) } ?? -1 }
    self.parent = parent
    var area: [Int] = []
    var depth: [Int] = []
    area.reserveCapacity(nodes.count)
    for i in nodes.indices {
      var current = i
      var steps = 0
      while parent[current] >= 0 && steps < nodes.count {
        current = parent[current]
        steps += 1
      }
      area.append(current)
      depth.append(steps)
    }
    self.area = area
    rollUpOrder = nodes.indices.filter { parent[$0] >= 0 }.sorted { (depth[$0], $1) > (depth[$1], $0) }
    sensitivity = nodes.map(\.sensitivity)
    id = nodes.map(\.id)
    name = nodes.map(\.name.en)
    dualUse = nodes.map { $0.dualUse.map(\.rawValue) }
    areas = nodes.indices.filter { nodes[$0].kind == .area }
  }

  /// Whether `node` is `ancestor` or lies below it.
  @inline(__always)
  func isWithin(_ node: Int, _ ancestor: Int) -> Bool {
    var current = node
    var steps = 0
    while current >= 0 && steps <= count {
      if current == ancestor { return true }
      current = parent[current]
      steps &+= 1
    }
    return false
  }
}
