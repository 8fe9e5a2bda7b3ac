/// Where matches found by a walk go: the best end only (counting) or every match (findAll).
protocol MatchSink {
  /// True when only the longest end matters, so simple accept states need no evaluation.
  static var countsOnly: Bool { get }
  mutating func found(start: Int, end: Int, termID: UInt32, kind: MatchKind)
}

/// Keeps the longest end found by one walk.
struct CountSink: MatchSink {
  static var countsOnly: Bool { true }
  var best = -1
  /// The kind of the match ending at `best`: `.compound` when it ends inside a word.
  var bestKind = MatchKind.exact
  @inline(__always)
  mutating func found(start: Int, end: Int, termID: UInt32, kind: MatchKind) {
    if end > best {
      best = end
      bestKind = kind
    }
  }
}

/// Appends every match.
struct CollectSink: MatchSink {
  static var countsOnly: Bool { false }
  var matches: [PhraseMatch] = []
  var wordIndex: Int32 = 0
  @inline(__always)
  mutating func found(start: Int, end: Int, termID: UInt32, kind: MatchKind) {
    matches.append(PhraseMatch(termID: TermID(termID), start: start, end: end, kind: kind, wordIndex: wordIndex))
  }
}

/// One scan of one text: the text, the tables and the automata, by unowned pointers and references
/// that live as long as the matcher call.
struct Scanner {
  let text: UnsafePointer<UInt8>
  let n: Int
  let table: UnsafePointer<UInt16>
  let foldedClass: UnsafePointer<UInt8>
  let gapClass: UInt8
  let main: Automaton
  let interior: Automaton
  let forms: [PhraseForm]
  let filter: WordFilter
  let firstWords: FirstWordTable
  let heads: HeadFilter
  /// The word filter's bitmap and settings and the first-word table as plain values, so that a
  /// test in the hot loop is one load rather than a chain through the objects.
  let filterBits: UnsafePointer<UInt64>
  let filterShift: UInt64
  let filterOn: Bool
  let openWords: Bool
  let firstWordEntries: UnsafeMutablePointer<FirstWordTable.Entry>
  let firstWordMask: Int

  typealias K = ByteClasses

  init(
    text: UnsafePointer<UInt8>, n: Int, bytes: ByteClasses, main: Automaton, interior: Automaton,
    forms: [PhraseForm], filter: WordFilter, firstWords: FirstWordTable, heads: HeadFilter
  ) {
    self.text = text
    self.n = n
    self.table = UnsafePointer(bytes.text.baseAddress!)
    self.foldedClass = UnsafePointer(bytes.folded.baseAddress!)
    self.gapClass = bytes.gapClass
    self.main = main
    self.interior = interior
    self.forms = forms
    self.filter = filter
    self.firstWords = firstWords
    self.heads = heads
    self.filterBits = UnsafePointer(filter.bits.words.baseAddress!)
    self.filterShift = filter.shift
    self.filterOn = filter.isEnabled
    self.openWords = filter.hasOpenWords
    self.firstWordEntries = firstWords.entries.baseAddress!
    self.firstWordMask = firstWords.mask
  }

  /// Whether the word filter has `slot` set.
  @inline(__always)
  func filterHas(_ slot: Int) -> Bool { filterBits[slot &>> 6] & (1 &<< UInt64(slot & 63)) != 0 }

  /// The folded form of the non-ASCII (or invalid) scalar `v`. The fold table is reached
  /// through `FoldTable.shared`, so it is built at the first non-ASCII character a process
  /// folds, not at its first compile: a third of compiling the benchmark's ASCII phrases.
  @inline(__always)
  func foldHigh(_ v: UInt32) -> FoldedScalar {
    if v < FoldTable.lowEnd { return FoldTable.shared.low[Int(v &- 0x80)] }
    return ScalarFolding.foldNonASCII(v)
  }

