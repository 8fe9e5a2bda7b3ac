/// Which old node became which new node: same IDs, and the links the lineage keys declare.
///
/// A link joins an old node `o` and a new node `n` when `n` is new (its ID is not in the old
/// release) and names `o` in `replaces:` or `split_from:`, or, read the other way, when `o` is
/// gone from the new release and names `n`. Reading both releases makes the pairing the same in
/// both directions. Linked nodes form groups: a group of one old and one new node is a pair (a
/// re-identified or moved node); any larger group is a split, merge or regrouping event. Nodes
/// with the same ID in both releases are always a pair.
struct Lineage {
  /// Old node index → new node index for every pair; and the inverse.
  var oldPartner: [Int: Int] = [:]
  var newPartner: [Int: Int] = [:]
  /// Pairs in the new release's order.
  var pairs: [(Int, Int)] = []
  /// Groups larger than a pair: old and new node indices, each in release order.
  var events: [(old: [Int], new: [Int])] = []
  var oldInEvent = Set<Int>()
  var newInEvent = Set<Int>()

  init(old: Taxonomy, new: Taxonomy) {
    // Links between old and new indices, from both releases' declarations.
    var links: [(Int, Int)] = []
    for (n, node) in new.nodes.enumerated() where old.index(of: node.id) == nil {
      for id in Self.declared(node) {
        if let o = old.index(of: id), old.nodes[o].kind == node.kind { links.append((o, n)) }
      }
    }
    for (o, node) in old.nodes.enumerated() where new.index(of: node.id) == nil {
      for id in Self.declared(node) {
        if let n = new.index(of: id), new.nodes[n].kind == node.kind { links.append((o, n)) }
      }
    }
    // Union-find over old indices [0, oldCount) and new indices [oldCount, oldCount + newCount).
    let offset = old.nodes.count
    var parent = Array(0..<(offset + new.nodes.count))
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    func union(_ a: Int, _ b: Int) {
      let (ra, rb) = (find(a), find(b))
      if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
    var linked = Set<Int>()
    for (o, n) in links {
      union(o, offset + n)
      linked.insert(o)
    }
    for (o, node) in old.nodes.enumerated() {
      if let n = new.index(of: node.id) { union(o, offset + n) }
    }
    // Collect the groups that hold a link.
    var roots = Set<Int>()
    for o in linked { roots.insert(find(o)) }
    var groups: [Int: (old: [Int], new: [Int])] = [:]
    for o in old.nodes.indices {
      let root = find(o)
      if roots.contains(root) { groups[root, default: ([], [])].old.append(o) }
    }
    for n in new.nodes.indices {
      let root = find(offset + n)
      if roots.contains(root) { groups[root, default: ([], [])].new.append(n) }
    }

    for (o, node) in old.nodes.enumerated() {
      guard let n = new.index(of: node.id) else { continue }
      oldPartner[o] = n
      newPartner[n] = o
    }
    for group in groups.values.sorted(by: { $0.new.min()! < $1.new.min()! }) {
      if group.old.count == 1 && group.new.count == 1 {
        oldPartner[group.old[0]] = group.new[0]
        newPartner[group.new[0]] = group.old[0]
      } else {
        events.append(group)
        oldInEvent.formUnion(group.old)
        newInEvent.formUnion(group.new)
      }
    }
    pairs = newPartner.sorted { $0.key < $1.key }.map { ($0.value, $0.key) }
  }

  /// The IDs a node's lineage keys name.
  private static func declared(_ node: TaxonomyNode) -> [String] {
    node.replaces + (node.splitFrom.map { [$0] } ?? [])
  }

  /// The ID an old node has in the new release: its partner's, or its own when it has none.
  func newID(ofOld id: String, _ old: Taxonomy, _ new: Taxonomy) -> String {
    guard let o = old.index(of: id), let n = oldPartner[o] else { return id }
    return new.nodes[n].id
  }
}
