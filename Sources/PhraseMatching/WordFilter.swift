/// A bitmap over hashes of the words a phrase can start with, so that the scan skips most words
/// of a text without walking the trie.
///
/// Two keys per word: a hash of the whole word (for phrases whose first word must be whole) and
/// its first three bytes (for single-word prefix phrases and compound parts, whose first word may
/// continue). The filter is off when such an open first word is shorter than three characters.
/// Only ASCII words are screened; a word with a non-ASCII character is always walked.
final class WordFilter: @unchecked Sendable {
  let bits: SlotBits
  let shift: UInt64
  let hasOpenWords: Bool
  let isEnabled: Bool

  static let highBits: UInt64 = 0x8080_8080_8080_8080

  /// Folds one 8-byte chunk of a lower-cased word into the running hash.
  @inline(__always)
  static func mix(_ h: UInt64, _ chunk: UInt64) -> UInt64 {
    let x = (h ^ chunk) &* 0x9E37_79B9_7F4A_7C15
    return x ^ (x >> 29)
  }

  /// The high bit of each byte of `x` that is an ASCII letter or digit.
  @inline(__always)
  static func wordBytes(_ x: UInt64) -> UInt64 {
    let y = x & 0x7F7F_7F7F_7F7F_7F7F
    let lower = y | 0x2020_2020_2020_2020
    let letter = (lower &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(lower &+ 0x0505_0505_0505_0505)
    let digit = (y &+ 0x5050_5050_5050_5050) & ~(y &+ 0x4646_4646_4646_4646)
    return (letter | digit) & ~x & highBits
  }

  @inline(__always)
  func test(_ slot: Int) -> Bool { bits.test(slot) }

  @inline(__always)
  static func slot(whole h: UInt64, shift: UInt64) -> Int { Int(truncatingIfNeeded: (h &* 0xD6E8_FEB8_6659_FD93) &>> shift) }

  @inline(__always)
  static func slot(firstThree k: UInt64, shift: UInt64) -> Int {
    Int(truncatingIfNeeded: ((k | 1 << 40) &* 0xD6E8_FEB8_6659_FD93) &>> shift)
  }

  /// The keys of a lower-case ASCII word.
  static func keys(_ word: [UInt8]) -> (whole: UInt64, firstThree: UInt64) {
    var h: UInt64 = 0
    var first3: UInt64 = 0
    var i = 0
    while i < word.count {
      var chunk: UInt64 = 0
      for j in 0..<min(8, word.count - i) { chunk |= UInt64(word[i + j]) << (8 * UInt64(j)) }
      if i == 0 { first3 = chunk & 0xFF_FFFF }
      h = mix(h, chunk)
      i += 8
    }
    return (h, first3)
  }

  init(forms: [PhraseForm], openEnded: (Int) -> Bool) {
    var log2 = 13
    while (1 << log2) < forms.count * 16 && log2 < 24 { log2 += 1 }
    let shift = UInt64(64 - log2)
    self.shift = shift
    let bits = SlotBits.allocate(log2: log2)
    self.bits = bits
    var open = false
    var enabled = true
    for (i, form) in forms.enumerated() {
      var word: [UInt8] = []
      var ascii = true
      for b in form.folded {
        if b >= 0x80 {
          ascii = false
          break
        }
        if ScalarFolding.ascii(b).cls != .word { break }
        word.append(b)
      }
      guard ascii else { continue }  // the text word has a non-ASCII character: always walked
      let keys = Self.keys(word)
      if openEnded(i) && word.count == form.folded.count {
        if word.count < 3 { enabled = false }
        open = true
        let s = Self.slot(firstThree: keys.firstThree, shift: shift)
        bits.set(s)
      } else {
        let s = Self.slot(whole: keys.whole, shift: shift)
        bits.set(s)
      }
    }
    hasOpenWords = open
    isEnabled = enabled
  }

  deinit { bits.deallocate() }
}
