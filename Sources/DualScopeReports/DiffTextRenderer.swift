import DualScope
/// ANSI styling for the text report, or none.
struct DiffTextStyle {
  let colour: Bool

  func heading(_ s: String) -> String { colour ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
  func added(_ s: String) -> String { colour ? "\u{1B}[32m\(s)\u{1B}[0m" : s }
  func removed(_ s: String) -> String { colour ? "\u{1B}[31m\(s)\u{1B}[0m" : s }
  func changed(_ s: String) -> String { colour ? "\u{1B}[33m\(s)\u{1B}[0m" : s }
}

/// Renders a taxonomy diff for a terminal: `+` added, `-` removed, `~` changed, grouped by kind.
public struct DiffTextRenderer: Sendable {
  /// Wrap marks and headings in ANSI colours.
  public var colour: Bool

  public init(colour: Bool = false) { self.colour = colour }

  /// The revision as aligned text, with the portfolio impact when given.
  public func render(
    _ diff: TaxonomyDiff, calibration: CalibrationDiff? = nil, screening: ScreeningDiff? = nil,
    impact: DiffImpact? = nil
  ) -> String {
    let style = DiffTextStyle(colour: colour)
    var out: [String] = []
    out.append(style.heading("taxonomy \(diff.new.id): \(diff.old.version) → \(diff.new.version)"))
    out.append("  old: \(diff.old.origin) (\(DiffFormatting.shortHash(diff.old.contentHash)))")
    out.append("  new: \(diff.new.origin) (\(DiffFormatting.shortHash(diff.new.contentHash)))")
    if diff.isEmpty {
      out.append("no changes")
    } else {
      let rows = DiffFormatting.headline(diff)
      if !rows.isEmpty {
        out.append(
          "summary: "
            + rows.map { row in
              [row.areas > 0 ? DiffFormatting.count(row.areas, "area") : nil,
               row.fields > 0 ? DiffFormatting.count(row.fields, "field") : nil]
                .compactMap { $0 }.joined(separator: " and ") + " " + row.label
            }.joined(separator: "; "))
      }
      manifest(diff.manifest, style, &out)
      section("added", diff.nodes.filter { $0.status == .added }, style, &out) { d in
        style.added("+ ") + "\(d.new!.id)  \(d.new!.name.en)  (\(Self.describe(d.new!)))"
      }
      section("removed", diff.nodes.filter { $0.status == .removed }, style, &out) { d in
        style.removed("- ") + "\(d.old!.id)  \(d.old!.name.en)  (\(Self.describe(d.old!)))"
      }
      for kind in [LineageEvent.Kind.split, .merged, .regrouped] {
        let events = diff.events(kind)
        guard !events.isEmpty else { continue }
        out.append(style.heading(kind.rawValue))
        for e in events {
          out.append(
            style.changed("~ ") + e.from.map(\.id).joined(separator: ", ") + " → "
              + e.to.map(\.id).joined(separator: ", "))
          if let t = e.terms { termLines(t, style, &out) }
        }
      }
      section("moved", diff.nodes.filter { $0.status == .changed && $0.isMoved }, style, &out) { d in
        style.changed("~ ") + "\(d.currentID)  " + DiffFormatting.move(d, code: { $0 })
      }
      section("ID renamed", diff.nodes.filter { $0.status == .changed && $0.isReidentified }, style, &out) {
        style.changed("~ ") + "\($0.id!.old) → \($0.id!.new)"
      }
      section("renamed", diff.nodes.filter { $0.status == .changed && $0.isRenamed }, style, &out) {
        style.changed("~ ") + "\($0.currentID)  " + DiffFormatting.rename($0.name!)
      }
      let changed = diff.nodes.filter { $0.status == .changed && $0.hasContentChanges }
      if !changed.isEmpty {
        out.append(style.heading("changed"))
        for d in changed {
          out.append(style.changed("~ ") + "\(d.currentID)  \(d.new!.name.en)")
          var details = d
          details.terms = nil
          for line in DiffFormatting.details(details, code: { $0 }) { out.append("    " + line) }
          if let t = d.terms { termLines(t, style, &out) }
        }
      }
    }
    if let calibration { out += CalibrationDiffText.render(calibration, style: style) }
    if let screening { out += ScreeningDiffText.render(screening, style: style) }
    if let impact { out += DiffImpactText.render(impact, style: style) }
    return out.joined(separator: "\n") + "\n"
  }

