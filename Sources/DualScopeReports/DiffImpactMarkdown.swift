import DualScope
/// The impact section of the Markdown memo.
enum DiffImpactMarkdown {
  static func render(_ impact: DiffImpact, diff: TaxonomyDiff, into out: inout [String]) {
    out.append("## Impact on `\(impact.portfolio)`")
    out.append("")
    var first =
      "\(DiffFormatting.count(impact.documents, "document")) classified with both releases"
    if impact.unreadable > 0 { first += " (\(impact.unreadable) records could not be read)" }
    first += "; \(impact.changed) change (\(percent(impact.changed, impact.documents))). "
    first += "Documents with at least one area: \(impact.classified.old) → \(impact.classified.new)."
    out.append(first)
    out.append("")
    table("Areas", impact.areas, &out)
    table("Fields", impact.fields, &out)
    if !impact.levels.isEmpty {
      out.append("### Level changes")
      out.append("")
      out.append("| From | To | Documents |")
      out.append("|---|---|---:|")
      for l in impact.levels { out.append("| \(l.from.rawValue) | \(l.to.rawValue) | \(l.documents) |") }
      out.append("")
    }
    if let triage = impact.triage {
      out.append("### Triage changes")
      out.append("")
      out.append(DiffImpactText.triageNote(impact) + " A working aid, not legal advice; no result is not clearance.")
      out.append("")
      if !triage.isEmpty {
        out.append("| From | To | Documents |")
        out.append("|---|---|---:|")
        for t in triage { out.append("| \(t.from.rawValue) | \(t.to.rawValue) | \(t.documents) |") }
        out.append("")
      }
    }
    if !impact.examples.isEmpty {
      out.append("### Examples")
      out.append("")
      for e in impact.examples {
        out.append("#### `\(e.id)` (\(e.source):\(e.line)): level \(e.level.old.rawValue) → \(e.level.new.rawValue)")
        out.append("")
        for line in DiffImpactText.summaryLines(e, code: { "`\($0)`" }) { out.append("- " + line) }
        out.append("")
      }
    }
  }

  private static func table(_ title: String, _ rows: [DiffImpact.NodeCount], _ out: inout [String]) {
    let changed = rows.filter { $0.gained + $0.lost > 0 }
    guard !changed.isEmpty else { return }
    out.append("### \(title) gained and lost")
    out.append("")
    out.append("| ID | Name | Old | New | Gained | Lost |")
    out.append("|---|---|---:|---:|---:|---:|")
    for r in changed {
      let id = r.oldID.map { "`\($0)` → `\(r.id)`" } ?? "`\(r.id)`"
      out.append("| \(id) | \(r.name) | \(r.old) | \(r.new) | \(r.gained) | \(r.lost) |")
    }
    out.append("")
  }

  static func percent(_ part: Int, _ whole: Int) -> String {
    guard whole > 0 else { return "0%" }
    let p = Double(part) * 100 / Double(whole)
    return p >= 10 || p == 0 ? "\(Int(p.rounded()))%" : "\(Double(Int(p * 10)) / 10)%"
  }
}

/// The impact section of the text report, and lines both renderers share.
enum DiffImpactText {
  static func render(_ impact: DiffImpact, style: DiffTextStyle) -> [String] {
    var out: [String] = []
    out.append(style.heading("impact on \(impact.portfolio)"))
    var first = "  \(DiffFormatting.count(impact.documents, "document")), \(impact.changed) changed"
    first += " (\(DiffImpactMarkdown.percent(impact.changed, impact.documents)))"
    if impact.unreadable > 0 { first += ", \(impact.unreadable) unreadable" }
    out.append(first)
    out.append("  classified: \(impact.classified.old) → \(impact.classified.new)")
    for (title, rows) in [("areas", impact.areas), ("fields", impact.fields)] {
      let changed = rows.filter { $0.gained + $0.lost > 0 }
      guard !changed.isEmpty else { continue }
      out.append(style.heading(title))
      let width = changed.map { $0.id.count }.max() ?? 0
      for r in changed {
        let pad = String(repeating: " ", count: width - r.id.count)
        out.append(
          "  \(r.id)\(pad)  \(r.old) → \(r.new)  " + style.added("+\(r.gained)") + " " + style.removed("-\(r.lost)"))
      }
    }
    if !impact.levels.isEmpty {
      out.append(style.heading("levels"))
      for l in impact.levels { out.append("  \(l.from.rawValue) → \(l.to.rawValue): \(l.documents)") }
    }
    if let triage = impact.triage {
      out.append(style.heading("triage"))
      out.append("  " + triageNote(impact))
      for t in triage { out.append("  \(t.from.rawValue) → \(t.to.rawValue): \(t.documents)") }
    }
    if !impact.examples.isEmpty {
      out.append(style.heading("examples"))
      for e in impact.examples {
        out.append("  \(e.id) (\(e.source):\(e.line)): level \(e.level.old.rawValue) → \(e.level.new.rawValue)")
        for line in summaryLines(e, code: { $0 }) { out.append("    " + line) }
      }
    }
    return out
  }

  /// The first line of the triage section: how many triage levels changed, how many records
  /// could not be screened.
  static func triageNote(_ impact: DiffImpact) -> String {
    let moved = (impact.triage ?? []).reduce(0) { $0 + $1.documents }
    var text = "Each record re-screened under both releases' regimes: \(DiffFormatting.count(moved, "document")) change triage level"
    if let n = impact.unscreened, n > 0 { text += "; \(n) could not be screened (an unknown country in a screening column)" }
    return text + "."
  }

  /// What changed for one document: the triage, gained and lost areas and fields, then the evidence.
  static func summaryLines(_ e: DocumentChange, code: (String) -> String) -> [String] {
    var out: [String] = []
    if let t = e.triage, t.old != t.new { out.append("triage: \(t.old.rawValue) → \(t.new.rawValue)") }
    for r in e.regimes ?? [] {
      out.append("regime \(code(r.id)): \(r.status.old?.rawValue ?? "does-not-apply") → \(r.status.new?.rawValue ?? "does-not-apply")")
    }
    if !e.areasGained.isEmpty { out.append("areas gained: " + e.areasGained.map(code).joined(separator: ", ")) }
    if !e.areasLost.isEmpty { out.append("areas lost: " + e.areasLost.map(code).joined(separator: ", ")) }
    if !e.fieldsGained.isEmpty { out.append("fields gained: " + e.fieldsGained.map(code).joined(separator: ", ")) }
    if !e.fieldsLost.isEmpty { out.append("fields lost: " + e.fieldsLost.map(code).joined(separator: ", ")) }
    for f in e.evidence {
      let old = f.score.old.map(DiffFormatting.number) ?? "not assigned"
      let new = f.score.new.map(DiffFormatting.number) ?? "not assigned"
      var line = "\(code(f.field)) \(old) → \(new)"
      let items = f.added.map { "+" + item($0, code) } + f.removed.map { "−" + item($0, code) }
      if !items.isEmpty { line += ": " + items.joined(separator: ", ") }
      out.append(line)
    }
    return out
  }

  private static func item(_ e: EvidenceItem, _ code: (String) -> String) -> String {
    let texts = e.matches.map { "“\($0)”" }.joined(separator: ", ")
    return "\(code(e.term)) \(DiffFormatting.number(e.contribution)) [\(texts)]"
  }
}
