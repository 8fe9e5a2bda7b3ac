/// Eight bytes of a text read at once, with the kind of each byte found for all eight together:
/// the scan of the context words (``TextFeatures/contextBuckets(_:bits:into:seen:words:long:hash:bigrams:)``).
///
/// A word byte is an ASCII letter or digit or any byte of 0x80 and above (UTF-8 beyond ASCII), as
/// ``TextFeatures/isWordByte(_:)`` says byte by byte. The masks hold 0x80 in each byte that is of
/// the kind. Each test adds a constant to the low seven bits of every byte, which never carries
/// into the next byte (at most 0x7F + 0x7F), so every byte's answer is exact, not only the first.
/// Bytes past the end of the text read as 0, which is not a word byte. Little-endian: the first
/// byte of the text is the lowest byte of the 64-bit value read.
struct WordBytes {
  /// Word bytes.
  let word: UInt64
  /// ASCII digits.
  let digits: UInt64
  /// The bytes with ASCII capitals folded to lower case.
  let lowered: UInt64

  static let ones: UInt64 = 0x0101_0101_0101_0101
  static let highs: UInt64 = 0x8080_8080_8080_8080
  static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

  /// The eight bytes from `i` of a text of `n` bytes (fewer near its end, the rest 0).
  @inline(__always) init(_ base: UnsafePointer<UInt8>, _ i: Int, _ n: Int) {
    var w: UInt64 = 0
    if i + 8 <= n {
      w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
    } else {
      for j in 0..<(n - i) { w |= UInt64(base[i + j]) << UInt64(8 * j) }
    }
    self.init(w)
  }

  @inline(__always) init(_ w: UInt64) {
    let high = w & Self.highs
    let x = w & Self.low7
    // 0x80 in each byte whose low seven bits exceed c.
    @inline(__always) func above(_ v: UInt64, _ c: UInt64) -> UInt64 { (v &+ Self.ones &* (0x7F - c)) & Self.highs }
    let folded = x | (Self.ones &* 0x20)
    let letter = above(folded, 0x60) & ~above(folded, 0x7A)
    let digit = above(x, 0x2F) & ~above(x, 0x39) & ~high
    let capital = above(x, 0x40) & ~above(x, 0x5A) & ~high
    word = high | (letter & ~high) | digit
    digits = digit
    lowered = w | (capital >> 2)
  }

  /// How many of the eight bytes, from the first, are word bytes.
  @inline(__always) var wordLength: Int {
    let other = ~word & Self.highs
    return other == 0 ? 8 : other.trailingZeroBitCount >> 3
  }

  /// A mask of the first `k` bytes (0 < k ≤ 8).
  @inline(__always) func keep(_ k: Int) -> UInt64 { k == 8 ? ~0 : (1 << UInt64(8 * k)) &- 1 }

  // The format 2 word hash: one multiplication and a shift for each eight bytes of a word, and the
  // word's length mixed in at the end (each step is a bijection of the state: an odd multiplier,
  // then a shift-xor).
  static let seed: UInt64 = 0x243F_6A88_85A3_08D3

  @inline(__always) static func mix(_ h: UInt64, _ chunk: UInt64) -> UInt64 {
    let m = (h ^ chunk) &* 0x9E37_79B9_7F4A_7C15
    return m ^ (m >> 32)
  }

  @inline(__always) static func finish(_ h: UInt64, length: Int) -> UInt64 {
    var x = h ^ UInt64(length)
    x = (x ^ (x >> 33)) &* 0xFF51_AFD7_ED55_8CCD
    return x ^ (x >> 33)
  }
}
