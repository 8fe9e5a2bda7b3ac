import DualScope

/// Taxonomy statistics and nodes as aligned text.
public enum TaxonomyTextRenderer {
  /// Counts and identity as aligned text (`taxonomy stats`).
  public static func text(_ s: TaxonomyStats) -> String {
    var out = "\(s.id) \(s.version) (schema \(s.schemaVersion)): \(s.title)\n"
    out += "released      \(s.released)\n"
    out += "content hash  \(s.contentHash)\n"
    out += "areas         \(s.areas.count)\n"
    out += "fields        \(s.fields)\n"
    out += "terms         \(s.terms)\n"
    for (language, count) in s.termsByLanguage.sorted(by: { $0.key < $1.key }) {
      let share = s.terms == 0 ? 0 : Double(count) * 100 / Double(s.terms)
      out += "  \(language)          \(count) (\(Int(share.rounded()))%)\n"
    }
    out += "dual-use codes \(s.dualUseCodes)\n"
    out += "terms by area:\n"
    for area in s.areas { out += "  \(area.padding(26)) \(s.termsByArea[area] ?? 0)\n" }
    return out
  }

  /// One node as a reviewer reads it (`taxonomy show`).
  public static func text(_ n: NodeView) -> String {
    var out = "\(n.id)  (\(n.kind), \(n.location))\n"
    out += "  name         \(n.name.en) / \(n.name.nl)\n"
    if !n.description.isEmpty { out += "  description  \(n.description)\n" }
    out += "  sensitivity  \(n.sensitivity.rawValue)\n"
    if let eu = n.crosswalk.eu2023_2113 { out += "  EU 2023/2113 \(eu)\n" }
    if !n.crosswalk.nts2024.isEmpty { out += "  NTS 2024     \(n.crosswalk.nts2024.joined(separator: "; "))\n" }
    if !n.crosswalk.usCET2024.isEmpty { out += "  US CET 2024  \(n.crosswalk.usCET2024.joined(separator: "; "))\n" }
    if !n.dualUse.isEmpty { out += "  dual-use     \(n.dualUse.joined(separator: ", "))\n" }
    if let threshold = n.threshold { out += "  threshold    \(Classifier.format(threshold))\n" }
    if !n.exclude.isEmpty { out += "  excludes     \(n.exclude.joined(separator: "; "))\n" }
    if !n.children.isEmpty { out += "  children     \(n.children.joined(separator: ", "))\n" }
    if !n.terms.isEmpty {
      out += "  terms (\(n.terms.count)):\n"
      for t in n.terms {
        var line = "    [\(t.language)] \(t.term.padding(36)) \(Classifier.format(t.weight))"
        if !t.options.isEmpty { line += "  " + t.options.joined(separator: ", ") }
        if !t.exclude.isEmpty { line += "  not: " + t.exclude.joined(separator: "; ") }
        out += line + "\n"
      }
    }
    return out
  }
}

extension String {
  /// The text padded with spaces to `width` characters (never cut).
  func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
