import DualScope
/// Renders a screening for the terminal: the triage first, then regimes, hits, next steps and
/// open points.
public struct ScreeningTextRenderer: Sendable {
  public init() {}

  public func render(_ s: ScreeningResult, classification: Classification, metadata: ScreeningMetadata) -> String {
    var out = "triage: \(s.triage.level.rawValue)   (screening date \(s.date))\n"
    out += "note: \(s.disclaimer)\n\n"
    out += "inputs:\n"
    for line in ScreeningSummary.inputLines(s.inputs) { out += "  \(line)\n" }
    out += "fields:\n"
    if classification.fields.isEmpty { out += "  none (\(classification.status.rawValue))\n" }
    for f in classification.fields { out += "  \(ScreeningSummary.fieldLine(f))\n" }
    out += "reasons:\n"
    if s.triage.reasons.isEmpty { out += "  none\n" }
    for r in s.triage.reasons { out += "  [\(r.level.rawValue)] \(r.text)\n" }
    out += "regimes:\n"
    for r in s.regimes {
      out += "  \(pad(r.id, 31)) \(pad(r.status.rawValue, 15)) \(pad(r.level.rawValue, 10)) \(r.name)\n"
      if r.status == .applies || r.status == .mayApply {
        for reason in r.reasons { out += "      \(reason)\n" }
      } else if r.status == .notAssessed {
        var missing: [String] = []
        for m in r.measures where m.status == .notAssessed {
          for input in m.missing where !missing.contains(input) { missing.append(input) }
        }
        out += "      needs the \(missing.joined(separator: " or the ")) to be assessed\n"
      }
    }
    out += "organisations:\n"
    if s.organisations.isEmpty { out += "  no partner organisation is on the loaded lists\n" }
    for h in s.organisations { out += "  \(OrganisationHitText.describe(h))\n" }
    out += "check next:\n"
    for n in s.triage.next { out += "  - \(n)\n" }
    if !s.triage.openPoints.isEmpty {
      out += "open points:\n"
      for p in s.triage.openPoints { out += "  - \(p)\n" }
    }
    out += "(taxonomy \(metadata.taxonomy.id) \(metadata.taxonomy.version); regimes \(metadata.regimes.origin) "
    out += "\(metadata.regimes.contentHash.prefix(12)); lists: \(ScreeningSummary.listsLine(metadata)))\n"
    return out
  }

  private func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
  }
}

/// Lines shared by the text and Markdown renderings.
enum ScreeningSummary {
  static func inputLines(_ i: ScreeningResult.Inputs) -> [String] {
    [
      "partner countries: " + (i.partnerCountries.isEmpty ? "not given" : i.partnerCountries.joined(separator: ", ")),
      "partner organisations: "
        + (i.partnerOrganisations.isEmpty ? "not given" : i.partnerOrganisations.map { "'\($0)'" }.joined(separator: ", ")),
      "person nationality: " + (i.personNationality ?? "not given"),
      "funding: " + (i.funding.map { "'\($0)'" } ?? "not given"),
    ]
  }

  static func fieldLine(_ f: FieldScore) -> String {
    var line = "\(f.id) (\(f.sensitivity.rawValue), score \(f.score))"
    if !f.dualUse.isEmpty { line += ", dual-use \(f.dualUse.joined(separator: ", "))" }
    let terms = f.evidence.prefix(5).map(\.term).joined(separator: ", ")
    if !terms.isEmpty { line += ": \(terms)" }
    return line
  }

  static func listsLine(_ m: ScreeningMetadata) -> String {
    if m.lists.isEmpty { return "none" }
    return m.lists.map { "\($0.id) \($0.version)\($0.fictional ? " (fictional)" : "")" }.joined(separator: ", ")
  }
}
