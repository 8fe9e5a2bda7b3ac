/// IDs are lower-case dotted words, and a field's ID extends its parent's.
struct IdentifierCheck: TaxonomyCheck {
  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    for d in draft.nodes {
      let id = d.node.id
      let segments = id.split(separator: ".", omittingEmptySubsequences: false)
      let wellFormed =
        !id.isEmpty
        && segments.allSatisfy { segment in
          !segment.isEmpty && segment.first != "-" && segment.last != "-"
            && segment.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }
        }
      guard wellFormed else {
        diagnostics.append(
          Diagnostic(
            .error,
            "invalid id '\(id)' (expected lower-case words of a-z, 0-9 and '-', joined by dots)",
            at: d.idLocation))
        continue
      }
      switch d.node.kind {
      case .area where segments.count != 1:
        diagnostics.append(Diagnostic(.error, "area id '\(id)' must not contain a dot", at: d.idLocation))
      case .field where d.explicitParent == nil:
        // A field placed by an explicit `parent:` keeps its own ID (a field moved to another
        // area between releases stays the same field).
        if let parent = d.node.parentID, !id.hasPrefix(parent + ".") {
          diagnostics.append(
            Diagnostic(
              .error, "field id '\(id)' must start with its parent's id '\(parent).'", at: d.idLocation))
        }
      default:
        break
      }
    }
  }
}
