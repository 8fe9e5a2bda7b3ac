import DualScope
/// Renders an ``Explanation``: the text with every match marked by its fate, then per area and
/// field the score arithmetic and the verdict.
public struct ExplanationTextRenderer: Sendable {
  public var colour: Bool

  public init(colour: Bool) { self.colour = colour }

  /// Every match, the score arithmetic and the decisions, optionally focused on one area or field.
  public func render(_ e: Explanation, text: String, taxonomy: Taxonomy, focus: String? = nil) -> String {
    let base = ClassificationTextRenderer(colour: colour)
    var out = "text (\(e.classification.words) words, length divisor \(Classifier.format(e.lengthFactor))):\n"
    let counted = e.hits.filter { $0.fate == .counted }.map { ($0.start, $0.end) }
    // Counted matches are marked in the text; the others are listed with their fate below.
    let marked = base.highlight(text, spans: counted)
    out += base.indent(marked) + "\n\nmatches:\n"
    if e.hits.isEmpty { out += "  (none)\n" }
    for h in e.hits {
      var line = "  \(h.start)-\(h.end)  \(base.pad("'" + h.text + "'", 28)) \(base.pad(h.term, 28)) \(base.pad(h.field, 36)) \(base.pad(h.part ?? "", 10)) \(h.fate.rawValue)"
      if let by = h.excludedBy { line += " by '\(by)'" + (h.secondMeaning == true ? " (a second meaning, in the text)" : "") }
      if let by = h.negatedBy { line += " by '\(by)'" }
      out += line + "\n"
    }
    if !e.contextCues.isEmpty {
      out += "\ncontext cues (a study about technology?): " + e.contextCues.map { "'\($0)'" }.joined(separator: ", ")
      out += e.contextApplies ? ": enough to raise every area's bar\n" : ": too few to matter\n"
    }
    if let calibration = e.calibration {
      out += "\ncalibrated probabilities (contributions add up to the log-odds):\n"
      if calibration.isEmpty { out += "  (no area has a counted term)\n" }
      for area in calibration where focus == nil || focus == area.id {
        out += area.lines.map { "  " + $0 }.joined(separator: "\n") + "\n"
      }
    }
    out += "\nscores:\n"
    let shown = focus.map { id in e.scores.filter { $0.id == id } } ?? e.scores
    for s in shown {
      // An assigned node's reason is "assigned", or "assigned: " and what let it pass.
      let verdict = s.assigned ? base.paint("assigned", "1;32") + s.reason.dropFirst("assigned".count) : s.reason
      out += "  \(base.pad(s.id, 40)) \(base.score(s.score)) / \(Classifier.format(s.threshold))  \(verdict)\n"
      for line in s.arithmetic { out += "      \(line)\n" }
    }
    if let focus, !e.scores.contains(where: { $0.id == focus }) {
      out += "  \(focus): not assigned: no term of it occurs in the text\n"
    }
    out += "\nresult: \(e.classification.status.rawValue), level \(e.classification.level.rawValue)"
    if !e.classification.areas.isEmpty {
      out += "; areas " + e.classification.areas.map(\.id).joined(separator: ", ")
    }
    out += "\n"
    return out
  }
}
