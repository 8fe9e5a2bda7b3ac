import PhraseMatching

/// Scores texts against a compiled taxonomy.
///
/// `Sendable` and immutable: one classifier serves every thread; each thread brings its own
/// ``ClassifierScratch`` so that steady-state classification reuses its buffers.
public struct Classifier: Sendable {
  public let index: TaxonomyIndex
  public let options: ClassifierOptions
  /// Effective thresholds by node, after the options' overrides.
  let thresholds: [Double]
  /// The multiple of its threshold an area resting on one term needs, after the options' override.
  let loneTermFactor: Double
  /// Counted matches an area other than the best one needs, after the options' override.
  let secondaryMinMatches: Int
  /// The score a field needs, besides twice its threshold, for clear evidence.
  let clearEvidence: Double
  /// The fields of each area (by node), in taxonomy order: the field features of a calibrated release.
  let calibrationFields: [[Int]]
  /// The record-context rules (by index) that bear on each area (by node): those that support it
  /// and the stronger-evidence rules that ask it; empty for a field.
  let recordRules: [[Int]]

  public var taxonomy: Taxonomy { index.taxonomy }

  /// A classifier over a compiled taxonomy, with the options' overrides applied once.
  public init(index: TaxonomyIndex, options: ClassifierOptions = ClassifierOptions()) {
    self.index = index
    self.options = options
    let table = index.nodes
    let defaults = index.taxonomy.manifest.defaults
    self.loneTermFactor = options.loneTermFactor ?? defaults.loneTermFactor
    self.secondaryMinMatches = options.secondaryMinMatches ?? defaults.secondaryMinMatches
    self.clearEvidence = options.clearEvidence ?? defaults.clearEvidence
    self.calibrationFields = table.isArea.indices.map { a in
      table.isArea[a] ? (0..<table.count).filter { !table.isArea[$0] && table.area[$0] == a } : []
    }
    let rules = index.taxonomy.manifest.recordContext
    self.recordRules = table.isArea.indices.map { a in
      table.isArea[a] ? rules.indices.filter { rules[$0].concerns(area: table.id[a]) } : []
    }
    self.thresholds = index.taxonomy.nodes.indices.map { i in
      if let t = options.thresholds[table.id[i]] { return t }
      return table.isArea[i] ? options.areaThreshold ?? index.thresholds[i] : options.fieldThreshold ?? index.thresholds[i]
    }
  }

  /// Compiles a taxonomy and wraps it.
  public init(taxonomy: Taxonomy, options: ClassifierOptions = ClassifierOptions()) throws(PhraseMatcherBuildError) {
    self.init(index: try TaxonomyIndex(taxonomy), options: options)
  }

  /// Classifies one text.
  public func classify(_ text: String) -> Classification {
    var scratch = ClassifierScratch()
    return classify(text, scratch: &scratch)
  }

  /// Classifies one text with the columns a portfolio record would carry (a release's
  /// record-context rules, a calibrated release's context columns); the text alone without them.
  public func classify(_ text: String, metadata: [(String, String)]) -> Classification {
    var scratch = ClassifierScratch()
    return classify(text, metadata: metadata, scratch: &scratch)
  }

  /// Classifies one portfolio record: its text, and its carried columns as the metadata a
  /// calibrated release may have learned from (`--context-columns`).
  public func classify(_ record: PortfolioRecord, scratch: inout ClassifierScratch) -> Classification {
    scratch.metadata = record.carried
    score(record.text, &scratch)
    return decide(record.text, scratch)
  }

  /// Classifies a record whose text was scanned already: `scratch.match` holds what this
  /// classifier's matcher finds in it (selected from a ``JointMatcher``'s scan).
  func classify(scanned record: PortfolioRecord, scratch: inout ClassifierScratch) -> Classification {
    classify(scanned: record.text, carried: record.carried, scratch: &scratch)
  }

  /// ``classify(scanned:scratch:)`` given a record's text and carried columns, so a caller that
  /// reads them in place need not copy the whole record.
  func classify(scanned text: String, carried: [(String, String)], scratch: inout ClassifierScratch) -> Classification {
    scratch.metadata = carried
    scoreMatches(text, &scratch)
    return decide(text, scratch)
  }

