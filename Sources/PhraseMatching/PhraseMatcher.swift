/// A compiled, immutable set of phrases, matched as whole words over Unicode-folded text.
///
/// ## Semantics
///
/// - **Normalisation** (see `Normalizer`): text and phrases are compared after full Unicode case
///   folding (`ß` = `ss`, `İ` = `i`), removal of diacritics (`coördinatie` = `coordinatie`,
///   `technologieën` = `technologieen`), folding of compatibility forms (`ﬁ` = `fi`, full-width
///   letters = ASCII), with every dash and hyphen and every run of white space as one space, and
///   curly apostrophes and primes as `'`. Combining marks, soft hyphens and joiners are dropped.
///   So `dual-use` = `dual use` = `dual – use`, and `AI-based` contains the word `AI`.
/// - **Words** are maximal runs of Unicode letters and digits. A phrase matches only where it
///   starts at the start of a word and (when it ends with a letter or digit) ends at the end of
///   one, unless it is a compound part or a prefix phrase. Other punctuation is kept and must
///   match itself: `quantum, computing` is not `quantum computing`. Leading punctuation of a
///   phrase is dropped; trailing punctuation (`c++`) is kept and needs no boundary after it.
/// - **Case**: case-insensitive by default. A `.caseSensitive` phrase is compared with the
///   original text's case (after the other folding steps): `GaN` ≠ `gan`, `AI` ≠ `Ai`.
/// - **Prefix** (`.prefix`): the phrase's last word may continue with more letters or digits;
///   the match then runs to the end of that word (kind `.prefix`).
/// - **Compound parts** (`.compoundPart`), for Dutch:
///   - *leading part*: the phrase may end inside a word when the rest of the word, after an
///     optional linking `en`, `e` or `s`, has at least 4 letters: `kwantum` in
///     `kwantumcomputer` and `kwantumsprong`, not `laser` in `laserend` (rest `end`: after the
///     linking `en` only 1 letter). The span covers the phrase only.
///   - *trailing part* (the compound's head): the phrase may start inside a word after at least
///     3 letters or digits of that word, and must then end at the end of a word: `laser` in
///     `co2laser` and `hoogvermogenlaser`.
///   A part in the middle of a word (`laser` in `hoogvermogenlaserstraal`) does not match.
/// - **Inflection** is generated when compiling, not by a stemmer: `.inflectEnglish` adds `-s`,
///   `-es` (after s, x, z, o, ch, sh) and `y` → `-ies`; `.inflectDutch` adds `-en` (which also
///   covers `-ën` after folding: `technologieën`), `-s`, `-'s` after a vowel, `-n` after `e`, a
///   doubled final consonant (`cel` → `cellen`) and a shortened double vowel (`molecuul` →
///   `moleculen`). Inflected forms report kind `.inflected`.
/// - **Spans** are UTF-8 byte offsets into the original text, covering whole characters
///   (combining marks after the last letter included). Invalid UTF-8 bytes are separators.
/// - **Reporting**: `findAll` reports every match, overlapping ones included (`quantum` and
///   `quantum key distribution`), sorted by start, then longer first, then term;
///   `resolveLeftmostLongest` and `countLeftmostLongest` give the non-overlapping view.
/// - **Refused phrases**: empty ones and ones without a letter or digit (`PhraseMatcherBuildError`).
///
/// The automaton, its hot loop and the designs measured and rejected are described in
/// `PhraseMatcher+Scan.swift` and docs/matching.md.
public final class PhraseMatcher: Sendable {
  /// Most phrases one matcher compiles.
  public static let maximumPhraseCount = 1 << 24
  /// Longest phrase after normalisation, in bytes.
  public static let maximumPhraseBytes = 1 << 16

  /// Every phrase form: the phrase's text after folding and its inflected variants.
  let forms: [PhraseForm]
  /// Whole-word matching of every form, starting at word starts.
  let main: Automaton
  /// Compound heads: forms of `.compoundPart` phrases, started inside words.
  let interior: Automaton
  let bytes: ByteClasses
  let filter: WordFilter
  let firstWords: FirstWordTable
  let heads: HeadFilter

  /// Number of phrases given to `init`.
  public let phraseCount: Int
  /// Number of compiled forms (phrases plus generated inflections).
  public var formCount: Int { forms.count }
  /// Number of automaton states (both automata).
  public var stateCount: Int { main.stateCount + interior.stateCount }

