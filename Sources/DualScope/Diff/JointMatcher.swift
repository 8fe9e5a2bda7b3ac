import PhraseMatching

/// The phrases of two releases compiled into one matcher, so that a text is scanned once and each
/// release scores the matches that are its own (`diff --impact`).
///
/// The second release's phrase IDs are shifted past the first's; ``select(_:from:into:)`` gives
/// each release exactly what its own matcher would have found, in the same order, because phrases
/// match independently and matches are sorted by start, length and term.
struct JointMatcher: Sendable {
  let matcher: PhraseMatcher
  /// The first phrase ID of the second release.
  let split: UInt32
  let end: UInt32

  init(_ first: TaxonomyIndex, _ second: TaxonomyIndex) throws(PhraseMatcherBuildError) {
    let split = UInt32((first.phrases.map { Int($0.id.rawValue) }.max() ?? -1) + 1)
    var phrases = first.phrases
    phrases.reserveCapacity(first.phrases.count + second.phrases.count)
    var end = split
    for p in second.phrases {
      var shifted = p
      shifted.id = TermID(p.id.rawValue + split)
      end = max(end, shifted.id.rawValue + 1)
      phrases.append(shifted)
    }
    self.matcher = try PhraseMatcher(phrases)
    self.split = split
    self.end = end
  }

  /// Scans `text` once into `joint` and hands each release its own matches.
  func scan(_ text: String, _ joint: inout MatchScratch, _ first: inout MatchScratch, _ second: inout MatchScratch) {
    matcher.findAll(in: text, into: &joint)
    first.select(0..<split, from: joint)
    second.select(split..<end, from: joint)
  }
}
