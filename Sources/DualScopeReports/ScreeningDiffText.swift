import DualScope

/// The regimes and lists part of a `diff` report, as text or Markdown.
enum ScreeningDiffText {
  static func render(_ d: ScreeningDiff, style: DiffTextStyle) -> [String] {
    var out: [String] = []
    out.append(style.heading("regimes and lists"))
    if !d.oldHasRegimes && !d.newHasRegimes {
      out.append("  neither release has regimes")
      return out
    }
    if d.isEmpty {
      out.append("  no changes")
      return out
    }
    for r in d.regimes {
      out.append(mark(r.kind, style) + "regime \(r.id)  \(r.name)")
      for c in r.changes { out.append("    " + c) }
    }
    for l in d.lists {
      out.append(mark(l.kind, style) + "list \(l.id)  \(l.name)  " + versions(l))
      for a in l.added { out.append("    + " + a) }
      for r in l.removed { out.append("    - " + r) }
      for c in l.changed { out.append("    ~ " + c) }
    }
    return out
  }

  static func markdown(_ d: ScreeningDiff, into out: inout [String]) {
    out.append("## Regimes and organisation lists")
    out.append("")
    if !d.oldHasRegimes && !d.newHasRegimes {
      out.append("Neither release has regimes.")
      out.append("")
      return
    }
    if d.isEmpty {
      out.append("No changes.")
      out.append("")
      return
    }
    for r in d.regimes {
      out.append("### Regime `\(r.id)` — \(r.name) (\(r.kind.rawValue))")
      out.append("")
      for c in r.changes { out.append("- " + c) }
      out.append("")
    }
    for l in d.lists {
      out.append("### List `\(l.id)` — \(l.name) (\(l.kind.rawValue), \(versions(l)))")
      out.append("")
      for a in l.added { out.append("- Added: " + a) }
      for r in l.removed { out.append("- Removed: " + r) }
      for c in l.changed { out.append("- Changed: " + c) }
      out.append("")
    }
  }

  static func versions(_ l: ScreeningDiff.ListChange) -> String {
    switch (l.oldVersion, l.newVersion) {
    case (let a?, let b?): a == b ? "version \(b)" : "version \(a) → \(b)"
    case (nil, let b?): "version \(b)"
    case (let a?, nil): "version \(a)"
    default: ""
    }
  }

  static func mark(_ kind: ScreeningDiff.ChangeKind, _ style: DiffTextStyle) -> String {
    switch kind {
    case .added: style.added("+ ")
    case .removed: style.removed("- ")
    case .changed: style.changed("~ ")
    }
  }
}
