import DualScope
/// Renders a taxonomy diff as a Markdown memo a policy officer can paste: the headline counts,
/// then one section per kind of change, then the impact on a portfolio when one was measured.
public struct DiffMarkdownRenderer: Sendable {
  public init() {}

  /// A Markdown memo of the revision, with the portfolio impact when given.
  public func render(
    _ diff: TaxonomyDiff, calibration: CalibrationDiff? = nil, screening: ScreeningDiff? = nil,
    impact: DiffImpact? = nil
  ) -> String {
    var out: [String] = []
    let code = { (s: String) in "`\(s)`" }
    out.append("# Taxonomy revision: \(diff.old.version) → \(diff.new.version)")
    out.append("")
    out.append(
      "Taxonomy `\(diff.new.id)`, compared from release `\(diff.old.version)` (\(diff.old.origin), "
        + "content hash `\(DiffFormatting.shortHash(diff.old.contentHash))`) to release "
        + "`\(diff.new.version)` (\(diff.new.origin), content hash "
        + "`\(DiffFormatting.shortHash(diff.new.contentHash))`).")
    out.append("")
    if diff.isEmpty {
      out.append("**No changes.** The two releases define the same areas, fields, terms and settings.")
      out.append("")
    } else {
      summary(diff, &out)
      manifest(diff.manifest, &out)
      nodeList("Added", diff.nodes.filter { $0.status == .added }, &out) { d in
        let n = d.new!
        return "\(n.kind == .area ? "Area" : "Field") `\(n.id)` — \(DiffFormatting.name(n.name)); "
          + Self.describe(n)
      }
      nodeList("Removed", diff.nodes.filter { $0.status == .removed }, &out) { d in
        let n = d.old!
        return "\(n.kind == .area ? "Area" : "Field") `\(n.id)` — \(DiffFormatting.name(n.name)); "
          + Self.describe(n)
      }
      events("Split", diff.events(.split), &out)
      events("Merged", diff.events(.merged), &out)
      events("Regrouped", diff.events(.regrouped), &out)
      nodeList("Moved", diff.nodes.filter { $0.status == .changed && $0.isMoved }, &out) { d in
        "`\(d.currentID)` — \(d.new!.name.en): " + DiffFormatting.move(d, code: code)
      }
      nodeList("ID renamed", diff.nodes.filter { $0.status == .changed && $0.isReidentified }, &out) { d in
        "`\(d.id!.old)` → `\(d.id!.new)` — \(d.new!.name.en)"
      }
      nodeList("Renamed", diff.nodes.filter { $0.status == .changed && $0.isRenamed }, &out) { d in
        "`\(d.currentID)`: " + DiffFormatting.rename(d.name!)
      }
      let changed = diff.nodes.filter { $0.status == .changed && $0.hasContentChanges }
      if !changed.isEmpty {
        out.append("## Changed")
        out.append("")
        for d in changed {
          out.append("### `\(d.currentID)` — \(d.new!.name.en)")
          out.append("")
          for line in DiffFormatting.details(d, code: code) { out.append("- " + Self.capitalised(line)) }
          out.append("")
        }
      }
    }
    if let calibration { CalibrationDiffText.markdown(calibration, into: &out) }
    if let screening { ScreeningDiffText.markdown(screening, into: &out) }
    if let impact { DiffImpactMarkdown.render(impact, diff: diff, into: &out) }
    while out.last == "" { out.removeLast() }
    return out.joined(separator: "\n") + "\n"
  }

  private func summary(_ diff: TaxonomyDiff, _ out: inout [String]) {
    out.append("## Summary")
    out.append("")
    let rows = DiffFormatting.headline(diff)
    if !rows.isEmpty {
      out.append("| Change | Areas | Fields |")
      out.append("|---|---:|---:|")
      for row in rows { out.append("| \(Self.capitalised(row.label)) | \(row.areas) | \(row.fields) |") }
      out.append("")
    }
    let s = DiffSummary(diff)
    var terms: [String] = []
    if s.termsAdded > 0 { terms.append("\(s.termsAdded) added") }
    if s.termsRemoved > 0 { terms.append("\(s.termsRemoved) removed") }
    if s.weightsChanged > 0 { terms.append("\(DiffFormatting.count(s.weightsChanged, "weight")) changed") }
    if !terms.isEmpty { out.append("Terms of fields kept: " + terms.joined(separator: ", ") + ".") }
    var other: [String] = []
    if s.sensitivityChanged > 0 { other.append("sensitivity of \(s.sensitivityChanged)") }
    if s.dualUseChanged > 0 { other.append("dual-use codes of \(s.dualUseChanged)") }
    if s.crosswalkChanged > 0 { other.append("crosswalks of \(s.crosswalkChanged)") }
    if !other.isEmpty { out.append("Changed: " + other.joined(separator: ", ") + ".") }
    if !terms.isEmpty || !other.isEmpty { out.append("") }
  }

