/// Text with expected spans marked inline: `"we build ⟦EUV lithography⟧ tools"`. Marks may nest
/// (`"⟦⟦quantum⟧ key distribution⟧"`); spans are UTF-8 byte offsets into the text without marks.
public struct MarkedText: Sendable, Hashable, CustomStringConvertible {
  public static let open: Character = "⟦"
  public static let close: Character = "⟧"

  /// The text with the marks removed.
  public var text: String
  /// The marked spans, sorted by start, then longer first.
  public var spans: [Range<Int>]

  public init(_ marked: String) {
    var text = ""
    var stack: [Int] = []
    var spans: [Range<Int>] = []
    for c in marked {
      if c == Self.open {
        stack.append(text.utf8.count)
      } else if c == Self.close {
        guard let start = stack.popLast() else { preconditionFailure("unbalanced ⟧ in \(marked)") }
        spans.append(start..<text.utf8.count)
      } else {
        text.append(c)
      }
    }
    precondition(stack.isEmpty, "unbalanced ⟦ in \(marked)")
    self.text = text
    self.spans = spans.sorted { ($0.lowerBound, -$0.upperBound) < ($1.lowerBound, -$1.upperBound) }
  }

  /// The text with `spans` marked, for readable failure messages.
  public static func render(_ text: String, spans: [Range<Int>]) -> String {
    let bytes = Array(text.utf8)
    var opens = [Int: Int]()
    var closes = [Int: Int]()
    for s in spans {
      opens[s.lowerBound, default: 0] += 1
      closes[s.upperBound, default: 0] += 1
    }
    var out: [UInt8] = []
    for i in 0...bytes.count {
      for _ in 0..<(closes[i] ?? 0) { out += Array(String(close).utf8) }
      for _ in 0..<(opens[i] ?? 0) { out += Array(String(open).utf8) }
      if i < bytes.count { out.append(bytes[i]) }
    }
    return String(decoding: out, as: UTF8.self)
  }

  public var description: String { Self.render(text, spans: spans) }
}
