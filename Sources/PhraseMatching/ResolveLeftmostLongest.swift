/// Leftmost-longest resolution for display and scoring.
///
/// From all matches (sorted as `PhraseMatcher.findAll` sorts them), keeps non-overlapping spans:
/// leftmost first, the longest at equal start. A match overlapping a kept one is dropped, so one
/// contained in it is subsumed (`quantum` inside `quantum key distribution`). Matches of other
/// terms with exactly the kept span are all kept, each term once.
public func resolveLeftmostLongest(_ matches: [PhraseMatch]) -> [PhraseMatch] {
  var sorted = matches
  if !isSortedForResolution(sorted) { sorted.sort(by: resolutionOrder) }
  var out: [PhraseMatch] = []
  var keptStart = -1
  var keptEnd = -1
  for m in sorted {
    if m.start >= keptEnd {
      out.append(m)
      keptStart = m.start
      keptEnd = m.end
    } else if m.start == keptStart && m.end == keptEnd {
      if !out.reversed().prefix(while: { $0.start == keptStart && $0.end == keptEnd })
        .contains(where: { $0.termID == m.termID })
      {
        out.append(m)
      }
    }
  }
  return out
}

/// The order `findAll` reports matches in: by start, then longer first, then term, then kind.
@inline(__always)
func resolutionOrder(_ a: PhraseMatch, _ b: PhraseMatch) -> Bool {
  if a.start != b.start { return a.start < b.start }
  if a.end != b.end { return a.end > b.end }
  if a.termID != b.termID { return a.termID < b.termID }
  return a.kind < b.kind
}

func isSortedForResolution(_ m: [PhraseMatch]) -> Bool {
  var i = 1
  while i < m.count {
    if resolutionOrder(m[i], m[i - 1]) { return false }
    i += 1
  }
  return true
}
