extension Scanner {
  /// Counts leftmost-longest matches: at each word start the longest match wins and the scan
  /// resumes after it; without one, the word is skipped (or searched for compound heads).
  @inline(__always)
  func countLeftmostLongest(interior hasInterior: Bool) -> Int {
    var counter = Counter(interior: hasInterior)
    forEachWord(&counter)
    return counter.count
  }

  struct Counter: WordVisitor {
    let interior: Bool
    var count = 0

    @inline(__always)
    mutating func visit(_ scanner: Scanner, start: Int, screen: Screen) -> Int {
      scanner.countMatch(at: start, screen: screen, interior: interior, count: &count)
    }
  }

  /// Counts the longest match at the word at `wordStart` (or a compound head inside it);
  /// returns where to look for the next word start.
  @inline(__always)
  func countMatch(at wordStart: Int, screen: Screen, interior hasInterior: Bool, count: inout Int) -> Int {
    var resume = -1
    if !screen.walkFromStart && screen.state != 0 && !mayContinue(screen) {
      // The walk would only find the word itself.
      if screen.follow & FirstWordTable.acceptsPlainly != 0 {
        count &+= 1
        return screen.end
      }
    } else if screen.walkFromStart || screen.state != 0 {
      var sink = CountSink()
      let r =
        screen.walkFromStart
        ? walk(main, from: wordStart, interiorStart: false, sink: &sink)
        : walk(main, from: wordStart, interiorStart: false, sink: &sink, state: screen.state, at: screen.end)
      if sink.best >= 0 {
        count &+= 1
        let p = sink.best
        // A word right after a phrase that ends in punctuation (`c++`) is a word of its own.
        if p < n, sink.bestKind == .compound, charClass(at: p).0 == .word {
          // A compound's leading part ended inside the word (the match may span several).
          return hasInterior ? countHeads(wordStart: startOfWord(at: p, from: wordStart), from: p, count: &count) : skipWord(p)
        }
        return p
      }
      if r.inFirstWord { resume = r.stop }
    }
    if hasInterior { return countHeads(wordStart: wordStart, from: wordStart, count: &count) }
    if screen.end >= 0 { return screen.end }
    return skipWord(resume >= 0 ? resume : wordStart)
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
    var collector = Collector(interior: hasInterior)
    swap(&collector.sink, &sink)
    forEachWord(&collector)
    swap(&collector.sink, &sink)
    return collector.words
  }

  struct Collector: WordVisitor {
    let interior: Bool
    var sink = CollectSink()
    var words = 0

    @inline(__always)
    mutating func visit(_ scanner: Scanner, start: Int, screen: Screen) -> Int {
      sink.wordIndex = Int32(truncatingIfNeeded: words)
      words &+= 1
      return scanner.collectMatches(at: start, screen: screen, interior: interior, into: &sink)
    }
  }

  /// Reports every match that starts at the word at `wordStart` or inside it (compound heads);
  /// returns the word's end.
  @inline(__always)
  func collectMatches(at wordStart: Int, screen: Screen, interior hasInterior: Bool, into sink: inout CollectSink) -> Int {
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
      // An ASCII word: a head needs three letters before it and its own first four inside
      // the word, so words under seven letters start no walk.
      var q = wordStart &+ 3
      let last = screen.end &- HeadFilter.keyLength
      while q <= last {
        if heads.test(text, q) {
          let group = sink.matches.count
          _ = walk(interior, from: q, interiorStart: true, sink: &sink)
          finishGroup(&sink.matches, from: group)
        }
        q &+= 1
      }
      return screen.end
    }
    if hasInterior {
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
      return q
    }
    return screen.end >= 0 ? screen.end : skipWord(resume)
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
