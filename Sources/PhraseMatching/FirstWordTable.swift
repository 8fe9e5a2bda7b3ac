/// The whole first words of phrases (ASCII, up to 16 bytes) and the trie state after each, so a
/// walk that passes the filter starts past its first word with one probe instead of a transition
/// per byte.
///
/// Each entry also says what can follow the word, so that most words that pass the filter need
/// no walk at all: in the benchmark three in four of them are followed by a gap and a letter no
/// phrase continues with, or by punctuation no phrase has there.
final class FirstWordTable: @unchecked Sendable {
  struct Entry {
    /// The word's bytes, lower-cased and zero-padded. Words have no zero byte, so the two keys
    /// also fix the length, and an empty slot has `lo == 0`.
    var lo: UInt64
    var hi: UInt64
    var state: UInt32
    /// `follow` bits below.
    var follow: UInt32
  }

  /// Follow bit `b & 31` (bits 1 to 26) is set for each ASCII letter or digit `b` that starts a
  /// transition after the word and one gap. Digits share bits 16 to 25 with `p` to `y`: the
  /// test then walks where it need not, never the reverse.
  /// The state accepts only plain whole-word forms: a non-word character after the word ends a
  /// match there when counting.
  static let acceptsPlainly: UInt32 = 1 << 31
  /// The state accepts forms that need `Scanner.evaluate`: walk.
  static let acceptsOther: UInt32 = 1 << 30
  /// The state has a transition on some ASCII punctuation (`u.s.`, `c++`).
  static let punctuation: UInt32 = 1 << 29
  /// A screen without table entry (or a long word): always walk.
  static let unknown: UInt32 = acceptsOther

  let entries: UnsafeMutableBufferPointer<Entry>
  let mask: Int

  @inline(__always)
  static func hash(_ lo: UInt64, _ hi: UInt64) -> Int {
    let x = (lo ^ (hi &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15
    return Int(truncatingIfNeeded: x >> 32)
  }

  /// The entry of the word `lo`/`hi` (lower-cased, zero-padded), or nil when no phrase starts
  /// with it.
  @inline(__always)
  func entry(lo: UInt64, hi: UInt64) -> UnsafeMutablePointer<Entry>? {
    Self.entry(lo: lo, hi: hi, in: entries.baseAddress!, mask: mask)
  }

  /// `entry(lo:hi:)` in the table at `base`, for a scan that holds the table's pointer.
  @inline(__always)
  static func entry(lo: UInt64, hi: UInt64, in base: UnsafeMutablePointer<Entry>, mask: Int) -> UnsafeMutablePointer<Entry>? {
    var i = hash(lo, hi) & mask
    while true {
      let e = base + i
      if e.pointee.lo == lo && e.pointee.hi == hi { return e }
      if e.pointee.lo == 0 { return nil }
      i = (i &+ 1) & mask
    }
  }

  /// The state after the word `lo`/`hi` (lower-cased, zero-padded); 0 when no phrase starts
  /// with it.
  func state(lo: UInt64, hi: UInt64) -> UInt32 {
    entry(lo: lo, hi: hi)?.pointee.state ?? 0
  }

  init(forms: [PhraseForm], openEnded: (Int) -> Bool, automaton: Automaton, bytes: ByteClasses) {
    var words: [[UInt8]: UInt32] = [:]
    for (i, form) in forms.enumerated() {
      var word: [UInt8] = []
      for b in form.folded {
        if b >= 0x80 || ScalarFolding.ascii(b).cls != .word { break }
        word.append(b)
      }
      guard !word.isEmpty, word.count <= 16, words[word] == nil else { continue }
      if word.count < form.folded.count, form.folded[word.count] >= 0x80 { continue }
      if openEnded(i) && word.count == form.folded.count { continue }
      var s = Automaton.root
      for b in word { s = automaton.next(s, bytes.foldedClass[Int(b)]) }
      precondition(s != 0, "first word of a form not in the trie")
      words[word] = s
    }
    var capacity = 16
    while capacity < words.count * 2 { capacity *= 2 }
    mask = capacity - 1
    entries = .allocate(capacity: capacity)
    entries.initialize(repeating: Entry(lo: 0, hi: 0, state: 0, follow: 0))
    for (word, s) in words {
      var lo: UInt64 = 0
      var hi: UInt64 = 0
      for (j, b) in word.enumerated() {
        if j < 8 { lo |= UInt64(b) << (8 * UInt64(j)) } else { hi |= UInt64(b) << (8 * UInt64(j - 8)) }
      }
      var i = Self.hash(lo, hi) & mask
      while entries[i].lo != 0 { i = (i + 1) & mask }
      entries[i] = Entry(lo: lo, hi: hi, state: s, follow: Self.follow(s, automaton, bytes))
    }
  }

  /// What can follow the state `s` reached after a whole word (see the follow bits).
  static func follow(_ s: UInt32, _ a: Automaton, _ bytes: ByteClasses) -> UInt32 {
    let header = a.words[Int(s)]
    var f: UInt32 = 0
    if header & Automaton.complexBit != 0 { f |= acceptsOther }
    if header & Automaton.acceptMask == Automaton.simpleBit { f |= acceptsPlainly }
    let afterGap = a.next(s, bytes.gapClass)
    for b in 0..<128 {
      let e = bytes.text[b]
      let kind = UInt8(truncatingIfNeeded: e >> 8)
      let cls = UInt8(truncatingIfNeeded: e)
      if kind == ByteClasses.kindWord {
        if afterGap != 0 && a.next(afterGap, cls) != 0 { f |= 1 << UInt32(b & 31) }
      } else if kind == ByteClasses.kindOther {
        if a.next(s, cls) != 0 { f |= punctuation }
      }
    }
    return f
  }

  deinit { entries.deallocate() }
}
