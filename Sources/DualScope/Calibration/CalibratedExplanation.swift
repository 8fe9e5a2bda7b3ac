import Foundation

/// How a calibrated release reached an area's probability: contributions that add up to the
/// log-odds, `bias + Σ terms + Σ features + Σ context words = logit`.
public struct CalibratedArea: Sendable, Hashable, Codable {
  /// A counted match and its share of the evidence-by-role weight.
  public struct Term: Sendable, Hashable, Codable {
    public var field: String
    public var term: String
    public var text: String
    public var start: Int
    public var end: Int
    /// The part of the text it sits in: title, aim, background, impact or body.
    public var role: String
    /// The model's weight of evidence in that part.
    public var weight: Double
    public var contribution: Double
  }

  /// Another evidence feature (field scores, term counts, the best area…).
  public struct Feature: Sendable, Hashable, Codable {
    public var name: String
    public var value: Double
    public var weight: Double
    public var contribution: Double
  }

  /// A context word or word pair (or a metadata value) and its contribution.
  public struct Word: Sendable, Hashable, Codable {
    public var word: String
    public var contribution: Double
  }

  public var id: String
  public var probability: Double
  public var cut: Double
  public var assigned: Bool
  public var logit: Double
  public var bias: Double
  public var terms: [Term]
  public var features: [Feature]
  /// The strongest context words, positive first, then negative.
  public var words: [Word]
  /// The other context words together, so that the parts add up.
  public var otherWords: Double

  enum CodingKeys: String, CodingKey {
    case id, probability, cut, assigned, logit, bias, terms, features, words
    case otherWords = "other_words"
  }
}

extension Classifier {
  /// The calibrated contributions of every area with a counted term; empty for an uncalibrated
  /// release. `s` holds the scores of `text`.
  func explainCalibration(_ text: String, _ s: ClassifierScratch, assigned: Set<String>, wordsShown: Int = 5) -> [CalibratedArea] {
    guard let model = taxonomy.calibration, options.uncalibrated != true else { return [] }
    let table = index.nodes
    let entries = index.entries
    var words: [Int32: String] = [:]
    var buckets: [Int32] = []
    withUnsafeMutablePointer(to: &words) {
      TextFeatures.contextBuckets(
        text, bits: model.options.hashBits, into: &buckets, words: $0, long: s.words > Self.longText, hash: model.wordHash,
        bigrams: model.options.bigrams)
    }
    let metadata = model.options.contextColumns.isEmpty ? [] : s.metadata.filter { model.options.contextColumns.contains($0.0) }
    var metaBuckets: [(Int32, String)] = []
    for (c, v) in TextFeatures.metadataFeatures(metadata) {
      metaBuckets.append((TextFeatures.metadataBucket(column: c, value: v, bits: model.options.hashBits), "\(c)=\(v)"))
    }
    let value = Self.contextValue(buckets.count, scale: model.options.contextScale)
    let cut = options.cut ?? model.cut
    var out: [CalibratedArea] = []
    for a in table.areas where s.calibration.features.count > a && !s.calibration.features[a].isEmpty {
      let k = model.modelArea[a]
      guard k >= 0 else { continue }
      let f = s.calibration.features[a]
      let w = model.evidenceWeights[a]
      let names = CalibrationModel.evidenceNames(forArea: a, in: table)
      var logit = model.biasByNode[a]
      var terms: [CalibratedArea.Term] = []
      // Role features are log(1 + E_role); each counted match gets its share of E_role.
      for (n, m) in s.counted.enumerated() {
        let id = Int(m.termID.rawValue)
        guard table.area[entries[id].node] == a else { continue }
        let role = s.calibration.matchRole[n]
        let total = s.calibration.roleScore[a * 5 + role.rawValue]
        let share = total > 0 ? s.calibration.matchShare[n] / total : 0
        let contribution = w[role.rawValue] * f[role.rawValue] * share
        terms.append(
          .init(
            field: table.id[entries[id].node], term: index.term(entries[id]).displayPhrase,
            text: Self.slice(text, m.start, m.end), start: m.start, end: m.end, role: role.name,
            weight: Self.round(w[role.rawValue]), contribution: Self.round(contribution)))
      }
      for r in 0..<5 { logit += w[r] * f[r] }
      var features: [CalibratedArea.Feature] = []
      for j in 5..<min(f.count, w.count) where f[j] != 0 {
        logit += w[j] * f[j]
        features.append(
          .init(name: names[j], value: Self.round(f[j]), weight: Self.round(w[j]), contribution: Self.round(w[j] * f[j])))
      }
      // Each word's whole effect on the area: with a shared context model, its own weight and the
      // area's share of the shared model's, so "a survey of attitudes" shows what it costs.
      var contextWords: [CalibratedArea.Word] = []
      var context = 0.0
      for b in buckets {
        let r = model.bucketRows.row(b)
        guard r >= 0 else { continue }
        let c = Double(model.scoringWeight(row: r, area: k)) * value
        context += c
        if c != 0 { contextWords.append(.init(word: words[b] ?? "#\(b)", contribution: c)) }
      }
      for (b, name) in metaBuckets {
        let r = model.bucketRows.row(b)
        guard r >= 0 else { continue }
        let c = Double(model.scoringWeight(row: r, area: k))
        context += c
        if c != 0 { contextWords.append(.init(word: name, contribution: c)) }
      }
      logit += context
      let positive = contextWords.filter { $0.contribution > 0 }
        .sorted { $0.contribution != $1.contribution ? $0.contribution > $1.contribution : $0.word < $1.word }.prefix(wordsShown)
      let negative = contextWords.filter { $0.contribution < 0 }
        .sorted { $0.contribution != $1.contribution ? $0.contribution < $1.contribution : $0.word < $1.word }.prefix(wordsShown)
      let shown = Array(positive) + Array(negative)
      let shownSum = shown.reduce(0) { $0 + $1.contribution }
      out.append(
        CalibratedArea(
          id: table.id[a], probability: Self.round(s.calibration.probability[a]), cut: cut,
          assigned: assigned.contains(table.id[a]), logit: Self.round(logit), bias: Self.round(model.biasByNode[a]),
          terms: terms, features: features,
          words: shown.map { .init(word: $0.word, contribution: Self.round($0.contribution)) },
          otherWords: Self.round(context - shownSum)))
    }
    return out
  }
}

extension CalibratedArea {
  /// Text lines for `explain`.
  public var lines: [String] {
    func n(_ x: Double) -> String { String(format: "%+.3f", x) }
    var out = ["\(id): probability \(String(format: "%.3f", probability)) (cut \(String(format: "%.2f", cut))) "
      + (assigned ? "assigned" : "not assigned") + "; log-odds \(String(format: "%.3f", logit)) ="]
    out.append("    \(n(bias))  bias")
    for t in terms {
      out.append("    \(n(t.contribution))  term '\(t.text)' (\(t.term), \(t.field)) in \(t.role), weight \(String(format: "%.3f", t.weight))")
    }
    for f in features {
      out.append("    \(n(f.contribution))  \(f.name) = \(String(format: "%.3f", f.value)) × \(String(format: "%.3f", f.weight))")
    }
    for w in words { out.append("    \(n(w.contribution))  context '\(w.word)'") }
    out.append("    \(n(otherWords))  other context words")
    return out
  }
}
