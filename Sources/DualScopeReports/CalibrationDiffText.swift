import DualScope

/// The learned-scoring part of a `diff` report, as text or Markdown.
enum CalibrationDiffText {
  static func lines(_ d: CalibrationDiff) -> [String] {
    var out: [String] = []
    switch (d.oldCalibrated, d.newCalibrated) {
    case (false, true): out.append("the new release is calibrated; the old one is scored by its thresholds")
    case (true, false): out.append("the old release is calibrated; the new one is scored by its thresholds")
    default: break
    }
    out += d.settings
    for b in d.biases {
      out.append("bias \(b.area): \(number(b.old)) → \(number(b.new))")
    }
    if d.evidenceChanged > 0 {
      out.append("\(d.evidenceChanged) evidence weight\(d.evidenceChanged == 1 ? "" : "s") changed; the largest:")
      for w in d.evidence { out.append("  \(w.area) \(w.feature): \(number(w.old)) → \(number(w.new))") }
    }
    if d.contextChanged > 0 {
      out.append("\(d.contextChanged) context weights (hashed words) changed, the largest by \(d.contextLargest)")
    }
    return out
  }

  static func number(_ x: Double?) -> String { x.map { DiffFormatting.number($0) } ?? "none" }

  static func render(_ d: CalibrationDiff, style: DiffTextStyle) -> [String] {
    [style.heading("calibration")] + (d.isEmpty ? ["  no changes"] : lines(d).map { "  " + $0 })
  }

  static func markdown(_ d: CalibrationDiff, into out: inout [String]) {
    out.append("## Calibration")
    out.append("")
    if d.isEmpty {
      out.append("No changes.")
    } else {
      for line in lines(d) { out.append(line.hasPrefix("  ") ? "  - " + line.dropFirst(2) : "- " + line) }
    }
    out.append("")
  }
}