  /// Compiles `phrases`; throws for an empty phrase, a phrase without letters or digits, or
  /// a list past the size limits.
  public init(_ phrases: [Phrase]) throws(PhraseMatcherBuildError) {
    guard phrases.count <= Self.maximumPhraseCount else {
      throw PhraseMatcherBuildError(.tooManyPhrases(limit: Self.maximumPhraseCount), index: nil, phrase: nil)
    }
    var forms: [PhraseForm] = []
    forms.reserveCapacity(phrases.count)
    var owners: [(term: UInt32, options: PhraseOptions)] = []
    owners.reserveCapacity(phrases.count)
    for (i, phrase) in phrases.enumerated() {
      for f in try PhraseForm.forms(of: phrase, index: i) {
        forms.append(f)
        owners.append((phrase.id.rawValue, phrase.options))
      }
    }
    let bytes = ByteClasses(forms: forms)
    // Insert the forms in sorted order of their classes, so the tries are built without search.
    let classesOf: [[UInt8]] = forms.map { f in f.folded.map { bytes.foldedClass[Int($0)] } }
    let sorted = classesOf.indices.sorted { Self.precedes(classesOf[$0], classesOf[$1]) }
    var mainTrie = TrieBuilder()
    var interiorTrie = TrieBuilder()
    for i in sorted {
      let options = owners[i].options
      var flags: UInt8 = 0
      if options.contains(.caseSensitive) { flags |= AcceptEntry.caseSensitive }
      if options.contains(.prefix) { flags |= AcceptEntry.prefix }
      if options.contains(.compoundPart) { flags |= AcceptEntry.compound }
      if forms[i].needsRightBoundary { flags |= AcceptEntry.rightBoundary }
      let entry = AcceptEntry(termID: owners[i].term, form: UInt32(i), kind: forms[i].kind, flags: flags)
      mainTrie.accepts.append((mainTrie.appendSorted(classesOf[i]), entry))
      if options.contains(.compoundPart) {
        interiorTrie.accepts.append((interiorTrie.appendSorted(classesOf[i]), entry))
      }
    }
    guard let main = Automaton(builder: mainTrie, classCount: bytes.classCount) else {
      throw PhraseMatcherBuildError(.tooManyStates, index: nil, phrase: nil)
    }
    mainTrie = TrieBuilder()  // free the builder before the next one is laid out
    guard let interior = Automaton(builder: interiorTrie, classCount: bytes.classCount) else {
      throw PhraseMatcherBuildError(.tooManyStates, index: nil, phrase: nil)
    }
    self.filter = WordFilter(
      forms: forms,
      openEnded: { !owners[$0].options.isDisjoint(with: [.prefix, .compoundPart]) })
    self.firstWords = FirstWordTable(
      forms: forms,
      openEnded: { !owners[$0].options.isDisjoint(with: [.prefix, .compoundPart]) },
      automaton: main, bytes: bytes)
    self.heads = HeadFilter(heads: forms.indices.filter { owners[$0].options.contains(.compoundPart) }.map { forms[$0] })
    self.forms = forms
    self.bytes = bytes
    self.main = main
    self.interior = interior
    self.phraseCount = phrases.count
  }

  /// Byte-wise order, a prefix first: what `lexicographicallyPrecedes` gives, without its
  /// generic iterators, which made this sort a seventh of a debug build's start (the tests start
  /// one hundreds of times).
  static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    a.withUnsafeBufferPointer { x in
      b.withUnsafeBufferPointer { y in
        let n = min(x.count, y.count)
        var k = 0
        while k < n {
          if x[k] != y[k] { return x[k] < y[k] }
          k += 1
        }
        return x.count < y.count
      }
    }
  }

  /// All matches of every phrase in `text`, overlapping ones included, sorted by start, then
  /// longer first, then term; into `scratch.matches` (cleared first). Allocates nothing once
  /// the scratch buffer has grown to the largest result.
  public func findAll(in text: UnsafeBufferPointer<UInt8>, into scratch: inout MatchScratch) {
    scratch.matches.removeAll(keepingCapacity: true)
    scratch.wordCount = 0
    guard let base = text.baseAddress, text.count > 0 else { return }
    var sink = CollectSink()
    swap(&sink.matches, &scratch.matches)
    let words = scanner(base, text.count).collectAll(into: &sink, interior: !interior.isEmpty)
    swap(&sink.matches, &scratch.matches)
    scratch.wordCount = words
  }

  /// `findAll(in:into:)` for a string (its UTF-8 offsets).
  public func findAll(in text: String, into scratch: inout MatchScratch) {
    var text = text
    text.withUTF8 { findAll(in: $0, into: &scratch) }
  }

  /// All matches in `text` in a new array (convenient; allocates).
  public func matches(in text: String) -> [PhraseMatch] {
    var scratch = MatchScratch()
    findAll(in: text, into: &scratch)
    return scratch.matches
  }

  /// The number of leftmost-longest non-overlapping matches in `text` (what
  /// `resolveLeftmostLongest` keeps, counting a span once however many terms share it).
  /// Allocation-free; `scratch` is not used and is there for symmetry with `findAll`.
  public func countLeftmostLongest(in text: UnsafeBufferPointer<UInt8>, scratch: inout MatchScratch) -> Int {
    guard let base = text.baseAddress, text.count > 0 else { return 0 }
    let s = scanner(base, text.count)
    return interior.isEmpty
      ? s.countLeftmostLongest(interior: false) : s.countLeftmostLongest(interior: true)
  }

  /// `countLeftmostLongest(in:scratch:)` for a string.
  public func countLeftmostLongest(in text: String) -> Int {
    var text = text
    var scratch = MatchScratch()
    return text.withUTF8 { countLeftmostLongest(in: $0, scratch: &scratch) }
  }

  @inline(__always)
  func scanner(_ base: UnsafePointer<UInt8>, _ count: Int) -> Scanner {
    Scanner(
      text: base, n: count, bytes: bytes, main: main, interior: interior, forms: forms,
      filter: filter, firstWords: firstWords, heads: heads)
  }
}
