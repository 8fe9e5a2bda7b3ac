import Foundation

/// A candidate term for an area: a 1–3 word phrase that is much more common in the area's
/// positive documents than in the rest and that no term of the area covers yet.
public struct TermSuggestion: Sendable, Hashable {
  public var area: String
  public var phrase: String
  /// `en` or `nl`, by the function words of the documents it occurs in.
  public var language: String
  /// Positive documents of the area that hold the phrase, and other documents that do.
  public var positives: Int
  public var others: Int
  /// Smoothed log-odds ratio: ln((a + ½)/(A − a + ½)) − ln((b + ½)/(B − b + ½)).
  public var score: Double
  public var snippets: [String]
}

/// Mines candidate terms from labelled documents. The author decides; nothing is added.
public enum TermSuggester {
  static let stopwords: Set<String> = [
    "the", "of", "and", "a", "an", "in", "on", "for", "to", "with", "by", "from", "at", "as", "is", "are", "be",
    "this", "that", "these", "we", "our", "it", "its", "or", "which", "can", "will", "using", "based", "between",
    "de", "het", "een", "van", "en", "in", "op", "voor", "met", "door", "aan", "te", "is", "zijn", "dit", "deze",
    "we", "wij", "ons", "onze", "die", "dat", "of", "om", "bij", "naar", "als", "ook", "wordt", "worden",
  ]
  static let dutchMarkers: Set<String> = ["de", "het", "een", "van", "en", "voor", "wordt", "zijn", "deze", "wij"]
  static let englishMarkers: Set<String> = ["the", "of", "and", "for", "is", "are", "this", "we", "with"]