  /// Classifies one text with the metadata columns a record would carry, reusing the scratch's
  /// buffers.
  func classify(_ text: String, metadata: [(String, String)], scratch: inout ClassifierScratch) -> Classification {
    scratch.metadata = metadata
    score(text, &scratch)
    return decide(text, scratch)
  }

  /// Classifies one text, reusing the scratch's buffers (a text alone: no metadata).
  public func classify(_ text: String, scratch: inout ClassifierScratch) -> Classification {
    if !scratch.metadata.isEmpty { scratch.metadata = [] }
    score(text, &scratch)
    return decide(text, scratch)
  }

  /// Every node's score before thresholds, by node index, as the last `classify` with this
  /// scratch left them (for evaluation's threshold sweep).
  public func rawScores(_ scratch: ClassifierScratch) -> [Double] { scratch.nodeScore }

  /// Runs the matcher and fills the scratch with kept matches and node scores.
  ///
  /// Reads only plain values (``TaxonomyIndex/TermEntry``, ``NodeTable``): copying a
  /// `TaxonomyNode` or a term here retained its strings and arrays and took a third of the time
  /// of a batch run.
  func score(_ text: String, _ s: inout ClassifierScratch) {
    index.matcher.findAll(in: text, into: &s.match)
    scoreMatches(text, &s)
  }

  /// Scores the matches already in the scratch: found by this index's matcher, or selected from
  /// a ``JointMatcher``'s scan.
  func scoreMatches(_ text: String, _ s: inout ClassifierScratch) {
    let entries = index.entries
    let table = index.nodes
    let nodeCount = table.count
    s.prepare(entries: entries.count, nodes: nodeCount)
    s.words = s.match.wordCount
    let termCount = entries.count

    // Exclusion phrases first: they cancel the terms they overlap (second meanings, every match
    // of their terms in the text). Study-context cues count
    // once each, and cues overlapping one already counted (`history` and `histor*` on one word)
    // do not count.
    let cueStart = index.cueStart
    var cueEnd = -1
    for m in s.match.matches where Int(m.termID.rawValue) >= termCount {
      let id = Int(m.termID.rawValue)
      if id >= cueStart {
        guard m.start >= cueEnd else { continue }
        cueEnd = m.end
        if !s.cues.contains(id - cueStart) { s.cues.append(id - cueStart) }
      } else {
        s.exclusionHits.append((id - termCount, m.start, m.end))
      }
    }
    // Leftmost-longest over the remaining term matches. A span counts once per field: a phrase
    // listed in two fields counts in both, but a field that lists a word and its plural
    // (`nanoparticle`, which inflects, and `nanoparticles`) counts `nanoparticles` once.
    var keptStart = -1
    var keptEnd = -1
    var spanFrom = 0  // where the kept matches of the current span start
    for m in s.match.matches {
      let id = Int(m.termID.rawValue)
      guard id < termCount else { continue }
      if let cancel = firstExclusion(entries[id], m, s.exclusionHits) {
        s.cancelled.append((m, cancel))
        continue
      }
      if m.start >= keptEnd {
        keptStart = m.start
        keptEnd = m.end
        spanFrom = s.kept.count
        s.kept.append(m)
      } else if m.start == keptStart && m.end == keptEnd
        && !s.kept[spanFrom...].contains(where: { entries[Int($0.termID.rawValue)].node == entries[id].node })
      {
        s.kept.append(m)
      } else {
        s.subsumed.append(m)
      }
    }
    // A match its clause denies ("develops no robots") does not count (``Negation``): it leaves
    // the kept matches, as a cancelled one never enters them.
    let negationWindow = taxonomy.manifest.defaults.negationWindow
    if negationWindow > 0 && !s.kept.isEmpty {
      var text = text
      text.withUTF8 { Negation.deny(s.kept, in: $0, window: negationWindow, into: &s.negated) }
      if !s.negated.isEmpty {
        let denied = s.negated
        s.kept.removeAll { denied.contains($0) }
      }
    }
    // Weak terms count only near a non-weak term of the same field.
    let window = Int32(taxonomy.manifest.defaults.weakWindow)
    for m in s.kept {
      let id = Int(m.termID.rawValue)
      let entry = entries[id]
      if entry.isWeak {
        var supported = false
        for other in s.kept {
          let e = entries[Int(other.termID.rawValue)]
          if e.node == entry.node && !e.isWeak && abs(other.wordIndex - m.wordIndex) <= window {
            supported = true
            break
          }
        }
        if !supported {
          s.unsupported.append(m)
          continue
        }
      }
      if s.occurrences[id] == 0 { s.touched.append(id) }
      s.occurrences[id] += 1
      s.counted.append(m)
    }
    // Saturating sum per term, then per node; sub-fields roll up into fields, fields into areas,
    // deepest first.
    let lengthFactor = Self.lengthFactor(words: s.words, options)
    let ratio = options.saturation
    for id in s.touched {
      let c = Double(s.occurrences[id])
      let series = ratio == 0 ? 1 : (1 - pow(ratio, c)) / (1 - ratio)
      let contribution = entries[id].weight * series / lengthFactor
      s.contribution[id] = contribution
      s.nodeScore[entries[id].node] += contribution
    }
    for i in table.rollUpOrder {
      s.nodeScore[table.parent[i]] += s.nodeScore[i]
    }
    if let model = calibrationModel {
      switch model.decision {
      case .probability:
        s.calibration.rules = nil
        scoreCalibrated(text, &s, model)
      case .rulesThenProbability:
        // Only what the rules assign can be kept: a text they assign nothing to is not hashed,
        // unless the model may add an area (`add_cut`), which takes every area's probability.
        // Their decision is kept for the decision and `explain`, not worked out again.
        let rules = decisionByRules(s)
        s.calibration.rules = rules
        scoreCalibrated(text, &s, model, onlyAreasOf: model.addCut == nil ? rules : nil)
      }
    }
  }

