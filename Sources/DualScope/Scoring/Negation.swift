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
  /// A word of at most 16 bytes, folded to lower case, packed in two integers: looked up
  /// without making an array per word.
  struct Word: Hashable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    init(_ text: String) {
      let bytes = Array(text.utf8)
      for (k, b) in bytes.enumerated() { set(k, b) }
    }

    /// The word in `range` of `bytes`, or nil when it is longer than 16 bytes.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
      guard range.count <= 16 else { return nil }
      for k in range { set(k - range.lowerBound, Negation.lower(bytes[k])) }
    }

    private mutating func set(_ k: Int, _ b: UInt8) {
      if k < 8 { low |= UInt64(b) << UInt64(8 * k) } else { high |= UInt64(b) << UInt64(8 * (k - 8)) }
    }
  }

  /// Words that deny what follows them in their clause.
  static let deniers: Set<Word> = Set(
    [
      "not", "no", "never", "neither", "nor", "cannot", "don't", "doesn't", "won't", "isn't", "aren't",
      "geen", "niet", "nooit", "noch",
    ].map(Word.init))

  /// Words after which a denier denies nothing ("not only", "niet alleen").
  static let notDenying: Set<Word> = Set(
    ["only", "just", "merely", "solely", "alleen", "enkel", "slechts", "uitsluitend"].map(Word.init))

  /// Words of contrast: what follows them is affirmed.
  static let contrast: Set<Word> = Set(
    [
      "but", "however", "instead", "rather", "whereas", "although", "yet", "maar", "echter", "wel", "juist",
      "daarentegen", "terwijl", "wél",
    ].map(Word.init))

  /// The byte range of the negation word that denies the match starting at byte `start`, or nil.
  static func denier(before start: Int, in bytes: UnsafeBufferPointer<UInt8>, window: Int) -> Range<Int>? {
    guard window > 0, start <= bytes.count else { return nil }
    var i = start
    var words = 0
    // The word read before this one in the scan: the word that follows it in the text.
    var following: Word? = nil
    while i > 0 && words < window {
      // Back over the bytes between two words, stopping at the end of a clause.
      while i > 0 && !isWordByte(bytes[i - 1]) {
        let b = bytes[i - 1]
        if b == 59 || b == 58 || b == 44 || b == 10 { return nil }  // ';' ':' ',' line break
        if (b == 46 || b == 33 || b == 63) && i < bytes.count && (bytes[i] == 32 || bytes[i] == 10) { return nil }
        i -= 1
      }
      guard i > 0 else { return nil }
      let end = i
      while i > 0 && isWordByte(bytes[i - 1]) { i -= 1 }
      words += 1
      guard let word = Word(bytes, i..<end) else {
        following = nil
        continue
      }
      if contrast.contains(word) { return nil }
      // A hyphen right after a denier joins it to the next word: a prefix, not a negation.
      if deniers.contains(word) && !(end < bytes.count && bytes[end] == 45)
        && !(following.map(notDenying.contains) ?? false)
      {
        return i..<end
      }
      following = word
    }
    return nil
  }

  @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
    (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b >= 0x80 || b == 39
  }

  @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b | 0x20 : b }
}
