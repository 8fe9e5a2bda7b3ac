extension Scanner {
  /// Eight bytes from `p` (zeros past the end), little-endian.
  @inline(__always)
  func load8(_ p: Int) -> UInt64 {
    if p &+ 8 <= n { return UnsafeRawPointer(text + p).loadUnaligned(as: UInt64.self) }
    var x: UInt64 = 0
    var i = 0
    while p &+ i < n {
      x |= UInt64(text[p &+ i]) << (8 * UInt64(i))
      i &+= 1
    }
    return x
  }

  /// What screening a word found.
  struct Screen {
    /// The word's end, or -1 when it was not screened (non-ASCII, or the filter is off).
    var end = -1
    /// Walk from the word start (an open first word may match, or the word was not screened).
    var walkFromStart = true
    /// Otherwise, the state after the whole word (0: no phrase starts with it).
    var state: UInt32 = 0
    /// What may follow the word in a phrase (`FirstWordTable` follow bits).
    var follow: UInt32 = FirstWordTable.unknown
  }

  /// Whether a walk from the state after the screened word could go past the word, judged by
  /// the one or two bytes after it; false means the walk would at most accept the word itself.
  @inline(__always)
  func mayContinue(_ screen: Screen) -> Bool {
    let f = screen.follow
    if f & FirstWordTable.acceptsOther != 0 { return true }
    let e = table[Int(text[screen.end])]
    if e >> 8 != UInt16(K.kindGap) { return f & FirstWordTable.punctuation != 0 }
    let q = screen.end &+ 1
    guard q < n else { return false }
    let b = text[q]
    if table[Int(b)] >> 8 != UInt16(K.kindWord) { return true }
    return f & (1 &<< UInt32(b & 31)) != 0
  }

  /// Screens the word starting at `p0` eight bytes at a time, against the filter and then the
  /// first-word table. A word with a non-ASCII character is not screened.
  ///
  /// Nearly all words are ASCII, end within sixteen bytes and are followed by an ASCII byte:
  /// those are screened here with one or two loads; the rest in `screenLongWord`.
  @inline(__always)
  func screenWord(at p0: Int) -> Screen {
    guard filterOn else { return Screen() }
    if p0 &+ 16 <= n {
      let x0 = UnsafeRawPointer(text + p0).loadUnaligned(as: UInt64.self)
      let nonWord0 = ~WordFilter.wordBytes(x0) & WordFilter.highBits
      var lo = x0 | 0x2020_2020_2020_2020
      var hi: UInt64 = 0
      var x = x0
      var nonWord = nonWord0
      var length = 0
      if nonWord0 == 0 {
        x = UnsafeRawPointer(text + (p0 &+ 8)).loadUnaligned(as: UInt64.self)
        nonWord = ~WordFilter.wordBytes(x) & WordFilter.highBits
        length = 8
      }
      let bit = UInt64(truncatingIfNeeded: nonWord.trailingZeroBitCount)
      // At a word start an ASCII first byte is a letter or digit, so a one-chunk word has
      // `bit` 15 or more; a two-chunk word may end right at the chunk (`bit` 7).
      if nonWord != 0 && (x &>> (bit &- 7)) & 0x80 == 0 {
        let keep: UInt64 = (1 &<< (bit &- 7)) &- 1
        length &+= Int(truncatingIfNeeded: bit &>> 3)
        if nonWord0 == 0 { hi = (x | 0x2020_2020_2020_2020) & keep } else { lo &= keep }
        return screenASCII(end: p0 &+ length, lo: lo, hi: hi)
      }
    }
    return screenLongWord(at: p0)
  }

  /// `screenWord` for words of more than sixteen bytes, near the end of the text, or followed
  /// by a non-ASCII byte.
  @inline(never)
  func screenLongWord(at p0: Int) -> Screen {
    var p = p0
    var h: UInt64 = 0
    var first3: UInt64 = 0
    var lo: UInt64 = 0
    var hi: UInt64 = 0
    var chunks = 0
    while true {
      let x = load8(p)
      let nonWord = ~WordFilter.wordBytes(x) & WordFilter.highBits
      var lower = x | 0x2020_2020_2020_2020
      var done = false
      if nonWord != 0 {
        let bit = UInt64(nonWord.trailingZeroBitCount)
        // A non-ASCII byte right after the ASCII part: the word may continue; walk it.
        if (x >> (bit - 7)) & 0x80 != 0 { return Screen() }
        p &+= Int(bit >> 3)
        done = true
        if bit == 7 { break }
        lower &= ~0 >> (64 - (bit - 7))
      } else {
        p &+= 8
      }
      if chunks == 0 {
        first3 = lower & 0xFF_FFFF
        lo = lower
      } else if chunks == 1 {
        hi = lower
      }
      chunks &+= 1
      h = WordFilter.mix(h, lower)
      if done { break }
    }
    if openWords && filterHas(WordFilter.slot(firstThree: first3, shift: filterShift)) {
      return Screen(end: p, walkFromStart: true, state: 0)
    }
    let known = filterHas(WordFilter.slot(whole: h, shift: filterShift))
    guard known, chunks <= 2 else { return Screen(end: p, walkFromStart: known && chunks > 2, state: 0) }
    return Screen(end: p, walkFromStart: false, state: firstWords.state(lo: lo, hi: hi))
  }

  /// Screens an ASCII word of up to sixteen bytes, lower-cased and zero-padded into `lo` and
  /// `hi`, that ends at `end` with an ASCII byte.
  @inline(__always)
  func screenASCII(end: Int, lo: UInt64, hi: UInt64) -> Screen {
    if openWords && filterHas(WordFilter.slot(firstThree: lo & 0xFF_FFFF, shift: filterShift)) {
      return Screen(end: end, walkFromStart: true, state: 0)
    }
    var h = WordFilter.mix(0, lo)
    if hi != 0 { h = WordFilter.mix(h, hi) }
    guard filterHas(WordFilter.slot(whole: h, shift: filterShift)),
      let e = FirstWordTable.entry(lo: lo, hi: hi, in: firstWordEntries, mask: firstWordMask)
    else { return Screen(end: end, walkFromStart: false, state: 0) }
    return Screen(end: end, walkFromStart: false, state: e.pointee.state, follow: e.pointee.follow)
  }

  /// The low `count` bytes (1 to 8) of `x`, lower-cased.
  @inline(__always)
  static func lowered(_ x: UInt64, bytes count: Int) -> UInt64 {
    (x | 0x2020_2020_2020_2020) & (~0 &>> UInt64(truncatingIfNeeded: 64 &- 8 &* count))
  }

  /// `screenWord` for an ASCII word at `p` of `length` bytes followed by an ASCII byte, with
  /// `p + 16 <= n`.
  @inline(__always)
  func screenKnown(at p: Int, length: Int) -> Screen {
    if length > 16 { return screenLongWord(at: p) }
    let x0 = UnsafeRawPointer(text + p).loadUnaligned(as: UInt64.self)
    if length <= 8 { return screenASCII(end: p &+ length, lo: Self.lowered(x0, bytes: length), hi: 0) }
    let x1 = UnsafeRawPointer(text + (p &+ 8)).loadUnaligned(as: UInt64.self)
    let hi = Self.lowered(x1, bytes: length &- 8)
    return screenASCII(end: p &+ length, lo: x0 | 0x2020_2020_2020_2020, hi: hi)
  }

  // MARK: - Word starts by the block
  //
  // Finding where a word ends and where the next one starts, one word after the other, makes
  // each word's loads wait for the previous word's arithmetic. Instead the scan classifies 64
  // bytes at a time into a mask of ASCII letters and digits (eight 8-byte steps, each gathered
  // into a byte by one multiply) and takes word starts and lengths from the mask with bit
  // operations, so the screening of consecutive words overlaps. A block with a non-ASCII byte
  // goes word by word through `screenWord` and `nextWordStart`.

  /// Bit `i` set when byte `p + i` is an ASCII letter or digit (`p + 64 <= n`), and whether any
  /// of the 64 bytes is not ASCII.
  @inline(__always)
  func wordMask(_ p: Int) -> (word: UInt64, nonASCII: Bool) {
    var word: UInt64 = 0
    var any: UInt64 = 0
    var k = 0
    while k < 8 {
      let x = UnsafeRawPointer(text + (p &+ 8 &* k)).loadUnaligned(as: UInt64.self)
      any |= x
      let bits = ((WordFilter.wordBytes(x) &>> 7) &* 0x0102_0408_1020_4080) &>> 56
      word |= bits &<< UInt64(truncatingIfNeeded: 8 &* k)
      k &+= 1
    }
    return (word, any & WordFilter.highBits != 0)
  }

  /// Shows `visitor` each word start and its screen, in order. (A generic visitor rather than
  /// a closure: the closure was not inlined, and copying the scanner into its context cost a
  /// retain and release per word.)
  @inline(__always)
  func forEachWord<V: WordVisitor>(_ visitor: inout V) {
    var p = nextWordStart(0)
    // Word by word up to here (a block with a non-ASCII byte).
    var byWordUntil = 0
    while p < n {
      if p >= byWordUntil && filterOn && p &+ 80 <= n {
        let (word, nonASCII) = wordMask(p)
        if !nonASCII {
          p = forEachWord(inBlock: p, word: word, &visitor)
          continue
        }
        byWordUntil = p &+ 64
      }
      p = nextWordStart(visitor.visit(self, start: p, screen: screenWord(at: p)))
    }
  }

  /// `forEachWord` over the words that start and end in the 64 ASCII bytes from `p`, a word
  /// start whose letters and digits are `word`; returns the next word start after them.
  @inline(__always)
  func forEachWord<V: WordVisitor>(inBlock p: Int, word: UInt64, _ visitor: inout V) -> Int {
    var starts = (word & ~(word &<< 1)) | 1
    while starts != 0 {
      let s = starts.trailingZeroBitCount
      let rest = ~word &>> UInt64(truncatingIfNeeded: s)
      // A word running past the block is screened with the next block, or on its own when it
      // fills the block.
      if rest == 0 {
        return s > 0 ? p &+ s : nextWordStart(visitor.visit(self, start: p, screen: screenWord(at: p)))
      }
      let start = p &+ s
      let end = start &+ rest.trailingZeroBitCount
      let resume = visitor.visit(self, start: start, screen: screenKnown(at: start, length: end &- start))
      if resume == end {
        starts &= starts &- 1
        continue
      }
      let next = nextWordStart(resume)
      let k = next &- p
      if k >= 64 { return next }
      starts = (starts & (~0 &<< UInt64(truncatingIfNeeded: k))) | (1 &<< UInt64(truncatingIfNeeded: k))
    }
    return nextWordStart(p &+ 64)
  }
}

/// What the scan does with each word: `visit` returns where to look for the next word start,
/// the screen's end to go on with the next word, or further on after a match.
protocol WordVisitor {
  mutating func visit(_ scanner: Scanner, start: Int, screen: Scanner.Screen) -> Int
}