  /// Divides scores of texts longer than the reference length.
  static func lengthFactor(words: Int, _ options: ClassifierOptions) -> Double {
    let ratio = Double(words) / options.lengthReference
    return ratio > 1 ? pow(ratio, options.lengthExponent) : 1
  }

  private func firstExclusion(
    _ entry: TaxonomyIndex.TermEntry, _ m: PhraseMatch, _ hits: [(Int, Int, Int)]
  ) -> Int? {
    guard entry.hasExclusions else { return nil }
    // An exclusion cancels where it overlaps; a second meaning anywhere in the text.
    for hit in hits where (index.exclusionAnywhere[hit.0] || (hit.1 < m.end && m.start < hit.2)) && index.excludes(hit.0, entry) {
      return hit.0
    }
    return nil
  }

  /// What the thresholds, cut-offs and top-k decide for one scored text, by node index: the
  /// assigned areas and fields with their scores and levels. Cheap: no strings, no evidence.
  struct Decision {
    var areas: [(node: Int, score: Double, level: DocumentLevel)] = []
    var fields: [(node: Int, score: Double, level: DocumentLevel)] = []
    var level = DocumentLevel.none
    var status = Classification.Status.noText
    /// Whether the areas were decided by a calibrated release's probabilities.
    var calibrated = false
  }

  /// The learned scoring in effect: the release's, unless the options turn it off.
  var calibrationModel: CalibrationModel? {
    options.uncalibrated == true ? nil : taxonomy.calibration
  }

  /// Whether areas are assigned by a calibrated release's probabilities (each assigned area then
  /// has a `probability`).
  public var isCalibrated: Bool { calibrationModel != nil }

  /// Applies thresholds, cut-offs and top-k to the scores (or, in a calibrated release, the cut
  /// to the probabilities) and works out every level, once.
  func decision(_ s: ClassifierScratch) -> Decision {
    guard let model = calibrationModel else { return decisionByRules(s) }
    switch model.decision {
    case .probability: return decisionCalibrated(s, model)
    case .rulesThenProbability: return decisionRulesThenProbability(s, model)
    }
  }