  /// The class of the character at `p` (`p < n`) and its length in bytes.
  @inline(__always)
  func charClass(at p: Int) -> (CharClass, Int) {
    let k = UInt8(truncatingIfNeeded: table[Int(text[p])] >> 8)
    if k == K.kindWord { return (.word, 1) }
    if k != K.kindHigh { return (k == K.kindGap ? .gap : .other, 1) }
    let (v, len) = UTF8Decoding.decode(text, p, n)
    return (foldHigh(v).cls, len)
  }

  /// The end of the word that continues at `p`: past letters, digits and ignorables.
  @inline(__always)
  func skipWord(_ p0: Int) -> Int {
    var p = p0
    while p < n {
      let k = UInt8(truncatingIfNeeded: table[Int(text[p])] >> 8)
      if k == K.kindWord {
        p &+= 1
        continue
      }
      if k != K.kindHigh { break }
      let (c, len) = charClass(at: p)
      if c == .word || c == .ignorable { p &+= len } else { break }
    }
    return p
  }

  /// The first word start at or after `p0` (or `n`): eight bytes at a time while they are
  /// ASCII (most gaps are one or two bytes, so this is one load), else byte by byte.
  @inline(__always)
  func nextWordStart(_ p0: Int) -> Int {
    if p0 &+ 8 <= n {
      let x = UnsafeRawPointer(text + p0).loadUnaligned(as: UInt64.self)
      let stop = WordFilter.wordBytes(x) | (x & WordFilter.highBits)
      if stop == 0 { return nextWordStartByByte(p0 &+ 8) }
      let bit = stop.trailingZeroBitCount
      let p = p0 &+ (bit &>> 3)
      // An ASCII letter or digit starts a word; a non-ASCII byte needs decoding.
      return x & (1 &<< UInt64(bit)) == 0 ? p : nextWordStartByByte(p)
    }
    return nextWordStartByByte(p0)
  }

  /// `nextWordStart` one character at a time.
  @inline(never)
  func nextWordStartByByte(_ p0: Int) -> Int {
    var p = p0
    while p < n {
      let k = UInt8(truncatingIfNeeded: table[Int(text[p])] >> 8)
      if k == K.kindWord { return p }
      if k != K.kindHigh {
        p &+= 1
        continue
      }
      let (c, len) = charClass(at: p)
      if c == .word { return p }
      p &+= len
    }
    return n
  }

