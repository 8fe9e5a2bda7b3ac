extension Taxonomy {
  /// Checks the model's internal consistency; a violation is a bug in the loader, not in the
  /// YAML. Full checks compile in with `-D DUALSCOPE_INTERNAL_CHECKS` (debug builds have it);
  /// otherwise this does nothing. Tests call it after every load.
  public func _checkInvariants() {
    #if DUALSCOPE_INTERNAL_CHECKS
      var seen = Set<String>()
      for (i, node) in nodes.enumerated() {
        precondition(seen.insert(node.id).inserted, "duplicate node \(node.id)")
        precondition(index(of: node.id) == i, "index of \(node.id) is stale")
        switch node.kind {
        case .area:
          precondition(node.parentID == nil, "area \(node.id) has a parent")
          precondition(node.terms.isEmpty, "area \(node.id) has terms of its own")
        case .field:
          guard let parent = node.parentID, let p = index(of: parent) else {
            preconditionFailure("field \(node.id) has no parent in the taxonomy")
          }
          _ = p
          precondition(area(of: node).kind == .area, "field \(node.id) does not lead to an area")
        }
        for term in node.terms {
          precondition(!term.phrase.isEmpty, "empty term in \(node.id)")
          precondition(term.weight > 0 && term.weight <= 10, "weight out of range in \(node.id)")
          precondition(manifest.languages.contains(term.language), "undeclared language in \(node.id)")
          precondition(!(term.caseSensitive && term.isCompoundPart), "case-sensitive compound in \(node.id)")
        }
      }
      precondition(contentHash.count == 64, "content hash is not SHA-256 hex")
    #endif
  }
}