  /// The decision of an uncalibrated release: thresholds, record and study context, a second
  /// area's matches, the relative cut-off and top-k.
  func decisionByRules(_ s: ClassifierScratch) -> Decision {
    let table = index.nodes
    var areas: [(Int, Double)] = []
    for i in table.areas where s.nodeScore[i] > 0 && s.nodeScore[i] >= areaBar(i, s) {
      areas.append((i, s.nodeScore[i]))
    }
    areas.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    if secondaryMinMatches > 1 && areas.count > 1 {
      let best = areas[0].0
      // An area the record's metadata supports is not a stray second mention: one match is enough.
      areas.removeAll {
        $0.0 != best && count(inArea: $0.0, s, upTo: secondaryMinMatches, matches: true) < secondaryMinMatches
          && recordSupport($0.0, s) == nil
      }
    }
    if let best = areas.first?.1, options.relativeCutoff > 0 {
      areas.removeAll { $0.1 < best * options.relativeCutoff }
    }
    if let k = options.topK, areas.count > k { areas.removeLast(areas.count - k) }

    var d = Decision()
    for (a, _) in areas {
      for i in 0..<table.count where !table.isArea[i] && table.area[i] == a && s.nodeScore[i] >= thresholds[i] {
        let level = DocumentLevel.of(
          sensitivity: table.sensitivity[i], score: s.nodeScore[i], threshold: thresholds[i],
          clearEvidence: clearEvidence)
        d.fields.append((i, s.nodeScore[i], level))
      }
    }
    d.fields.sort { $0.score != $1.score ? $0.score > $1.score : $0.node < $1.node }
    for (a, score) in areas {
      var level = DocumentLevel.none
      for f in d.fields where table.area[f.node] == a { level = max(level, f.level) }
      if level == .none {
        // Assigned without a field of its own passing (its score spread over several fields):
        // the best sensitivity among its touched fields, at the area's strength.
        let best = bestTouchedSensitivity(inArea: a, s)
        level = DocumentLevel.of(
          sensitivity: best ?? table.sensitivity[a], score: score, threshold: thresholds[a], clearEvidence: clearEvidence)
      }
      d.areas.append((a, score, level))
      d.level = max(d.level, level)
    }
    d.status = status(s, assigned: !areas.isEmpty)
    return d
  }

  /// Whether anything was assigned, and if not, why not.
  func status(_ s: ClassifierScratch, assigned: Bool) -> Classification.Status {
    if assigned { return .classified }
    if s.words == 0 { return .noText }
    if s.kept.isEmpty && s.cancelled.isEmpty && s.unsupported.isEmpty && s.negated.isEmpty { return .noTerms }
    return .belowThreshold
  }

  /// The highest sensitivity among the fields of area `a` that have any score: the level of an
  /// area assigned without a field of its own passing.
  func bestTouchedSensitivity(inArea a: Int, _ s: ClassifierScratch) -> Sensitivity? {
    let table = index.nodes
    var best: Sensitivity?
    for i in 0..<table.count where i != a && table.area[i] == a && s.nodeScore[i] > 0 {
      best = max(best ?? table.sensitivity[i], table.sensitivity[i])
    }
    return best
  }

  /// The full result of a decision: names, rounded scores and the evidence of every field.
  func decide(_ text: String, _ s: ClassifierScratch) -> Classification {
    let d = decision(s)
    let table = index.nodes
    var fields: [FieldScore] = []
    fields.reserveCapacity(d.fields.count)
    for f in d.fields {
      let i = f.node
      fields.append(
        FieldScore(
          id: table.id[i], area: table.id[table.area[i]], name: table.name[i], score: Self.round(f.score),
          threshold: thresholds[i], sensitivity: table.sensitivity[i], level: f.level, dualUse: table.dualUse[i],
          evidence: evidence(forNode: i, text, s)))
    }
    return Classification(
      status: d.status, level: d.level, words: s.words,
      areas: d.areas.map { a in
        AreaScore(
          id: table.id[a.node], name: table.name[a.node], score: Self.round(d.calibrated ? s.nodeScore[a.node] : a.score),
          threshold: thresholds[a.node], level: a.level, probability: d.calibrated ? Self.round(a.score) : nil)
      },
      fields: fields)
  }

