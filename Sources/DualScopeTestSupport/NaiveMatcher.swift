import PhraseMatching

/// A slow, obviously correct reference for `PhraseMatcher`, for differential tests: it folds the
/// text into characters with `Normalizer.units`, then compares every phrase form with the folded
/// characters at every word start (and, for compound parts, at every position inside a word).
public struct NaiveMatcher: Sendable {
  struct Form: Sendable {
    var folded: [UInt8]
    var kept: [UInt8]
    var kind: MatchKind
    var needsRightBoundary: Bool
    var id: TermID
    var options: PhraseOptions
  }

  /// One character of the text: a scalar with the ignorables after it, or a run of gaps.
  struct Char {
    var folded: [UInt8]
    var kept: [UInt8]
    var isWord: Bool
    var isGap: Bool
    var start: Int
    var end: Int
  }

  let forms: [Form]

  /// Compiles `phrases` the simple way; phrases the real matcher refuses are left out.
  public init(_ phrases: [Phrase]) {
    var forms: [Form] = []
    for p in phrases {
      var units = Normalizer.units(of: p.text).filter { !$0.isIgnorable }
      guard let first = units.firstIndex(where: { $0.isWord }) else { continue }
      units.removeFirst(first)
      while units.last?.isGap == true { units.removeLast() }
      var collapsed: [Normalizer.Unit] = []
      for u in units where !(u.isGap && collapsed.last?.isGap == true) { collapsed.append(u) }
      let endsInWord = collapsed.last!.isWord
      let folded = collapsed.flatMap { $0.folded }
      let kept = collapsed.flatMap { $0.kept }
      forms.append(Form(folded: folded, kept: kept, kind: .exact, needsRightBoundary: endsInWord, id: p.id, options: p.options))
      guard endsInWord, !p.options.contains(.prefix) else { continue }
      let lastWord = collapsed.reversed().prefix { $0.isWord }.reversed()
      for change in Inflection.changes(lastWord: String(decoding: lastWord.flatMap { $0.folded }, as: UTF8.self), options: p.options) {
        guard change.drop < lastWord.count else { continue }
        let stem = collapsed.dropLast(change.drop)
        let suffix = Array(change.suffix.utf8)
        let f = Form(
          folded: stem.flatMap { $0.folded } + suffix, kept: stem.flatMap { $0.kept } + suffix,
          kind: .inflected, needsRightBoundary: true, id: p.id, options: p.options)
        if !forms.contains(where: { $0.id == f.id && $0.folded == f.folded && $0.kept == f.kept && $0.options == f.options }) {
          forms.append(f)
        }
      }
    }
    self.forms = forms
  }

  static func chars(_ text: [UInt8]) -> [Char] {
    let units = text.withUnsafeBufferPointer { Normalizer.units(of: $0) }
    var chars: [Char] = []
    for u in units {
      if u.isIgnorable {
        if !chars.isEmpty { chars[chars.count - 1].end = u.end }
        continue
      }
      if u.isGap, let last = chars.last, last.isGap {
        chars[chars.count - 1].end = u.end
        continue
      }
      chars.append(Char(folded: u.folded, kept: u.kept, isWord: u.isWord, isGap: u.isGap, start: u.start, end: u.end))
    }
    return chars
  }

  /// Every match, sorted and deduplicated as `PhraseMatcher.findAll` reports them.
  public func findAll(_ text: [UInt8]) -> (matches: [PhraseMatch], words: Int) {
    let chars = Self.chars(text)
    var wordOf = [Int](repeating: -1, count: chars.count)
    var lettersBefore = [Int](repeating: 0, count: chars.count)
    var words = 0
    for i in chars.indices where chars[i].isWord {
      if i == 0 || !chars[i - 1].isWord {
        words += 1
      } else {
        lettersBefore[i] = lettersBefore[i - 1] + 1
      }
      wordOf[i] = words - 1
    }
    var out: [PhraseMatch] = []
    for i in chars.indices where chars[i].isWord {
      let interior = lettersBefore[i] > 0
      for f in forms {
        if interior && !(f.options.contains(.compoundPart) && lettersBefore[i] >= 3) { continue }
        // Consume whole characters.
        var j = i
        var offset = 0
        var ok = true
        while offset < f.folded.count {
          guard j < chars.count else {
            ok = false
            break
          }
          let c = chars[j].folded
          if offset + c.count > f.folded.count || Array(f.folded[offset..<(offset + c.count)]) != c {
            ok = false
            break
          }
          offset += c.count
          j += 1
        }
        guard ok, j > i else { continue }
        let nextIsWord = j < chars.count && chars[j].isWord
        var end = chars[j - 1].end
        var kind = f.kind
        if nextIsWord && f.needsRightBoundary {
          if f.options.contains(.prefix) {
            var k = j
            while k < chars.count && chars[k].isWord { k += 1 }
            end = chars[k - 1].end
            kind = .prefix
          } else if f.options.contains(.compoundPart) && !interior && Self.restAllowed(chars, from: j) {
            kind = .compound
          } else {
            continue
          }
        }
        if interior && kind != .prefix { kind = .compound }
        if f.options.contains(.caseSensitive) && chars[i..<j].flatMap({ $0.kept }) != f.kept { continue }
        out.append(PhraseMatch(termID: f.id, start: chars[i].start, end: end, kind: kind, wordIndex: Int32(wordOf[i])))
      }
    }
    out.sort {
      ($0.start, -$0.end, $0.termID.rawValue, $0.kind.rawValue) < ($1.start, -$1.end, $1.termID.rawValue, $1.kind.rawValue)
    }
    var deduped: [PhraseMatch] = []
    for m in out {
      if let last = deduped.last, last.start == m.start, last.end == m.end, last.termID == m.termID { continue }
      deduped.append(m)
    }
    return (deduped, words)
  }

  /// The compound leading-part rule: the rest of the word, after an optional linking `en`, `e`
  /// or `s`, has at least 4 letters or digits.
  static func restAllowed(_ chars: [Char], from j: Int) -> Bool {
    var rest: [[UInt8]] = []
    var k = j
    while k < chars.count && chars[k].isWord {
      rest.append(chars[k].folded)
      k += 1
    }
    let first = rest.first?.first
    let second = rest.count > 1 ? rest[1].first : nil
    var linker = 0
    if first == UInt8(ascii: "e") && second == UInt8(ascii: "n") {
      linker = 2
    } else if first == UInt8(ascii: "e") || first == UInt8(ascii: "s") {
      linker = 1
    }
    return rest.count - linker >= 4
  }

  /// Leftmost-longest spans, each span once.
  public func leftmostLongestSpans(_ text: [UInt8]) -> [Range<Int>] {
    var spans: [Range<Int>] = []
    var end = -1
    for m in findAll(text).matches where m.start >= end {
      spans.append(m.start..<m.end)
      end = m.end
    }
    return spans
  }
}
