/// A bitmap over the first three bytes of the compound heads (the forms of `.compoundPart`
/// phrases), so the scan walks the interior automaton only from positions inside a word where
/// a head can start.
///
/// Without it every letter after the third of every word started a walk; most fail on the
/// second step, but the call and the two dependent loads cost more than the rest of the scan
/// of that word. A position is tested by its three bytes, lower-cased; a position whose three
/// bytes are not all ASCII is always walked (it may start with a folded or ignorable
/// character), so the filter has no false negatives. It is off when some head does not start
/// with three ASCII letters or digits.
final class HeadFilter: @unchecked Sendable {
  let bits: SlotBits
  let isEnabled: Bool
  static let log2Bits = 16

  @inline(__always)
  static func slot(_ key: UInt32) -> Int {
    Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - log2Bits))
  }

  /// The key of three lower-case bytes, as the scan builds it from the text.
  @inline(__always)
  static func key(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> UInt32 {
    (UInt32(b0) | UInt32(b1) << 8 | UInt32(b2) << 16) | 0x0020_2020
  }

  init(heads: [PhraseForm]) {
    let bits = SlotBits.allocate(log2: Self.log2Bits)
    self.bits = bits
    var enabled = true
    for form in heads {
      let f = form.folded
      guard f.count >= 3, f[0..<3].allSatisfy({ $0 < 0x80 && ScalarFolding.ascii($0).cls == .word }) else {
        enabled = false
        break
      }
      bits.set(Self.slot(Self.key(f[0], f[1], f[2])))
    }
    isEnabled = enabled
  }

  deinit { bits.deallocate() }

  /// Whether a head may start at `p`, where `text[p ..< p + 3]` are ASCII bytes of one word and
  /// the filter is enabled.
  @inline(__always)
  func test(_ text: UnsafePointer<UInt8>, _ p: Int) -> Bool {
    bits.test(Self.slot(Self.key(text[p], text[p &+ 1], text[p &+ 2])))
  }

  /// Whether a head may start at `p` of `text` (`n` bytes).
  @inline(__always)
  func mayStart(_ text: UnsafePointer<UInt8>, _ p: Int, _ n: Int) -> Bool {
    guard isEnabled, p &+ 3 <= n else { return true }
    let b0 = text[p]
    let b1 = text[p &+ 1]
    let b2 = text[p &+ 2]
    if (b0 | b1 | b2) >= 0x80 { return true }
    return test(text, p)
  }
}
