/// A pattern over dual-use codes: `*` every code, `0*` category 0, `??2*` regime digit 2,
/// `3A001` that entry and its dotted sub-items. `?` stands for one character; `*` only at the end.
public struct DualUsePattern: Sendable, Hashable, CustomStringConvertible {
  public let text: String
  private let head: [UInt8]
  private let open: Bool

  /// `nil` when the text is not a pattern.
  public init?(_ text: String) {
    var body = Array(text.utf8)
    let open = body.last == UInt8(ascii: "*")
    if open { body.removeLast() }
    guard body.count <= 24, open || body.count >= 5 else { return nil }
    for (i, c) in body.enumerated() {
      let any = c == UInt8(ascii: "?")
      let ok: Bool
      switch i {
      case 0, 2, 3, 4: ok = any || (48...57).contains(c)
      case 1: ok = any || (65...69).contains(c)
      case 5: ok = c == UInt8(ascii: ".")
      default: ok = any || c == UInt8(ascii: ".") || (48...57).contains(c) || (97...122).contains(c)
      }
      if !ok { return nil }
    }
    if body.last == UInt8(ascii: ".") { return nil }
    self.text = text
    self.head = body
    self.open = open
  }

  /// Whether a field's code is covered.
  public func matches(_ code: String) -> Bool {
    var c = code.utf8.makeIterator()
    for p in head {
      guard let b = c.next() else { return false }
      if p != UInt8(ascii: "?") && p != b { return false }
    }
    guard let next = c.next() else { return true }
    return open || next == UInt8(ascii: ".")
  }

  public var description: String { text }
}
