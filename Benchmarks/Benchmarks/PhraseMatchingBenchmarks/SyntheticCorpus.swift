import PhraseMatching

/// A deterministic synthetic workload shaped like the arXiv one: a vocabulary of made-up words
/// with a skewed frequency, 3,000 phrases (2,000 of two or three words, 1,000 single words),
/// and "abstracts" with punctuation, capitals, hyphens and some accented words.
struct SyntheticCorpus {
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// Skewed towards small values (roughly Zipf-like).
    mutating func skewed(_ n: Int) -> Int {
      let u = Double(next() >> 11) / Double(1 << 53)
      return min(n - 1, Int(Double(n) * u * u * u))
    }
  }

  let vocabulary: [String]
  let phrases: [Phrase]
  let text: [UInt8]

  init(bytes: Int, seed: UInt64 = 2025) {
    var g = Generator(state: seed)
    let syllables = ["qu", "an", "tum", "la", "ser", "gra", "phe", "ne", "ko", "ri", "ma", "to", "el", "ec", "tron",
                     "sen", "sor", "ne", "ur", "al", "bi", "o", "me", "tri", "ca", "di", "no", "ve", "li", "ta"]
    var vocabulary: [String] = []
    var seen = Set<String>()
    while vocabulary.count < 4_000 {
      let w = (0..<(1 + g.below(4))).map { _ in syllables[g.below(syllables.count)] }.joined()
      if w.count >= 3 && seen.insert(w).inserted { vocabulary.append(w) }
    }
    self.vocabulary = vocabulary
    var phraseTexts = Set<String>()
    var phrases: [Phrase] = []
    while phrases.count < 3_000 {
      let words = phrases.count < 2_000 ? 2 + g.below(2) : 1
      let t = (0..<words).map { _ in vocabulary[200 + g.skewed(2_000)] }.joined(separator: " ")
      if phraseTexts.insert(t).inserted { phrases.append(Phrase(t, id: TermID(UInt32(phrases.count)))) }
    }
    self.phrases = phrases
    var text: [UInt8] = []
    text.reserveCapacity(bytes + 200)
    let separators = [" ", " ", " ", " ", " ", " ", ", ", ". ", " (", ") ", "-", "; "]
    while text.count < bytes {
      for _ in 0..<(120 + g.below(120)) {
        var w = vocabulary[g.skewed(vocabulary.count)]
        switch g.below(50) {
        case 0: w = w.prefix(1).uppercased() + w.dropFirst()
        case 1: w = w.uppercased()
        case 2: w += "é"
        case 3: w += "s"
        default: break
        }
        text += w.utf8
        text += separators[g.below(separators.count)].utf8
      }
      text += Array("\n".utf8)
    }
    self.text = text
  }
}

/// A hand-written bilingual abstract with its known leftmost-longest count.
enum SampleAbstract {
  static let phrases = [
    "quantum", "quantum key distribution", "post-quantum cryptography", "halfgeleider", "EUV lithography",
    "machine learning", "dual use", "laser", "kunstmatige intelligentie", "gallium nitride",
  ].enumerated().map { Phrase($1, id: TermID(UInt32($0)), options: [.inflectEnglish, .inflectDutch]) }

  static let text = Array("""
    This project develops Quantum Key Distribution links and post‑quantum cryptography for \
    critical infrastructure, together with machine-learning tools for EUV lithography. Het \
    onderzoek richt zich op halfgeleiders, lasers en kunstmatige intelligentie; the dual-use \
    character of quantum sensing and gallium nitride power electronics is assessed. İstanbul \
    partners contribute co2laser experiments and coördinatie.
    """.utf8)

  /// quantum key distribution, post-quantum cryptography, machine-learning, EUV lithography,
  /// halfgeleiders, lasers, kunstmatige intelligentie, dual-use, quantum, gallium nitride.
  static let expectedCount = 10
}