  /// The score area `a` needs: its threshold, times ``loneTermFactor`` when a single term makes
  /// up its score; lowered to a supporting record-context rule's `area_score` when the record's
  /// metadata says it belongs to the area; then at least the study context's `area_score` when
  /// the text reads as a study about technology, and at least a stronger-evidence rule's when the
  /// record's metadata matches one.
  func areaBar(_ a: Int, _ s: ClassifierScratch) -> Double {
    var bar = ownBar(a, s)
    if let context = contextBar(s) { bar = max(bar, context) }
    if let record = recordContext(a, s) { bar = max(bar, record.rule.areaScore) }
    return bar
  }

  /// The score area `a` needs before the study context and stronger-evidence rules: its text
  /// bar, lowered by a supporting record-context rule.
  func ownBar(_ a: Int, _ s: ClassifierScratch) -> Double {
    let bar = textBar(a, s)
    guard let support = recordSupport(a, s) else { return bar }
    return min(bar, support.rule.areaScore)
  }

  /// The score area `a` needs by its text alone: its threshold, times ``loneTermFactor`` when a
  /// single term makes up its score.
  func textBar(_ a: Int, _ s: ClassifierScratch) -> Double {
    var bar = thresholds[a]
    if loneTermFactor != 1 && count(inArea: a, s, upTo: 2, matches: false) < 2 { bar *= loneTermFactor }
    return bar
  }

  /// The stronger-evidence record-context rule with the highest `area_score` among those that
  /// ask area `a` and whose column the record carries with a matching value, with the column's
  /// value; nil for none (and at once for a release without rules or a record without metadata).
  func recordContext(_ a: Int, _ s: ClassifierScratch) -> (rule: RecordContextRule, value: Substring)? {
    recordRule(a, s, support: false)
  }

  /// The rule with the lowest `area_score` among those that support area `a` and match the
  /// record's metadata, with the column's value; nil for none.
  func recordSupport(_ a: Int, _ s: ClassifierScratch) -> (rule: RecordContextRule, value: Substring)? {
    recordRule(a, s, support: true)
  }

  /// The matching rule of one kind that bears on area `a` and sets its bar furthest: the highest
  /// score of the stronger-evidence rules, the lowest of the supporting ones.
  private func recordRule(
    _ a: Int, _ s: ClassifierScratch, support: Bool
  ) -> (rule: RecordContextRule, value: Substring)? {
    guard !s.metadata.isEmpty, !recordRules[a].isEmpty else { return nil }
    let rules = taxonomy.manifest.recordContext
    var best: (rule: RecordContextRule, value: Substring)?
    for r in recordRules[a] where rules[r].isSupport == support {
      if let b = best, support ? rules[r].areaScore >= b.rule.areaScore : rules[r].areaScore <= b.rule.areaScore {
        continue
      }
      if let value = Self.matchedValue(rules[r], s) { best = (rules[r], value) }
    }
    return best
  }

  /// The value of the first of the record's columns named as `rule`'s that the rule matches.
  static func matchedValue(_ rule: RecordContextRule, _ s: ClassifierScratch) -> Substring? {
    for (column, cell) in s.metadata where column == rule.column {
      if let value = rule.matchedValue(in: cell) { return value }
    }
    return nil
  }

  /// The study context's area score when the text holds enough different cues or a decisive
  /// one (the step of `more_cues` its number of cues reaches, ``StudyContext/areaScore(cues:)``),
  /// else nil.
  func contextBar(_ s: ClassifierScratch) -> Double? {
    guard let context = taxonomy.manifest.studyContext,
      s.cues.count >= context.minCues || decisiveCue(s) != nil
    else { return nil }
    return context.areaScore(cues: s.cues.count)
  }

  /// The first decisive study-context cue found in the text, by number, or nil.
  func decisiveCue(_ s: ClassifierScratch) -> Int? {
    s.cues.first { $0 >= index.decisiveCueStart }
  }

  /// How many different counted terms area `a` has, or with `matches` how many counted matches
  /// (two of one term count two); counting stops at `limit`.
  func count(inArea a: Int, _ s: ClassifierScratch, upTo limit: Int, matches: Bool) -> Int {
    let table = index.nodes
    var count = 0
    for id in s.touched where table.area[index.entries[id].node] == a {
      count &+= matches ? s.occurrences[id] : 1
      if count >= limit { break }
    }
    return count
  }