  /// Lower-case words of letters and digits.
  static func words(_ text: String) -> [Substring] {
    text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
      .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "-"))[...] }.filter { !$0.isEmpty }
  }

  /// Up to `perArea` suggestions per area, best first; a phrase needs `minCount` positive
  /// documents and a share of positives among its documents of at least `minPrecision`. With
  /// `uncovered`, an area's positives are only those in which no term of the area counts: what
  /// its terms miss, and what an area's recall is bounded by (an area is assigned only with one
  /// of its terms in the text). Its other positives are then left out of its counts.
  public static func suggest(
    _ classifier: Classifier, _ examples: [CalibrationExample], perArea: Int = 15, minCount: Int = 5,
    minPrecision: Double = 0.6, uncovered: Bool = false
  ) -> [TermSuggestion] {
    // Document frequency of every 1–3 word phrase; phrases by hash, text kept once.
    var phraseIndex: [String: Int] = [:]
    var phrases: [String] = []
    var docs: [[Int]] = []
    var dutch: [Bool] = []
    for e in examples {
      let w = words(e.text)
      var nl = 0
      var en = 0
      for x in w {
        if dutchMarkers.contains(String(x)) { nl += 1 }
        if englishMarkers.contains(String(x)) { en += 1 }
      }
      dutch.append(nl > en)
      var seen = Set<Int>()
      for n in 1...3 where w.count >= n {
        for i in 0...(w.count - n) {
          let first = String(w[i])
          let last = String(w[i + n - 1])
          if stopwords.contains(first) || stopwords.contains(last) { continue }
          if n == 1 && (first.count < 4 || first.allSatisfy(\.isNumber)) { continue }
          let phrase = w[i..<(i + n)].joined(separator: " ")
          let id: Int
          if let known = phraseIndex[phrase] {
            id = known
          } else {
            id = phrases.count
            phraseIndex[phrase] = id
            phrases.append(phrase)
          }
          seen.insert(id)
        }
      }
      docs.append(seen.sorted())
    }
    var out: [TermSuggestion] = []
    var scratch = ClassifierScratch()
    let table = classifier.index.nodes
    // Per document, the areas with a counted term (only for `uncovered`).
    var found: [Set<Int>] = []
    if uncovered {
      for e in examples {
        classifier.score(e.text, &scratch)
        found.append(Set(scratch.counted.map { table.area[classifier.index.entries[Int($0.termID.rawValue)].node] }))
      }
    }
    for a in table.areas {
      let area = table.id[a]
      var pos = [Int](repeating: 0, count: phrases.count)
      var neg = [Int](repeating: 0, count: phrases.count)
      var nlCount = [Int](repeating: 0, count: phrases.count)
      var P = 0
      var N = 0
      for (d, e) in examples.enumerated() {
        let positive = e.strong.contains(area)
        if !positive && e.weak.contains(area) { continue }
        if positive && uncovered && found[d].contains(a) { continue }
        if positive { P += 1 } else { N += 1 }
        for id in docs[d] {
          if positive {
            pos[id] += 1
            if dutch[d] { nlCount[id] += 1 }
          } else {
            neg[id] += 1
          }
        }
      }
      guard P > 0 && N > 0 else { continue }
      var candidates: [(Int, Double)] = []
      for id in 0..<phrases.count where pos[id] >= minCount {
        let precision = Double(pos[id]) / Double(pos[id] + neg[id])
        guard precision >= minPrecision else { continue }
        let score = log((Double(pos[id]) + 0.5) / (Double(P - pos[id]) + 0.5))
          - log((Double(neg[id]) + 0.5) / (Double(N - neg[id]) + 0.5))
        candidates.append((id, score))
      }
      candidates.sort { $0.1 != $1.1 ? $0.1 > $1.1 : phrases[$0.0] < phrases[$1.0] }
      var kept: [TermSuggestion] = []
      for (id, score) in candidates where kept.count < perArea {
        let phrase = phrases[id]
        // The positives that hold the phrase, read once: the first gives its written form, the
        // first two with a snippet give the snippets.
        var first: Int?
        var snippets: [String] = []
        for d in examples.indices
        where examples[d].strong.contains(area) && (!uncovered || !found[d].contains(a)) && docs[d].contains(id) {
          if first == nil { first = d }
          if let s = snippet(examples[d].text, phrase) { snippets.append(s) }
          if snippets.count == 2 { break }
        }
        // Already covered: a term of the area counts in the phrase itself, folded as mined or as
        // first written in a positive (a case-sensitive term such as `DRAM` matches only there).
        var forms = [phrase]
        if let d = first,
          let r = examples[d].text.range(of: phrase, options: [.caseInsensitive, .diacriticInsensitive])
        {
          forms.append(String(examples[d].text[r]))
        }
        let covered = forms.contains { form in
          classifier.score(form, &scratch)
          return scratch.counted.contains { table.area[classifier.index.entries[Int($0.termID.rawValue)].node] == a }
        }
        if covered { continue }
        // A longer kept phrase or a shorter one inside it says the same.
        if kept.contains(where: { $0.phrase.contains(phrase) || phrase.contains($0.phrase) }) { continue }
        kept.append(
          TermSuggestion(
            area: area, phrase: phrase, language: nlCount[id] * 2 > pos[id] ? "nl" : "en", positives: pos[id],
            others: neg[id], score: score, snippets: snippets))
      }
      out += kept
    }
    return out
  }

  /// About 60 characters either side of the phrase's first occurrence.
  static func snippet(_ text: String, _ phrase: String) -> String? {
    let flat = text.replacingOccurrences(of: "\n", with: " ")
    guard let r = flat.range(of: phrase, options: [.caseInsensitive]) else { return nil }
    let start = flat.index(r.lowerBound, offsetBy: -60, limitedBy: flat.startIndex) ?? flat.startIndex
    let end = flat.index(r.upperBound, offsetBy: 60, limitedBy: flat.endIndex) ?? flat.endIndex
    return (start == flat.startIndex ? "" : "…") + flat[start..<end] + (end == flat.endIndex ? "" : "…")
  }

  /// A YAML snippet per area for a taxonomy author to review and paste into the area's terms;
  /// `uncovered` says the positives counted are those no term of the area found.
  public static func yaml(_ list: [TermSuggestion], uncovered: Bool = false) -> String {
    var out = "# Candidate terms mined from labelled documents: review each before adding it to a field.\n"
    if uncovered { out += "# Positives: documents of the area in which none of its terms counts.\n" }
    var area = ""
    for s in list {
      if s.area != area {
        area = s.area
        out += "\n\(area):\n"
      }
      out += "  - {term: \"\(s.phrase)\", language: \(s.language)}"
      out += "  # positives \(s.positives), others \(s.others), log-odds \(String(format: "%.2f", s.score))\n"
      for snippet in s.snippets {
        out += "    #   \"\(snippet.replacingOccurrences(of: "\"", with: "'"))\"\n"
      }
    }
    return out
  }
}