  // MARK: - The walk
  //
  // The hot loop. Word starts and lengths come from a mask of the letters and digits of 64
  // ASCII bytes at a time; each word is screened against the word filter and the first-word
  // table, whose entry also says what may follow the word, so most words that pass need no
  // walk (Scanner+Words.swift, Scanner+Loops.swift). A walk then runs the trie from the word
  // start, or from the state after the first word, over the original bytes: an ASCII byte is folded
  // and classed by one lookup in `table`; a non-ASCII character is decoded and folded through
  // `FoldTable` and its folded bytes are fed one by one. Runs of gap characters feed one gap.
  // An accepting state is judged on the character after it (which decides the word boundary),
  // and the walk ends when the trie has no transition. Nothing is allocated; offsets are
  // original byte offsets throughout.
  //
  // Measured and rejected (docs/matching.md has the figures):
  // - Folding the whole text into a buffer first, with an offset map, then scanning it: two
  //   passes, and the offset map (an Int per byte) costs more memory traffic than the scan.
  // - Aho-Corasick with failure links over the folded stream plus a boundary post-filter: it
  //   visits every byte of every word and reports candidates that the boundary filter drops
  //   (1.14 M raw vs 0.69 M whole-word matches on the benchmark); walks anchored at word
  //   starts, after the filter, touch only the few words a phrase can start with. The cost: a
  //   walk that fails after several words restarts at the next word, so the worst case is
  //   O(text × longest phrase) instead of O(text) (see the adversarial tests).
  // - A dense row for every state: 4 bytes × classes per state is hundreds of MB at 100,000
  //   phrases. Only the root, its children and branchy states are dense; the rest have up to
  //   three packed edges right after their header.
  // - State info and edges in separate arrays: two dependent cache misses per step. One array
  //   of words keeps the root's and its children's rows in a few cache lines.
  // - Breadth-first order for the whole array (the first version): once the first-word table
  //   started most walks deep in the trie, each step was a cache miss; depth-first below the
  //   root's children: counting 143 to 139 ms, findAll 168 to 163 ms.
  // - Walking every word from its first byte: the walk's dependent loads and its exit branch
  //   cost more than hashing the word; the filter rejects most words with one L1 load.
  // - Per-state accept lists checked on every step: the accept summary rides in the state's
  //   header, which the step loads anyway, so a plain whole-word accept costs one test when
  //   counting.
  // - Finding each word's end and the next word's start from the previous word's end (eight
  //   bytes at a time): every word's loads waited on the previous word's arithmetic; the
  //   64-byte mask took counting from 170 to 139 ms on the benchmark (3,000 phrases, 43 MB).
  // - The per-word work of both loops as a closure: not inlined, and copying the scanner into
  //   its context cost a retain and release per word (208 ms against 139 ms with a generic
  //   visitor).
  // - The state after the first word and a gap in the first-word entry, so such a walk skips
  //   a state (entries 24 to 32 bytes): 146.5 against 144.6 ms, within noise.
  // - Words of up to eight bytes in their own table of 16-byte entries (32 KB instead of
  //   96 KB): 152.5 ms either way.
  // - One multiply instead of two to hash a word of up to eight bytes for the filter: 145 to
  //   140 ms, then 148 to 149 ms: within noise.
  // - Screening words of nine to sixteen bytes without a branch on the length (both chunks
  //   loaded, masks by selects): 149.9 ms either way.
  // - Deciding by selects rather than branches whether a word that passed the filter needs a
  //   walk: 137.3 against 137.8 ms.

  /// Walks `a` from `start`; reports matches to `sink`. Returns where the walk stopped and
  /// whether everything before that was part of the first word (so the caller may skip the
  /// word from there).
  @inline(__always)
  func walk<S: MatchSink>(
    _ a: Automaton, from start: Int, interiorStart: Bool, sink: inout S,
    state s0: UInt32 = Automaton.root, at p0: Int = -1
  ) -> (stop: Int, inFirstWord: Bool) {
    let words = UnsafePointer(a.words.baseAddress!)
    var s = s0
    var p = p0 < 0 ? start : p0
    var lastGap = false
    var inFirstWord = true
    while true {
      let h = words[Int(s)]
      if p < n {
        // The common step: an ASCII letter or digit out of a state that accepts nothing.
        let e = table[Int(text[p])]
        if e >> 8 == UInt16(K.kindWord) && h & Automaton.acceptMask == 0 {
          s = a.next(s, header: h, UInt8(truncatingIfNeeded: e))
          if s == 0 { return (p, inFirstWord) }
          lastGap = false
          p &+= 1
          continue
        }
      }
      var k = K.kindEnd
      var cls: UInt8 = 0
      var len = 1
      var high = FoldedScalar()
      var isHigh = false
      if p < n {
        let e = table[Int(text[p])]
        cls = UInt8(truncatingIfNeeded: e)
        k = UInt8(truncatingIfNeeded: e >> 8)
        if k == K.kindHigh {
          let (v, l) = UTF8Decoding.decode(text, p, n)
          len = l
          high = foldHigh(v)
          if high.cls == .ignorable {
            p &+= len
            continue
          }
          isHigh = true
          k = high.cls.rawValue
          cls = gapClass
        }
      }
      if h & Automaton.acceptMask != 0 {
        if S.countsOnly && h & Automaton.acceptMask == Automaton.simpleBit && !interiorStart {
          if k != K.kindWord { sink.found(start: start, end: p, termID: 0, kind: .exact) }
        } else {
          evaluate(a, header: h, start: start, end: p, nextIsWord: k == K.kindWord, interiorStart: interiorStart, sink: &sink)
        }
      }
      if k == K.kindEnd { return (p, inFirstWord) }
      if k == K.kindGap {
        if lastGap {
          p &+= len
          continue
        }
        lastGap = true
        s = a.next(s, header: h, gapClass)
      } else {
        lastGap = false
        if isHigh {
          let count = Int(high.foldedCount)
          if count > 0 { s = a.next(s, header: h, foldedClass[Int(high.foldedByte(0))]) }
          var i = 1
          while i < count && s != 0 {
            s = a.next(s, foldedClass[Int(high.foldedByte(i))])
            i &+= 1
          }
        } else {
          s = a.next(s, header: h, cls)
        }
      }
      if s == 0 { return (p, inFirstWord) }
      if k != K.kindWord { inFirstWord = false }
      p &+= len
    }
  }

