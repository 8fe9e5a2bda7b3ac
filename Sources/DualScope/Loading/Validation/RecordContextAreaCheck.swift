/// Every area a record-context rule names (`supports`, `areas`) is an area of the release; a
/// field is not, since a rule sets an area's bar.
struct RecordContextAreaCheck: TaxonomyCheck {
  func run(_ draft: TaxonomyDraft, _ diagnostics: inout [Diagnostic]) {
    guard !draft.recordContextAreas.isEmpty else { return }
    let areas = draft.nodes.filter { $0.node.kind == .area }.map(\.node.id)
    let known = Set(areas)
    for (id, location) in draft.recordContextAreas where !known.contains(id) {
      var message = "record-context rule names '\(id)', which is no area of the release"
      if let guess = EditDistance.suggestion(for: id, among: areas) { message += " (did you mean '\(guess)'?)" }
      diagnostics.append(Diagnostic(.error, message, at: location))
    }
  }
}
