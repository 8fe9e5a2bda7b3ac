/// Reusable buffers for `PhraseMatcher`: one per thread. Its arrays are cleared, never shrunk, so a
/// warmed-up scratch makes scanning allocation-free.
public struct MatchScratch: Sendable {
  /// The matches of the last `findAll`, sorted by start, then longer first, then term.
  public internal(set) var matches: [PhraseMatch] = []
  /// Words (maximal runs of letters and digits) in the text of the last `findAll`.
  public internal(set) var wordCount: Int = 0

  public init() {}

  /// Creates a scratch whose match buffer already holds `capacity` matches.
  public init(capacity: Int) {
    matches.reserveCapacity(capacity)
  }
}
