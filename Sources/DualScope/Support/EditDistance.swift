/// Edit distance and "did you mean" suggestions for misspelt keys and IDs.
enum EditDistance {
  /// The number of insertions, deletions, substitutions and swaps of neighbours that turn `a`
  /// into `b` (optimal string alignment), so `trems` is one edit from `terms`.
  static func between(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in 0...x.count { d[i][0] = i }
    for j in 0...y.count { d[0][j] = j }
    for i in 1...x.count {
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
          d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
        }
      }
    }
    return d[x.count][y.count]
  }

  /// The longest word a suggestion is looked for: the table costs the product of the lengths.
  static let maxWordLength = 64

  /// The closest candidate within a third of the word's length (at least 1, at most 3 edits).
  static func suggestion(for word: String, among candidates: [String]) -> String? {
    let length = word.unicodeScalars.count
    guard length <= maxWordLength else { return nil }
    let limit = min(3, max(1, word.count / 3))
    var best: (String, Int)?
    for candidate in candidates {
      let other = candidate.unicodeScalars.count
      if other > length + limit || other + limit < length { continue }
      let d = between(word, candidate)
      if d <= limit, d < (best?.1 ?? .max) { best = (candidate, d) }
    }
    return best?.0
  }
}
