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
        let end = p0 &+ length
        if openWords && filterHas(WordFilter.slot(firstThree: lo & 0xFF_FFFF, shift: filterShift)) {
          return Screen(end: end, walkFromStart: true, state: 0)
        }
        var h = WordFilter.mix(0, lo)
        if hi != 0 { h = WordFilter.mix(h, hi) }
        guard filterHas(WordFilter.slot(whole: h, shift: filterShift)) else {
          return Screen(end: end, walkFromStart: false, state: 0)
        }
        guard let e = FirstWordTable.entry(lo: lo, hi: hi, in: firstWordEntries, mask: firstWordMask) else { return Screen(end: end, walkFromStart: false, state: 0) }
        return Screen(end: end, walkFromStart: false, state: e.pointee.state, follow: e.pointee.follow)
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
    guard filterHas(WordFilter.slot(whole: h, shift: filterShift)), chunks <= 2 else {
      return Screen(end: p, walkFromStart: chunks > 2 && filterHas(WordFilter.slot(whole: h, shift: filterShift)), state: 0)
    }
    return Screen(end: p, walkFromStart: false, state: firstWords.state(lo: lo, hi: hi))
  }

  /// Counts leftmost-longest matches: at each word start the longest match wins and the scan
  /// resumes after it; without one, the word is skipped (or searched for compound heads).
  @inline(__always)
  func countLeftmostLongest(interior hasInterior: Bool) -> Int {
    var count = 0
    var p = nextWordStart(0)
    while p < n {
      let wordStart = p
      let screen = screenWord(at: p)
      var resume = -1
      if !screen.walkFromStart && screen.state != 0 && !mayContinue(screen) {
        // The walk would only find the word itself.
        if screen.follow & FirstWordTable.acceptsPlainly != 0 {
          count &+= 1
          p = nextWordStart(screen.end)
          continue
        }
      } else if screen.walkFromStart || screen.state != 0 {
        var sink = CountSink()
        let r =
          screen.walkFromStart
          ? walk(main, from: wordStart, interiorStart: false, sink: &sink)
          : walk(main, from: wordStart, interiorStart: false, sink: &sink, state: screen.state, at: screen.end)
        if sink.best >= 0 {
          count &+= 1
          p = sink.best
          // A word right after a phrase that ends in punctuation (`c++`) is a word of its own.
          if p < n, sink.bestKind == .compound, charClass(at: p).0 == .word {
            // A compound's leading part ended inside the word (the match may span several).
            p = hasInterior ? countHeads(wordStart: startOfWord(at: p, from: wordStart), from: p, count: &count) : skipWord(p)
          }
          p = nextWordStart(p)
          continue
        }
        if r.inFirstWord { resume = r.stop }
      }
      if hasInterior {
        p = countHeads(wordStart: wordStart, from: wordStart, count: &count)
      } else if screen.end >= 0 {
        p = screen.end
      } else {
        p = skipWord(resume >= 0 ? resume : wordStart)
      }
      p = nextWordStart(p)
    }
    return count
  }

  /// The start of the word that `p` lies in, scanning forward from `from`, a word start before it.
  func startOfWord(at p: Int, from: Int) -> Int {
    var q = from
    var start = from
    while q < p {
      let (c, len) = charClass(at: q)
      q &+= len
      if c != .word && c != .ignorable { start = q }
    }
    return start
  }

  /// Looks for the leftmost compound head inside the word at `wordStart`, starting at `from`;
  /// counts it and returns where it ends, or returns the word's end.
  func countHeads(wordStart: Int, from: Int, count: inout Int) -> Int {
    var p = wordStart
    var letters = 0
    while p < n {
      let (c, len) = charClass(at: p)
      if c == .ignorable {
        p &+= len
        continue
      }
      guard c == .word else { break }
      if letters >= 3 && p >= from && heads.mayStart(text, p, n) {
        var sink = CountSink()
        _ = walk(interior, from: p, interiorStart: true, sink: &sink)
        if sink.best >= 0 {
          count &+= 1
          return sink.best
        }
      }
      letters &+= 1
      p &+= len
    }
    return p
  }

  /// Reports every match into `sink.matches`; returns the number of words.
  @inline(__always)
  func collectAll(into sink: inout CollectSink, interior hasInterior: Bool) -> Int {
    var words = 0
    var p = nextWordStart(0)
    while p < n {
      let wordStart = p
      sink.wordIndex = Int32(truncatingIfNeeded: words)
      words &+= 1
      let screen = screenWord(at: p)
      var resume = wordStart
      if screen.walkFromStart
        || (screen.state != 0 && (screen.follow & FirstWordTable.acceptsPlainly != 0 || mayContinue(screen)))
      {
        let group = sink.matches.count
        let r =
          screen.walkFromStart
          ? walk(main, from: wordStart, interiorStart: false, sink: &sink)
          : walk(main, from: wordStart, interiorStart: false, sink: &sink, state: screen.state, at: screen.end)
        finishGroup(&sink.matches, from: group)
        if r.inFirstWord { resume = r.stop }
      }
      if hasInterior && screen.end >= 0 && heads.isEnabled {
        // An ASCII word: a head needs three letters before it and its own first three inside
        // the word, so words under six letters start no walk.
        var q = wordStart &+ 3
        let last = screen.end &- 3
        while q <= last {
          if heads.test(text, q) {
            let group = sink.matches.count
            _ = walk(interior, from: q, interiorStart: true, sink: &sink)
            finishGroup(&sink.matches, from: group)
          }
          q &+= 1
        }
        p = screen.end
      } else if hasInterior {
        var q = wordStart
        var letters = 0
        while q < n {
          let (c, len) = charClass(at: q)
          if c == .ignorable {
            q &+= len
            continue
          }
          guard c == .word else { break }
          if letters >= 3 && heads.mayStart(text, q, n) {
            let group = sink.matches.count
            _ = walk(interior, from: q, interiorStart: true, sink: &sink)
            finishGroup(&sink.matches, from: group)
          }
          letters &+= 1
          q &+= len
        }
        p = q
      } else {
        p = screen.end >= 0 ? screen.end : skipWord(resume)
      }
      p = nextWordStart(p)
    }
    return words
  }

  /// Orders the matches of one start (longer first, then term, then kind) and drops repeats of
  /// the same term and span. Insertion sort: groups are small, and it allocates nothing.
  @inline(__always)
  func finishGroup(_ m: inout [PhraseMatch], from g: Int) {
    let count = m.count
    guard count - g > 1 else { return }
    var i = g + 1
    while i < count {
      let x = m[i]
      var j = i
      while j > g && resolutionOrder(x, m[j - 1]) {
        m[j] = m[j - 1]
        j -= 1
      }
      m[j] = x
      i += 1
    }
    var w = g + 1
    for r in (g + 1)..<count {
      let x = m[r]
      let last = m[w - 1]
      if x.termID == last.termID && x.end == last.end { continue }
      m[w] = x
      w += 1
    }
    if w < count { m.removeLast(count - w) }
  }
}