  /// The slow part of accepting: case checks, prefixes, compound rests, interior starts, and
  /// every entry when collecting.
  @inline(never)
  func evaluate<S: MatchSink>(
    _ a: Automaton, header: UInt32, start: Int, end: Int, nextIsWord: Bool, interiorStart: Bool, sink: inout S
  ) {
    for i in a.acceptRange(header: header) {
      let e = a.accepts[i]
      var matchEnd = end
      var kind = e.kind
      if nextIsWord {
        if !e.has(AcceptEntry.rightBoundary) {
          // Ends with punctuation: no boundary needed.
        } else if e.has(AcceptEntry.prefix) {
          matchEnd = skipWord(end)
          kind = .prefix
        } else if e.has(AcceptEntry.compound) && !interiorStart && compoundRestAllowed(end) {
          kind = .compound
        } else {
          continue
        }
      }
      if interiorStart && kind != .prefix { kind = .compound }
      if e.has(AcceptEntry.caseSensitive) && !keptFormMatches(start: start, end: end, form: Int(e.form)) {
        continue
      }
      sink.found(start: start, end: matchEnd, termID: e.termID, kind: kind)
    }
  }

  /// Whether the rest of the word from `p`, after an optional linking `en`, `e` or `s`, has at
  /// least 4 letters or digits (the leading-part rule for compounds).
  func compoundRestAllowed(_ p0: Int) -> Bool {
    var p = p0
    var letters = 0
    var first: UInt8 = 0
    var second: UInt8 = 0
    while p < n && letters < 7 {
      let (v, len) = UTF8Decoding.decode(text, p, n)
      let f = v < 0x80 ? ScalarFolding.ascii(UInt8(truncatingIfNeeded: v)) : foldHigh(v)
      if f.cls == .ignorable {
        p &+= len
        continue
      }
      guard f.cls == .word else { break }
      if letters == 0 { first = f.foldedByte(0) } else if letters == 1 { second = f.foldedByte(0) }
      letters &+= 1
      p &+= len
    }
    var linker = 0
    if first == UInt8(ascii: "e") && second == UInt8(ascii: "n") {
      linker = 2
    } else if first == UInt8(ascii: "e") || first == UInt8(ascii: "s") {
      linker = 1
    }
    return letters - linker >= 4
  }

  /// Whether the original text in `start..<end`, folded keeping case, equals the form's kept bytes.
  func keptFormMatches(start: Int, end: Int, form: Int) -> Bool {
    forms[form].kept.withUnsafeBufferPointer { expected in
      var j = 0
      var p = start
      var lastGap = false
      while p < end {
        let (v, len) = UTF8Decoding.decode(text, p, n)
        let f = v < 0x80 ? ScalarFolding.ascii(UInt8(truncatingIfNeeded: v)) : foldHigh(v)
        p &+= len
        switch f.cls {
        case .ignorable: continue
        case .gap:
          if lastGap { continue }
          lastGap = true
        default: lastGap = false
        }
        let count = Int(f.keptCount)
        guard j + count <= expected.count else { return false }
        for i in 0..<count where expected[j + i] != f.keptByte(i) { return false }
        j += count
      }
      return j == expected.count
    }
  }
}
