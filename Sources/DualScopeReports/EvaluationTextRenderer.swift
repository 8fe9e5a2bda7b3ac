import DualScope
/// Renders an evaluation report as tables: per area and field, the averages, the mistakes and
/// the best point of each area's threshold sweep.
public struct EvaluationTextRenderer: Sendable {
  public init() {}

  /// The report as tables.
  public func render(_ r: EvaluationReport, taxonomy: Taxonomy) -> String {
    var out = "\(r.documents) documents; taxonomy \(taxonomy.id) \(taxonomy.version)\n\n"
    out += "id".padding(40) + "  precision  recall     f1  support     tp     fp     fn\n"
    func row(_ id: String, _ m: EvaluationReport.Metrics) -> String {
      id.padding(40) + "  " + [m.precision, m.recall, m.f1].map { f($0, 9) }.joined(separator: " ")
        + [m.support, m.truePositives, m.falsePositives, m.falseNegatives].map { i($0, 7) }.joined(separator: "")
        + "  \n"
    }
    for area in taxonomy.areas where r.areas[area.id] != nil { out += row(area.id, r.areas[area.id]!) }
    for field in taxonomy.fields where r.fields[field.id] != nil { out += row(field.id, r.fields[field.id]!) }
    out += row("micro", r.micro)
    out += row("macro", r.macro)
    let missed = r.missed.noTerm + r.missed.belowBar
    if missed > 0 {
      out += "\nmissed areas: \(missed); \(r.missed.noTerm) with no counted term of the area in the text (vocabulary), "
        + "\(r.missed.belowBar) with evidence below the area's bar (weights, thresholds, context)\n"
      if let reach = r.termReach {
        out += "within the terms' reach (every missed area with a counted term of its own assigned, "
          + "false positives unchanged): micro F1 \(f(reach.micro.f1, 0)), macro F1 \(f(reach.macro.f1, 0))\n"
        out += "  " + "area".padding(26) + "  no term  below bar  recall  reach\n"
        for area in taxonomy.areas {
          guard let m = r.areas[area.id], let c = r.missed.areas[area.id], let reached = reach.areas[area.id] else { continue }
          out += "  \(area.id.padding(26))" + i(c.noTerm, 9) + i(c.belowBar, 11) + f(m.recall, 8) + f(reached.recall, 7) + "\n"
        }
      }
    }
    out += "\nbest area threshold (sweep):\n"
    for area in taxonomy.areas {
      guard let points = r.sweep[area.id], let best = points.max(by: { $0.f1 < $1.f1 }) else { continue }
      out += "  \(area.id.padding(26)) t=\(f(best.threshold, 4))  P \(f(best.precision, 4))  R \(f(best.recall, 4))  F1 \(f(best.f1, 4))\n"
    }
    if !r.falsePositives.isEmpty {
      out += "\nworst false positives:\n"
      for m in r.falsePositives {
        out += "  \(m.id.padding(26)) \(m.document)  score \(f(m.score, 5))  \(m.title)\n"
        if !m.evidence.isEmpty { out += "      " + m.evidence.prefix(6).joined(separator: "; ") + "\n" }
      }
    }
    if !r.falseNegatives.isEmpty {
      out += "\nworst false negatives:\n"
      for m in r.falseNegatives {
        out += "  \(m.id.padding(26)) \(m.document)  score \(f(m.score, 5))  \(m.title)\n"
      }
    }
    return out
  }

  private func f(_ x: Double, _ width: Int) -> String {
    let s = String(format: "%.3f", x)
    return String(repeating: " ", count: max(0, width - s.count)) + s
  }

  private func i(_ x: Int, _ width: Int) -> String {
    let s = String(x)
    return String(repeating: " ", count: max(0, width - s.count)) + s
  }
}

import Foundation
