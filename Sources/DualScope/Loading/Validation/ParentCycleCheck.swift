/// Following parents from any node ends at an area: explicit `parent:` keys form no cycle, and
/// fields nest at most ``maxDepth`` levels below their area, so every later walk up the tree
/// (inherited exclusions, roll-up, reports) is short. Each node is walked once.
struct ParentCycleCheck: TaxonomyCheck {
  /// The deepest a field may sit: a field directly under its area is at depth 1.
  static let maxDepth = 32

  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    var parentOf: [String: String] = [:]
    for d in draft.nodes {
      if let parent = d.node.parentID, parentOf[d.node.id] == nil { parentOf[d.node.id] = parent }
    }
    // Depth of every node reached so far; -1 for a node on or above a cycle.
    var depthOf: [String: Int] = [:]
    var reported = Set<String>()
    for d in draft.nodes where depthOf[d.node.id] == nil {
      var path = [d.node.id]
      var onPath: [String: Int] = [d.node.id: 0]
      var current = d.node.id
      var base = 0
      while let next = parentOf[current] {
        if let known = depthOf[next] {
          base = known < 0 ? -1 : known + 1
          break
        }
        if let start = onPath[next] {
          let cycle = path[start...] + [next]
          if reported.insert(Set(cycle).sorted().joined(separator: ",")).inserted {
            diagnostics.append(
              Diagnostic(
                .error, "parent cycle: \(cycle.joined(separator: " -> "))",
                at: d.explicitParent?.location ?? d.idLocation))
          }
          base = -1
          break
        }
        onPath[next] = path.count
        path.append(next)
        current = next
      }
      // `base` is the depth of the path's last node; the nodes before it are one level deeper each.
      for (offset, id) in path.reversed().enumerated() {
        depthOf[id] = base < 0 ? -1 : base + offset
      }
    }
    // A chain deeper than the limit is reported once, at the field one level past it.
    for d in draft.nodes where depthOf[d.node.id] == Self.maxDepth + 1 {
      diagnostics.append(
        Diagnostic(
          .error, "field '\(d.node.id)' is nested deeper than \(Self.maxDepth) levels below its area",
          at: d.explicitParent?.location ?? d.idLocation))
    }
  }
}
