import PhraseMatching

/// Whether a match is said not to be there: "er wordt geen genetische modificatie toegepast",
/// "the project does not build robots". A description that names a technology only to say it
/// does not develop or use it gives no evidence of it.
///
/// A match is negated when a negation word of English or Dutch ("no", "not", "never",
/// "neither", "nor"; "geen", "niet", "nooit", "noch") stands before it in the same clause, at
/// most `window` words back: the scan goes from the match towards the start of the text, word by
/// word, and stops at the end of a sentence, at a comma, semicolon or colon, and at a word of
/// contrast ("but", "instead", "maar", "wel": what follows is affirmed). "not only" and "niet
/// alleen" deny nothing; a negation word joined to the next word by a hyphen ("niet-invasieve",
/// "no-go") is a prefix. Only what comes after the negation word is denied: "quantum computers
/// do not exist yet" keeps its evidence.
///
/// Left out, measured on the train parts: "without" and "zonder", which deny an action or a
/// means, not the subject ("learning without labelled data", "zonder de versleuteling te
/// verbreken"): of the six arXiv abstracts that lost an area with them, four lost a true one.
///
/// Written by hand over the UTF-8 bytes, backwards from each kept match: a text with no match is
/// never read, and a match reads a few dozen bytes. The word lists are fixed in the tool (as the
/// sentence-role cues are); a release turns the rule on with `negation_window`.
enum Negation {
  /// A word of at most 16 bytes, folded to lower case, packed in two integers.
  struct Word: Equatable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    init(_ text: String) {
      for (k, b) in text.utf8.enumerated() { set(k, b) }
    }

