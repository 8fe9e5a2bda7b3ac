/// A bitmap over the first four bytes of the compound heads (the forms of `.compoundPart`
/// phrases), so the scan walks the interior automaton only from positions inside a word where
/// a head can start.
///
/// Without it every letter after the third of every word started a walk; most fail on the
/// second step, but the call and the two dependent loads cost more than the rest of the scan
/// of that word. A position is tested by its four bytes, lower-cased; a position whose four
/// bytes are not all ASCII is always walked (it may start with a folded or ignorable
/// character), so the filter has no false negatives. It is off when some head does not start
/// with four ASCII letters or digits.
///
/// Three bytes were tried first: English text is full of the heads' first trigrams (`gen`,
/// `ver`, `ele`, `sta`, `net`): with the shipped release's 84 Dutch compound parts, looking for
/// heads (tests and the walks they started) was about a fifth of classifying English abstracts. With four bytes, a
/// one-thread batch of 100 MB of arXiv CSV took 1.63–1.84 s of CPU against 1.72–1.92 s with
/// three (four runs each, alternating; output identical).
final class HeadFilter: @unchecked Sendable {
  let bits: SlotBits
  let isEnabled: Bool
  static let log2Bits = 16
  /// Bytes a key covers; a head must have at least this many.
  static let keyLength = 4

  @inline(__always)
  static func slot(_ key: UInt32) -> Int {
    Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - log2Bits))
  }

  /// The key of four bytes, lower-cased as the scan builds it from the text.
  @inline(__always)
  static func key(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8) -> UInt32 {
    (UInt32(b0) | UInt32(b1) << 8 | UInt32(b2) << 16 | UInt32(b3) << 24) | 0x2020_2020
  }

  init(heads: [PhraseForm]) {
    let bits = SlotBits.allocate(log2: Self.log2Bits)
    self.bits = bits
    var enabled = true
    for form in heads {
      let f = form.folded
      guard f.count >= Self.keyLength,
        f[0..<Self.keyLength].allSatisfy({ $0 < 0x80 && ScalarFolding.ascii($0).cls == .word })
      else {
        enabled = false
        break
      }
      bits.set(Self.slot(Self.key(f[0], f[1], f[2], f[3])))
    }
    isEnabled = enabled
  }

  deinit { bits.deallocate() }

  /// Whether a head may start at `p`, where `text[p ..< p + 4]` are ASCII bytes of one word and
  /// the filter is enabled.
  @inline(__always)
  func test(_ text: UnsafePointer<UInt8>, _ p: Int) -> Bool {
    bits.test(Self.slot(UnsafeRawPointer(text + p).loadUnaligned(as: UInt32.self).littleEndian | 0x2020_2020))
  }

  /// Whether a head may start at `p` of `text` (`n` bytes).
  @inline(__always)
  func mayStart(_ text: UnsafePointer<UInt8>, _ p: Int, _ n: Int) -> Bool {
    guard isEnabled, p &+ Self.keyLength <= n else { return true }
    if (text[p] | text[p &+ 1] | text[p &+ 2] | text[p &+ 3]) >= 0x80 { return true }
    return test(text, p)
  }
}
