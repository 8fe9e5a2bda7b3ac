import PhraseMatching

/// Two sets of phrases compiled into one matcher, so that a text is scanned once and each side
/// gets the matches that are its own: the phrases of two releases (`diff --impact`), or a
/// release's and the screening's cue phrases (`batch` with screening columns).
///
/// The second set's phrase IDs are shifted past the first's; ``scan(_:_:_:_:)`` gives each side
/// exactly what its own matcher would have found, in the same order, because phrases match
/// independently and matches are sorted by start, length and term.
struct JointMatcher: Sendable {
  let matcher: PhraseMatcher
  /// The first phrase ID of the second set.
  let split: UInt32
  let end: UInt32

  init(_ first: TaxonomyIndex, _ second: TaxonomyIndex) throws(PhraseMatcherBuildError) {
    try self.init(first.phrases, second.phrases)
  }

  init(_ first: [Phrase], _ second: [Phrase]) throws(PhraseMatcherBuildError) {
    let split = UInt32((first.map { Int($0.id.rawValue) }.max() ?? -1) + 1)
    var phrases = first
    phrases.reserveCapacity(first.count + second.count)
    var end = split
    for p in second {
      var shifted = p
      shifted.id = TermID(p.id.rawValue + split)
      end = max(end, shifted.id.rawValue + 1)
      phrases.append(shifted)
    }
    self.matcher = try PhraseMatcher(phrases)
    self.split = split
    self.end = end
  }

  /// Scans `text` once into `first` and moves the second side's matches out into `second`:
  /// each side then holds its own matches. Selected into two other scratches, the first side's
  /// matches (most of them) were copied once more for every text.
  func scan(_ text: String, _ first: inout MatchScratch, _ second: inout MatchScratch) {
    matcher.findAll(in: text, into: &first)
    first.moveOut(split..<end, into: &second)
  }
}
