/// Following parents from any node ends at an area: explicit `parent:` keys form no cycle.
struct ParentCycleCheck: TaxonomyCheck {
  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    var parentOf: [String: String] = [:]
    for d in draft.nodes {
      if let parent = d.node.parentID, parentOf[d.node.id] == nil { parentOf[d.node.id] = parent }
    }
    var reported = Set<String>()
    for d in draft.nodes where d.explicitParent != nil {
      var path = [d.node.id]
      var seen: Set<String> = [d.node.id]
      var current = d.node.id
      while let next = parentOf[current] {
        path.append(next)
        if seen.contains(next) {
          let cycle = path[path.firstIndex(of: next)!...]
          if reported.insert(Set(cycle).sorted().joined(separator: ",")).inserted {
            diagnostics.append(
              Diagnostic(
                .error, "parent cycle: \(cycle.joined(separator: " -> "))",
                at: d.explicitParent!.location))
          }
          break
        }
        seen.insert(next)
        current = next
      }
    }
  }
}