  private func manifest(_ m: ManifestDiff, _ style: DiffTextStyle, _ out: inout [String]) {
    guard !m.isEmpty else { return }
    out.append(style.heading("release"))
    let pairs: [(String, Change<String>?)] = [
      ("taxonomy id", m.id), ("version", m.version), ("title", m.title), ("released", m.released),
    ]
    if let c = m.schemaVersion { out.append(style.changed("~ ") + "schema version: \(c.old) → \(c.new)") }
    for (label, c) in pairs { if let c { out.append(style.changed("~ ") + "\(label): \(c.old) → \(c.new)") } }
    if let c = m.languages {
      for l in c.added { out.append(style.added("+ ") + "language \(l)") }
      for l in c.removed { out.append(style.removed("- ") + "language \(l)") }
    }
    for s in m.sourcesAdded { out.append(style.added("+ ") + "source \(s.id): \(s.title)") }
    for s in m.sourcesRemoved { out.append(style.removed("- ") + "source \(s.id): \(s.title)") }
    for s in m.sourcesChanged { out.append(style.changed("~ ") + "source \(s.id)") }
    if let c = m.fieldThreshold {
      out.append(style.changed("~ ") + "field threshold: \(DiffFormatting.number(c.old)) → \(DiffFormatting.number(c.new))")
    }
    if let c = m.areaThreshold {
      out.append(style.changed("~ ") + "area threshold: \(DiffFormatting.number(c.old)) → \(DiffFormatting.number(c.new))")
    }
    if let c = m.weakWindow { out.append(style.changed("~ ") + "weak window: \(c.old) → \(c.new)") }
    if let c = m.negationWindow {
      out.append(style.changed("~ ") + "negation window: \(DiffFormatting.negationWindow(c.old)) → \(DiffFormatting.negationWindow(c.new))")
    }
    if let c = m.loneTermFactor {
      out.append(
        style.changed("~ ") + "lone-term factor: \(DiffFormatting.number(c.old)) → \(DiffFormatting.number(c.new))")
    }
    if let c = m.secondaryMinMatches { out.append(style.changed("~ ") + "matches an area besides the best needs: \(c.old) → \(c.new)") }
    if let c = m.clearEvidence {
      out.append(
        style.changed("~ ") + "clear evidence: \(DiffFormatting.number(c.old)) → \(DiffFormatting.number(c.new))")
    }
    for line in m.studyContext?.summary ?? [] { out.append(style.changed("~ ") + line) }
    for line in m.recordContext?.summary ?? [] { out.append(style.changed("~ ") + line) }
    if m.releaseNotes != nil { out.append(style.changed("~ ") + "release notes") }
  }

  private func section(
    _ title: String, _ nodes: [NodeDiff], _ style: DiffTextStyle, _ out: inout [String],
    _ line: (NodeDiff) -> String
  ) {
    guard !nodes.isEmpty else { return }
    out.append(style.heading(title))
    for d in nodes { out.append(line(d)) }
  }

  private func termLines(_ t: TermChanges, _ style: DiffTextStyle, _ out: inout [String]) {
    for term in t.added { out.append("    " + style.added("+ ") + Self.term(term)) }
    for term in t.removed { out.append("    " + style.removed("- ") + Self.term(term)) }
    for c in t.changed {
      var parts: [String] = []
      if let w = c.weight { parts.append("weight \(DiffFormatting.number(w.old)) → \(DiffFormatting.number(w.new))") }
      if let o = c.options {
        parts.append("\(DiffFormatting.options(o.old)) → \(DiffFormatting.options(o.new))")
      }
      if let s = c.spelling { parts.append("spelled \(s.old) → \(s.new)") }
      out.append("    " + style.changed("~ ") + "\(c.language): \(c.term): " + parts.joined(separator: ", "))
    }
  }

  static func term(_ t: TermSummary) -> String {
    var notes: [String] = []
    if t.weight != 1 { notes.append("weight \(DiffFormatting.number(t.weight))") }
    notes += t.options
    return "\(t.language): \(t.term)" + (notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")")
  }

  static func describe(_ n: NodeSummary) -> String {
    var parts = [DiffFormatting.kindName(n.kind)]
    if n.kind == .field { parts.append("area \(n.area)") }
    parts.append(n.sensitivity.rawValue)
    if n.kind == .field { parts.append(DiffFormatting.count(n.terms, "term")) }
    return parts.joined(separator: ", ")
  }
}