  private func manifest(_ m: ManifestDiff, _ out: inout [String]) {
    guard !m.isEmpty else { return }
    out.append("## Release")
    out.append("")
    func line(_ label: String, _ c: Change<String>?) {
      if let c { out.append("- \(label): \(c.old) → \(c.new)") }
    }
    if let c = m.schemaVersion { out.append("- Schema version: \(c.old) → \(c.new)") }
    line("Taxonomy ID", m.id)
    line("Version", m.version)
    line("Title", m.title)
    line("Released", m.released)
    if let c = m.languages { out.append("- Languages: " + DiffFormatting.list(c, code: { $0 })) }
    for s in m.sourcesAdded { out.append("- Source added: \(Self.source(s))") }
    for s in m.sourcesRemoved { out.append("- Source removed: \(Self.source(s))") }
    for s in m.sourcesChanged {
      var parts: [String] = []
      if let t = s.title { parts.append("title “\(t.old)” → “\(t.new)”") }
      if let u = s.url { parts.append("address \(u.old ?? "none") → \(u.new ?? "none")") }
      out.append("- Source `\(s.id)` changed: " + parts.joined(separator: "; "))
    }
    if let c = m.fieldThreshold {
      out.append("- Default field threshold: \(DiffFormatting.number(c.old)) → \(DiffFormatting.number(c.new))")
    }
    if let c = m.areaThreshold {
      out.append("- Default area threshold: \(DiffFormatting.number(c.old)) → \(DiffFormatting.number(c.new))")
    }
    if let c = m.weakWindow { out.append("- Weak-term window: \(c.old) → \(c.new) words") }
    if let c = m.negationWindow {
      out.append("- Negation window: \(DiffFormatting.negationWindow(c.old)) → \(DiffFormatting.negationWindow(c.new))")
    }
    if let c = m.loneTermFactor {
      out.append(
        "- Threshold multiple for an area resting on one term: \(DiffFormatting.number(c.old)) → \(DiffFormatting.number(c.new))")
    }
    if let c = m.secondaryMinMatches {
      out.append("- Matches an area besides the best one needs: \(c.old) → \(c.new)")
    }
    if let c = m.clearEvidence {
      out.append("- Score a field needs for clear evidence: \(DiffFormatting.number(c.old)) → \(DiffFormatting.number(c.new))")
    }
    for line in m.studyContext?.summary ?? [] { out.append("- " + line.prefix(1).uppercased() + line.dropFirst()) }
    for line in m.recordContext?.summary ?? [] { out.append("- " + line.prefix(1).uppercased() + line.dropFirst()) }
    out.append("")
    if let notes = m.releaseNotes?.new, !notes.isEmpty {
      out.append("Release notes of the new release:")
      out.append("")
      for l in notes.split(separator: "\n", omittingEmptySubsequences: false) {
        out.append(l.isEmpty ? ">" : "> " + l)
      }
      while out.last == ">" { out.removeLast() }
      out.append("")
    }
  }

  private func nodeList(
    _ title: String, _ nodes: [NodeDiff], _ out: inout [String], _ line: (NodeDiff) -> String
  ) {
    guard !nodes.isEmpty else { return }
    out.append("## \(title)")
    out.append("")
    for d in nodes { out.append("- " + line(d)) }
    out.append("")
  }

  private func events(_ title: String, _ events: [LineageEvent], _ out: inout [String]) {
    guard !events.isEmpty else { return }
    out.append("## \(title)")
    out.append("")
    for e in events {
      let from = e.from.map { "`\($0.id)` (\($0.name.en))" }.joined(separator: " and ")
      let to = e.to.map { "`\($0.id)` (\($0.name.en))" }.joined(separator: " and ")
      out.append("- \(from) → \(to)")
      if let t = e.terms {
        if !t.added.isEmpty {
          out.append("  - \(DiffFormatting.count(t.added.count, "term")) added: " + DiffFormatting.terms(t.added) { "`\($0)`" })
        }
        if !t.removed.isEmpty {
          out.append("  - \(DiffFormatting.count(t.removed.count, "term")) removed: " + DiffFormatting.terms(t.removed) { "`\($0)`" })
        }
      }
    }
    out.append("")
  }

  static func describe(_ n: NodeSummary) -> String {
    var parts: [String] = []
    if n.kind == .field { parts.append("area `\(n.area)`") }
    parts.append("sensitivity \(n.sensitivity.rawValue)")
    if n.kind == .field { parts.append(DiffFormatting.count(n.terms, "term")) }
    if !n.dualUse.isEmpty { parts.append("dual-use " + n.dualUse.joined(separator: ", ")) }
    return parts.joined(separator: ", ")
  }

  static func source(_ s: SourceReference) -> String {
    "\(s.title) (`\(s.id)`)" + (s.url.map { " <\($0)>" } ?? "")
  }

  static func capitalised(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
}
