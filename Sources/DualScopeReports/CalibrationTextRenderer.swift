import DualScope
import Foundation

/// Renders a ``CalibrationReport`` as text: decisions, calibration, reliability, cuts, confusion.
public struct CalibrationTextRenderer: Sendable {
  public init() {}

  func f(_ x: Double) -> String { String(format: "%.3f", x) }

  public func render(_ r: CalibrationReport) -> String {
    var out = "\nDecisions over (document, area) pairs (\(r.documents) documents):\n"
    let d = r.decisions
    out += "  micro  P \(f(d.micro.precision))  R \(f(d.micro.recall))  F1 \(f(d.micro.f1))"
    out += "  (tp \(d.micro.truePositives), fp \(d.micro.falsePositives), fn \(d.micro.falseNegatives))\n"
    out += "  macro  P \(f(d.macroPrecision))  R \(f(d.macroRecall))  F1 \(f(d.macroF1))  over \(d.macroAreas.count) areas\n"
    if d.documentsWithoutArea > 0 {
      out += "  documents with no gold area left unflagged: \(d.leftUnflagged) of \(d.documentsWithoutArea)"
      out += " (\(String(format: "%.1f", 100 * d.unflaggedShare))%)\n"
    }
    if let i = r.intervals {
      func range(_ x: DecisionIntervals.Interval) -> String { "\(f(x.low))–\(f(x.high))" }
      out += "  \(Int((100 * i.level).rounded()))% intervals (\(i.resamples) resamples of the documents): "
      out += "micro P \(range(i.microPrecision)), R \(range(i.microRecall)), F1 \(range(i.microF1)); "
      out += "macro F1 \(range(i.macroF1))"
      if let u = i.unflaggedShare {
        out += "; left unflagged \(String(format: "%.1f", 100 * u.low))–\(String(format: "%.1f", 100 * u.high))%"
      }
      out += "\n"
    }
    if let c = r.against { out += render(c) }
    if let micro = r.micro {
      out += "\nCalibration (probability 0 where an area has no counted term):\n"
      out += "  micro  Brier \(f(micro.brier))  ECE \(f(micro.ece))  (\(micro.pairs) pairs, \(micro.positives) positive)\n"
      if let macro = r.macro { out += "  macro  Brier \(f(macro.brier))  ECE \(f(macro.ece))\n" }
      out += "\nReliability (micro):\n  bin         pairs   mean p   positive rate\n"
      for b in micro.reliability {
        out += "  \(f(b.lower))–\(f(b.upper))".padding(toLength: 14, withPad: " ", startingAt: 0)
        out += String(b.count).leftPad(6) + "   " + f(b.meanProbability) + "    " + f(b.positiveRate) + "\n"
      }
      out += "\nPrecision / recall / F1 by cut:\n  cut    micro P  R      F1     macro P  R      F1\n"
      for (k, c) in micro.cuts.enumerated() {
        out += "  \(String(format: "%.2f", c.cut))   \(f(c.precision))  \(f(c.recall))  \(f(c.f1))"
        if let m = r.macro?.cuts[k] { out += "  \(f(m.precision))  \(f(m.recall))  \(f(m.f1))" }
        out += "\n"
      }
    }
    let keys = Set(r.confusion.counts.keys).union(r.confusion.counts.values.flatMap(\.keys))
    let order = keys.filter { $0 != ConfusionTable.none }.sorted() + [ConfusionTable.none]
    out += "\nConfusion (gold area → predicted area, documents):\n"
    for g in order {
      guard let row = r.confusion.counts[g] else { continue }
      let cells = order.compactMap { p in row[p].map { "\(p) \($0)" } }
      out += "  \(g) → " + cells.joined(separator: ", ") + "\n"
    }
    return out
  }

  /// What a second release changes on the same documents: both figures, the difference and,
  /// with resamples, its paired interval.
  func render(_ c: DecisionIntervals.Comparison) -> String {
    func signed(_ x: Double, _ scale: Double = 1) -> String { String(format: scale == 1 ? "%+.3f" : "%+.1f", scale * x) }
    var out = "\nAgainst \(c.release) on the same \(c.documents) documents"
    if let d = c.difference { out += " (\(Int((100 * d.level).rounded()))% intervals of the difference, \(d.resamples) paired resamples)" }
    out += ":\n"
    func line(
      _ name: String, _ mine: Double, _ theirs: Double, _ interval: DecisionIntervals.Interval?, percent: Bool = false
    ) {
      let scale = percent ? 100.0 : 1.0
      let value = { (x: Double) in percent ? String(format: "%.1f%%", 100 * x) : self.f(x) }
      let unit = percent ? " points" : ""
      out += "  \(name)  \(value(mine)) against \(value(theirs))  difference \(signed(mine - theirs, scale))\(unit)"
      if let i = interval { out += " (\(signed(i.low, scale)) to \(signed(i.high, scale)))" }
      out += "\n"
    }
    line("micro P ", c.this.micro.precision, c.other.micro.precision, c.difference?.microPrecision)
    line("micro R ", c.this.micro.recall, c.other.micro.recall, c.difference?.microRecall)
    line("micro F1", c.this.micro.f1, c.other.micro.f1, c.difference?.microF1)
    line("macro F1", c.this.macroF1, c.other.macroF1, c.difference?.macroF1)
    if c.this.documentsWithoutArea > 0 {
      line("no-area documents left unflagged", c.this.unflaggedShare, c.other.unflaggedShare,
        c.difference?.unflaggedShare, percent: true)
    }
    out += "  documents whose areas differ: \(c.changedDocuments)\n"
    return out
  }
}

extension String {
  fileprivate func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
