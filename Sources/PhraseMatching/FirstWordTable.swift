/// The whole first words of phrases (ASCII, up to 16 bytes) and the trie state after each, so a
/// walk that passes the filter starts past its first word with one probe instead of a transition
/// per byte.
final class FirstWordTable: @unchecked Sendable {
  struct Entry {
    var lo: UInt64
    var hi: UInt64
    var length: UInt32
    var state: UInt32
  }

  let entries: UnsafeMutableBufferPointer<Entry>
  let mask: Int

  @inline(__always)
  static func hash(_ lo: UInt64, _ hi: UInt64, _ length: Int) -> Int {
    let x = (lo ^ (hi &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15
    return Int(truncatingIfNeeded: x >> 32)
  }

  /// The state after the word `lo`/`hi` (lower-cased, zero-padded) of `length` bytes; 0 when no
  /// phrase starts with it.
  @inline(__always)
  func state(lo: UInt64, hi: UInt64, length: Int) -> UInt32 {
    var i = Self.hash(lo, hi, length) & mask
    while true {
      let e = entries[i]
      if e.length == 0 { return 0 }
      if e.lo == lo && e.hi == hi && Int(e.length) == length { return e.state }
      i = (i &+ 1) & mask
    }
  }

  init(forms: [PhraseForm], openEnded: (Int) -> Bool, automaton: Automaton, classOf: [UInt8]) {
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
      for b in word { s = automaton.next(s, classOf[Int(b)]) }
      precondition(s != 0, "first word of a form not in the trie")
      words[word] = s
    }
    var capacity = 16
    while capacity < words.count * 2 { capacity *= 2 }
    mask = capacity - 1
    entries = .allocate(capacity: capacity)
    entries.initialize(repeating: Entry(lo: 0, hi: 0, length: 0, state: 0))
    for (word, s) in words {
      var lo: UInt64 = 0
      var hi: UInt64 = 0
      for (j, b) in word.enumerated() {
        if j < 8 { lo |= UInt64(b) << (8 * UInt64(j)) } else { hi |= UInt64(b) << (8 * UInt64(j - 8)) }
      }
      var i = Self.hash(lo, hi, word.count) & mask
      while entries[i].length != 0 { i = (i + 1) & mask }
      entries[i] = Entry(lo: lo, hi: hi, length: UInt32(word.count), state: s)
    }
  }

  deinit { entries.deallocate() }
}
