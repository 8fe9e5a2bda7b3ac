/// What one character class a scalar belongs to for matching.
enum CharClass: UInt8, Sendable {
  /// Punctuation, symbols, emoji, control characters, invalid bytes: not part of a word, kept.
  case other = 0
  /// Letters and digits: the characters words are made of.
  case word = 1
  /// White space and every dash or hyphen: runs of them fold to one space.
  case gap = 2
  /// Combining marks, soft hyphens, joiners, variation selectors: dropped, part of the character before.
  case ignorable = 3
}

/// The folded form of one scalar: up to 8 UTF-8 bytes case-folded, and up to 8 keeping the case.
struct FoldedScalar: Sendable {
  /// Case-folded bytes, first byte in the lowest 8 bits.
  var folded: UInt64 = 0
  /// Bytes with the original case kept (diacritics and compatibility forms still folded).
  var kept: UInt64 = 0
  var foldedCount: UInt8 = 0
  var keptCount: UInt8 = 0
  var cls: CharClass = .other

  @inline(__always) func foldedByte(_ i: Int) -> UInt8 { UInt8(truncatingIfNeeded: folded >> (8 * UInt64(i))) }
  @inline(__always) func keptByte(_ i: Int) -> UInt8 { UInt8(truncatingIfNeeded: kept >> (8 * UInt64(i))) }
  @inline(__always) func byte(_ i: Int, keepingCase: Bool) -> UInt8 { keepingCase ? keptByte(i) : foldedByte(i) }
  @inline(__always) func count(keepingCase: Bool) -> Int { Int(keepingCase ? keptCount : foldedCount) }

  static let gap = FoldedScalar(folded: 0x20, kept: 0x20, foldedCount: 1, keptCount: 1, cls: .gap)
  static let ignorable = FoldedScalar(folded: 0, kept: 0, foldedCount: 0, keptCount: 0, cls: .ignorable)
  /// What an invalid byte folds to: U+FFFD, not a word character.
  static let invalid = FoldedScalar(
    folded: 0xBD_BF_EF, kept: 0xBD_BF_EF, foldedCount: 3, keptCount: 3, cls: .other)

  /// Packs the UTF-8 of `scalars` into 8 bytes; nil when longer.
  static func pack(_ scalars: [Unicode.Scalar]) -> (UInt64, UInt8)? {
    var value: UInt64 = 0
    var n = 0
    for s in scalars {
      for b in String(s).utf8 {
        guard n < 8 else { return nil }
        value |= UInt64(b) << (8 * UInt64(n))
        n += 1
      }
    }
    return (value, UInt8(n))
  }
}
