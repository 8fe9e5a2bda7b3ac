import DualScope
/// Renders a screening as a decision record an officer can file: date, versions and hashes,
/// inputs, fields, triage and reasons, regimes, hits, next steps, open points, and room for the
/// decision.
public struct ScreeningMarkdownRenderer: Sendable {
  public init() {}

  public func render(
    _ s: ScreeningResult, text: String, classification: Classification, metadata: ScreeningMetadata
  ) -> String {
    var out = "# Screening record\n\n"
    out += "> \(s.disclaimer)\n\n"
    out += "| | |\n|---|---|\n"
    out += "| Screening date | \(s.date) |\n"
    out += "| Triage | **\(s.triage.level.rawValue)** |\n"
    out += "| Tool | \(metadata.tool.name) \(metadata.tool.version) |\n"
    out += "| Taxonomy | \(metadata.taxonomy.id) \(metadata.taxonomy.version), sha256 `\(metadata.taxonomy.contentHash)` |\n"
    out += "| Regimes | \(cell(metadata.regimes.origin)), sha256 `\(metadata.regimes.contentHash)` |\n"
    let lists = metadata.lists.map {
      "\($0.id) \($0.version) (\($0.licence)\($0.fictional ? ", fictional example" : ""))"
    }
    out += "| Lists | \(cell(lists.isEmpty ? "none" : lists.joined(separator: "; "))), sha256 `\(metadata.listsHash)` |\n\n"

    out += "## Inputs\n\n"
    for line in ScreeningSummary.inputLines(s.inputs) { out += "- \(cell(line))\n" }
    out += "- text (\(classification.words) words):\n\n"
    let excerpt = text.count > 600 ? String(text.prefix(600)) + " …" : text
    for line in excerpt.split(separator: "\n", omittingEmptySubsequences: false) { out += "  > \(line)\n" }
    out += "\n## Fields touched\n\n"
    if classification.fields.isEmpty {
      out += "None (\(classification.status.rawValue)).\n"
    } else {
      out += "| field | sensitivity | score | dual-use codes | terms |\n|---|---|---|---|---|\n"
      for f in classification.fields {
        let terms = f.evidence.prefix(5).map(\.term).joined(separator: ", ")
        out += "| \(f.id) | \(f.sensitivity.rawValue) | \(f.score) | \(f.dualUse.joined(separator: ", ")) | \(cell(terms)) |\n"
      }
    }
    out += "\n## Triage: \(s.triage.level.rawValue)\n\n"
    if s.triage.reasons.isEmpty { out += "No reason raises the level.\n" }
    for r in s.triage.reasons { out += "- **\(r.level.rawValue)**: \(cell(r.text))\n" }
    out += "\n## Regimes\n\n| regime | legal status | status | level |\n|---|---|---|---|\n"
    for r in s.regimes {
      out += "| \(r.id) | \(r.legalStatus.rawValue) | \(r.status.rawValue) | \(r.level.rawValue) |\n"
    }
    for r in s.regimes where r.status != .doesNotApply {
      out += "\n### \(r.id): \(r.status.rawValue)\n\n\(cell(r.name)).\n\n"
      for reason in r.reasons { out += "- \(cell(reason))\n" }
      if !r.sources.isEmpty {
        out += "\nSources relied on:\n\n"
        for src in r.sources {
          out += "- \(cell(src.reference)), relied on \(src.reliedOn) (confidence \(src.confidence.rawValue))\n"
        }
      }
    }
    out += "\n## Organisation-list hits\n\n"
    if s.organisations.isEmpty { out += "No partner organisation is on the loaded lists.\n" }
    for h in s.organisations { out += "- \(cell(OrganisationHitText.describe(h)))\n" }
    out += "\n## What to check next\n\n"
    for n in s.triage.next { out += "- [ ] \(cell(n))\n" }
    out += "\n## Open points\n\n"
    if s.triage.openPoints.isEmpty { out += "None recorded.\n" }
    for p in s.triage.openPoints { out += "- \(cell(p))\n" }
    out += "\n## Decision\n\n- Decision:\n- Conditions:\n- Officer and date:\n"
    return out
  }

  private func cell(_ s: String) -> String {
    s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}

import Foundation