    /// The word in `range` of `bytes`, at most 16 bytes long.
    init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
      for k in range { set(k - range.lowerBound, Negation.lower(bytes[k])) }
    }

    private mutating func set(_ k: Int, _ b: UInt8) {
      if k < 8 { low |= UInt64(b) << UInt64(8 * k) } else { high |= UInt64(b) << UInt64(8 * (k - 8)) }
    }
  }

  /// A short list of words, and by first byte the lengths of its words that begin with it: a
  /// word of the text is packed and compared only when both fit. (Sets of words hashed every
  /// word read, which took a tenth of a `batch` run's time.)
  struct WordList {
    let words: [Word]
    /// Bit `n` of entry `b`: a word of `n` bytes that begins with byte `b`.
    let lengths: [UInt32]

    init(_ list: [String]) {
      words = list.map(Word.init)
      var lengths = [UInt32](repeating: 0, count: 256)
      for w in list where w.utf8.count <= 16 { lengths[Int(w.utf8.first!)] |= 1 << UInt32(w.utf8.count) }
      self.lengths = lengths
    }

    /// Whether the word in `range` of `bytes` (folded to lower case) is in the list.
    @inline(__always) func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
      let n = range.count
      guard n <= 16, lengths[Int(Negation.lower(bytes[range.lowerBound]))] & (1 << UInt32(n)) != 0 else { return false }
      let word = Word(bytes, range)
      return words.contains(word)
    }
  }

  /// Words that deny what follows them in their clause.
  static let deniers = WordList([
    "not", "no", "never", "neither", "nor", "cannot", "don't", "doesn't", "won't", "isn't", "aren't",
    "geen", "niet", "nooit", "noch",
  ])

  /// Words after which a denier denies nothing ("not only", "niet alleen").
  static let notDenying = WordList(["only", "just", "merely", "solely", "alleen", "enkel", "slechts", "uitsluitend"])

  /// Words of contrast: what follows them is affirmed.
  static let contrast = WordList([
    "but", "however", "instead", "rather", "whereas", "although", "yet", "maar", "echter", "wel", "juist",
    "daarentegen", "terwijl", "wél",
  ])

  /// How a scan back from a match ended.
  enum Outcome: Equatable {
    /// A negation word, at this byte range, denies the match.
    case denied(Range<Int>)
    /// The clause ended (or a word of contrast stood) within the window, with no negation word.
    case stopped
    /// The window ran out first.
    case exhausted
  }

  /// The byte range of the negation word that denies the match starting at byte `start`, or nil.
  static func denier(before start: Int, in bytes: UnsafeBufferPointer<UInt8>, window: Int) -> Range<Int>? {
    if case .denied(let r) = scan(before: start, in: bytes, window: window) { return r }
    return nil
  }

  /// By byte: bit 0 for a word byte; bits 8–23 the lengths of deniers that begin with it (bit
  /// 8 + n for n bytes) and bits 32–47 those of words of contrast. One load a byte and one a
  /// word: a byte-wise test and two list lookups a word were most of the scan's time.
  static let table: [UInt64] = (0..<256).map { b in
    let byte = UInt8(b)
    var entry: UInt64 = isWordByte(byte) ? 1 : 0
    for (k, list) in [(8, deniers), (32, contrast)] {
      entry |= UInt64((list.lengths[Int(lower(byte))] >> 1) & 0xFFFF) << UInt64(k)
    }
    return entry
  }

  /// Scans back from byte `start`. With `cleanFrom`, the start of an earlier match in the text
  /// whose scan stopped with no negation word, the scan stops there too: what lies before it
  /// is known (matches in one clause read its words once, not once each).
  static func scan(
    before start: Int, in bytes: UnsafeBufferPointer<UInt8>, window: Int, cleanFrom: Int = -1
  ) -> Outcome {
    table.withUnsafeBufferPointer { scan(before: start, in: bytes, window: window, cleanFrom: cleanFrom, $0) }
  }

  /// Appends to `negated` the matches of `kept` (in text order) that a negation word denies:
  /// the classifier's call, one per text, so the tables are reached once per text and not once
  /// per match (per match, that was most of the rule's cost). A match at the same place as the
  /// one before it has its outcome; a later match's scan stops where an earlier clean one began.
  static func deny<C: Collection>(
    _ kept: C, in bytes: UnsafeBufferPointer<UInt8>, window: Int, into negated: inout [C.Element]
  ) where C.Element == PhraseMatch {
    guard window > 0, !kept.isEmpty else { return }
    table.withUnsafeBufferPointer { table in
      var previousStart = -1
      var previous = Outcome.exhausted
      for m in kept {
        if m.start != previousStart {
          previous = scan(
            before: m.start, in: bytes, window: window, cleanFrom: previous == .stopped ? previousStart : -1, table)
          previousStart = m.start
        }
        if case .denied = previous { negated.append(m) }
      }
    }
  }

  @inline(__always) private static func scan(
    before start: Int, in bytes: UnsafeBufferPointer<UInt8>, window: Int, cleanFrom: Int,
    _ table: UnsafeBufferPointer<UInt64>
  ) -> Outcome {
    guard window > 0, start <= bytes.count else { return .stopped }
    var i = start
    var words = 0
    // The word read before this one in the scan: the word that follows it in the text.
    var following = 0..<0
    while words < window {
      if i <= cleanFrom { return .stopped }
      // Back over the bytes between two words, stopping at the end of a clause.
      while i > 0 && table[Int(bytes[i - 1])] & 1 == 0 {
        let b = bytes[i - 1]
        if b == 59 || b == 58 || b == 44 || b == 10 { return .stopped }  // ';' ':' ',' line break
        if (b == 46 || b == 33 || b == 63) && i < bytes.count && (bytes[i] == 32 || bytes[i] == 10) {
          return .stopped
        }
        i -= 1
      }
      guard i > 0 else { return .stopped }
      let end = i
      while i > 0 && table[Int(bytes[i - 1])] & 1 != 0 { i -= 1 }
      words += 1
      let n = end - i
      let entry = table[Int(bytes[i])]
      if n <= 16 && entry & (0x1_0000_0100 << UInt64(n - 1)) != 0 {
        if entry & (1 << UInt64(32 + n - 1)) != 0 && contrast.contains(bytes, i..<end) { return .stopped }
        // A hyphen right after a denier joins it to the next word: a prefix, not a negation.
        if entry & (1 << UInt64(8 + n - 1)) != 0 && deniers.contains(bytes, i..<end)
          && !(end < bytes.count && bytes[end] == 45) && !(!following.isEmpty && notDenying.contains(bytes, following))
        {
          return .denied(i..<end)
        }
      }
      following = i..<end
    }
    return .exhausted
  }

  @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
    (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b >= 0x80 || b == 39
  }

  @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b | 0x20 : b }
}
