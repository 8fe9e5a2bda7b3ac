import DualScope
/// Renders a classification for people: level, areas, fields with their evidence, and the text
/// with the evidence highlighted (colour on a terminal, ⟦brackets⟧ elsewhere).
public struct ClassificationTextRenderer: Sendable {
  public var colour: Bool

  public init(colour: Bool) { self.colour = colour }

  /// Renders one result and its text with the evidence marked.
  public func render(_ c: Classification, text: String, taxonomy: Taxonomy) -> String {
    var out = ""
    out += "level: \(paint(c.level.rawValue, levelColour(c.level)))\n"
    if !c.status.isClassified {
      out += "\(c.status.rawValue) (\(c.words) words; taxonomy \(taxonomy.id) \(taxonomy.version))\n"
      return out
    }
    out += "areas:\n"
    for a in c.areas {
      // A calibrated release's probability beside the rules' score: the figure `--cut` compares.
      let probability = a.probability.map { "; probability " + NumberText.probability($0) } ?? ""
      out += "  \(pad(a.id, 26)) \(score(a.score))  (threshold \(Classifier.format(a.threshold))\(probability))  \(a.name)\n"
    }
    out += "fields:\n"
    for f in c.fields {
      var line = "  \(pad(f.id, 40)) \(score(f.score))  \(pad(f.sensitivity.rawValue, 6))"
      if !f.dualUse.isEmpty { line += "  dual-use \(f.dualUse.joined(separator: ", "))" }
      out += line + "\n"
      for e in f.evidence {
        let places = e.matches.map { "\($0.start)-\($0.end)" }.joined(separator: ", ")
        out += "      \(paint(e.term, "1"))  ×\(e.matches.count)  +\(Classifier.format(e.contribution))  [\(places)]\n"
      }
    }
    let spans = c.fields.flatMap { $0.evidence.flatMap { $0.matches.map { ($0.start, $0.end) } } }
    out += "evidence in the text:\n"
    out += indent(highlight(text, spans: spans)) + "\n"
    out += "(\(c.words) words; taxonomy \(taxonomy.id) \(taxonomy.version))\n"
    return out
  }

  /// The text with the given byte spans marked; overlapping spans merge.
  public func highlight(_ text: String, spans: [(Int, Int)], style: String = "1;4;33") -> String {
    let merged = Self.merge(spans)
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    var at = 0
    let open = Array((colour ? "\u{1B}[\(style)m" : "⟦").utf8)
    let close = Array((colour ? "\u{1B}[0m" : "⟧").utf8)
    for (s, e) in merged where s >= at && e <= bytes.count {
      out += bytes[at..<s]
      out += open
      out += bytes[s..<e]
      out += close
      at = e
    }
    out += bytes[at...]
    return String(decoding: out, as: UTF8.self)
  }

  static func merge(_ spans: [(Int, Int)]) -> [(Int, Int)] {
    var result: [(Int, Int)] = []
    for (s, e) in spans.sorted(by: { $0 < $1 }) {
      if let last = result.last, s < last.1 {
        result[result.count - 1].1 = max(last.1, e)
      } else {
        result.append((s, e))
      }
    }
    return result
  }

  func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

  func levelColour(_ level: DocumentLevel) -> String {
    switch level {
    case .none: "0"
    case .low: "32"
    case .elevated: "33"
    case .high: "1;31"
    }
  }

  func score(_ x: Double) -> String {
    let s = Classifier.format(x)
    return String(repeating: " ", count: max(0, 6 - s.count)) + s
  }

  func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
  }

  func indent(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
  }
}
