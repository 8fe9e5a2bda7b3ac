/// Reusable buffers for `PhraseMatcher`: one per thread. Its arrays are cleared, never shrunk, so a
/// warmed-up scratch makes scanning allocation-free.
public struct MatchScratch: Sendable {
  /// The matches of the last `findAll`, sorted by start, then longer first, then term.
  public internal(set) var matches: [PhraseMatch] = []
  /// Words (maximal runs of letters and digits) in the text of the last `findAll`.
  public internal(set) var wordCount: Int = 0

  public init() {}

  /// Moves the matches whose term IDs lie in `ids` to `other`, renumbered to start at 0, and
  /// keeps the others here, in order; `other` gets this scratch's word count. After a joint scan
  /// into this scratch each side holds what its own matcher finds (matches are sorted by start,
  /// length and term, and phrases match independently), and the side that stays is not copied:
  /// with no match to move, nothing is written.
  public mutating func moveOut(_ ids: Range<UInt32>, into other: inout MatchScratch) {
    // Emptied only when not empty: `removeAll(keepingCapacity:)` costs 120 instructions even on
    // an empty array, and most texts hold no match of the other side.
    if !other.matches.isEmpty { other.matches.removeAll(keepingCapacity: true) }
    other.wordCount = wordCount
    let kept = matches.withUnsafeMutableBufferPointer { all -> Int in
      var kept = 0
      for i in all.indices {
        let m = all[i]
        if ids.contains(m.termID.rawValue) {
          var moved = m
          moved.termID = TermID(m.termID.rawValue - ids.lowerBound)
          other.matches.append(moved)
        } else {
          if kept != i { all[kept] = m }
          kept += 1
        }
      }
      return kept
    }
    if kept < matches.count { matches.removeLast(matches.count - kept) }
  }

  /// Holds `matches`, as kept from an earlier scan of a text of `wordCount` words.
  public mutating func restore(_ matches: UnsafeBufferPointer<PhraseMatch>, wordCount: Int) {
    if !self.matches.isEmpty { self.matches.removeAll(keepingCapacity: true) }
    if !matches.isEmpty { self.matches.append(contentsOf: matches) }
    self.wordCount = wordCount
  }

  /// Creates a scratch whose match buffer already holds `capacity` matches.
  public init(capacity: Int) {
    matches.reserveCapacity(capacity)
  }
}