  /// The matched terms of a node and its sub-fields, highest contribution first.
  func evidence(forNode node: Int, _ text: String, _ s: ClassifierScratch) -> [Evidence] {
    let entries = index.entries
    let table = index.nodes
    var out: [Evidence] = []
    for id in s.touched where table.isWithin(entries[id].node, node) {
      var spans: [EvidenceSpan] = []
      for m in s.kept where Int(m.termID.rawValue) == id {
        spans.append(
          EvidenceSpan(start: m.start, end: m.end, text: Self.slice(text, m.start, m.end), kind: Self.kindName(m.kind)))
      }
      let entry = entries[id]
      out.append(
        Evidence(
          term: index.display[id], language: index.language[id], weight: entry.declaredWeight,
          contribution: Self.round(s.contribution[id]), weak: entry.isWeak, matches: spans))
    }
    out.sort { $0.contribution != $1.contribution ? $0.contribution > $1.contribution : $0.term < $1.term }
    return out
  }

  /// The text between two UTF-8 offsets.
  static func slice(_ text: String, _ start: Int, _ end: Int) -> String {
    let (a, b) = bounds(text, start, end)
    return String(decoding: text.utf8[a..<b], as: UTF8.self)
  }

  /// The string indices of UTF-8 offsets `start` and `end` (the end of the text past it).
  static func bounds(_ text: String, _ start: Int, _ end: Int) -> (String.Index, String.Index) {
    let utf8 = text.utf8
    return (
      utf8.index(utf8.startIndex, offsetBy: start, limitedBy: utf8.endIndex) ?? utf8.endIndex,
      utf8.index(utf8.startIndex, offsetBy: end, limitedBy: utf8.endIndex) ?? utf8.endIndex
    )
  }

  static func kindName(_ kind: MatchKind) -> String {
    switch kind {
    case .exact: "exact"
    case .inflected: "inflected"
    case .prefix: "prefix"
    case .compound: "compound"
    }
  }

  /// Scores are reported to four decimals so output bytes do not depend on float noise.
  static func round(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}

/// Reusable buffers for ``Classifier``: one per thread.
public struct ClassifierScratch {
  var match = MatchScratch()
  var words = 0
  var exclusionHits: [(Int, Int, Int)] = []
  var kept: [PhraseMatch] = []
  var subsumed: [PhraseMatch] = []
  var cancelled: [(PhraseMatch, Int)] = []
  var unsupported: [PhraseMatch] = []
  /// Matches a negation word of their clause denies, in text order: taken out of `kept` after
  /// leftmost-longest.
  var negated: [PhraseMatch] = []
  /// Kept matches that count (weak ones with support), in text order.
  var counted: [PhraseMatch] = []
  var occurrences: [Int] = []
  var contribution: [Double] = []
  var touched: [Int] = []
  var nodeScore: [Double] = []
  /// Study-context cues found, by number, each once, in order of first match.
  var cues: [Int] = []
  /// Buffers of a calibrated release's scoring.
  var calibration = CalibrationScratch()
  /// `column=value` pairs describing the record (funding scheme, topics), for a calibrated
  /// release that learned from them; set before scoring.
  public var metadata: [(String, String)] = []

  public init() {}

  mutating func prepare(entries: Int, nodes: Int) {
    if occurrences.count != entries {
      occurrences = Array(repeating: 0, count: entries)
      contribution = Array(repeating: 0, count: entries)
    } else {
      for id in touched {
        occurrences[id] = 0
        contribution[id] = 0
      }
    }
    touched.removeAll(keepingCapacity: true)
    if nodeScore.count != nodes {
      nodeScore = Array(repeating: 0, count: nodes)
    } else {
      for i in nodeScore.indices { nodeScore[i] = 0 }
    }
    exclusionHits.removeAll(keepingCapacity: true)
    kept.removeAll(keepingCapacity: true)
    subsumed.removeAll(keepingCapacity: true)
    cancelled.removeAll(keepingCapacity: true)
    unsupported.removeAll(keepingCapacity: true)
    negated.removeAll(keepingCapacity: true)
    counted.removeAll(keepingCapacity: true)
    cues.removeAll(keepingCapacity: true)
  }
}

import Foundation
