import PhraseMatching

/// Everything the classifier saw in one text: every match and what became of it, and the score
/// arithmetic of every field it touched, assigned or not.
public struct Explanation: Sendable, Hashable, Codable {
  /// What happened to one match.
  public enum Fate: String, Sendable, Hashable, Codable {
    case counted
    /// Inside a longer match at the same place (leftmost-longest).
    case subsumed
    /// Cancelled by an exclusion phrase overlapping it.
    case excluded
    /// A weak term with no non-weak term of its field near it.
    case unsupported
    /// Denied by a negation word of its clause ("develops no robots"; ``Negation``).
    case negated
  }

  /// One match of a term.
  public struct Hit: Sendable, Hashable, Codable {
    public var field: String
    public var term: String
    public var start: Int
    public var end: Int
    public var text: String
    public var fate: Fate
    /// The exclusion phrase, for an excluded match.
    public var excludedBy: String?
    /// The exclusion is one of the term's second meanings, found elsewhere in the text
    /// (``Term/secondMeanings``); nil otherwise.
    public var secondMeaning: Bool? = nil
    /// The negation word as the text writes it, for a negated match.
    public var negatedBy: String? = nil
    /// The part of the text the match sits in (``SentenceRole``: title, aim, background, impact
    /// or body), as an officer reads an objective. The rules count every part alike (DESIGN.md,
    /// "Scoring"); a calibrated release learns what each part is worth.
    public var part: String? = nil

    enum CodingKeys: String, CodingKey {
      case field, term, start, end, text, fate, part
      case excludedBy = "excluded_by"
      case secondMeaning = "second_meaning"
      case negatedBy = "negated_by"
    }
  }

  /// A field's or area's score and whether it was assigned, with the reason.
  public struct NodeScore: Sendable, Hashable, Codable {
    public var id: String
    public var score: Double
    public var threshold: Double
    public var assigned: Bool
    /// Why not, when not assigned; "assigned" when assigned, or "assigned: " and the
    /// record-context rule whose lowered bar let an area pass, or the raised bar an area passed.
    public var reason: String
    /// `term ×count: weight × saturation ÷ length = contribution` lines.
    public var arithmetic: [String]
  }

  public var classification: Classification
  public var hits: [Hit]
  /// Every area and field with a match of any fate, in taxonomy order.
  public var scores: [NodeScore]
  /// The divisor applied for the text's length.
  public var lengthFactor: Double
  /// The study-context cues the text holds (each once), and whether there are enough of them to
  /// raise every area's bar to the release's `area_score`.
  public var contextCues: [String]
  public var contextApplies: Bool
  /// A calibrated release's contributions to each area's probability; nil otherwise.
  public var calibration: [CalibratedArea]? = nil

  enum CodingKeys: String, CodingKey {
    case calibration
    case classification, hits, scores
    case lengthFactor = "length_factor"
    case contextCues = "context_cues"
    case contextApplies = "context_applies"
  }

  /// The score record of one node; `nil` when the node had no match at all.
  public func score(of id: String) -> NodeScore? { scores.first { $0.id == id } }
}

extension Classifier {
  /// Classifies a text and keeps the whole reasoning for display; `metadata` are the record's
  /// columns that describe it (a calibrated release's context columns, a release's record-context
  /// rules), as a portfolio would carry them.
  public func explain(_ text: String, metadata: [(String, String)] = []) -> Explanation {
    var s = ClassifierScratch()
    s.metadata = metadata
    score(text, &s)
    let classification = decide(text, s)
    let nodes = taxonomy.nodes
    let entries = index.entries

    func hit(_ m: PhraseMatch, _ fate: Explanation.Fate, _ exclusion: Int? = nil) -> Explanation.Hit {
      let entry = entries[Int(m.termID.rawValue)]
      return Explanation.Hit(
        field: nodes[entry.node].id, term: index.term(entry).displayPhrase, start: m.start, end: m.end,
        text: Self.slice(text, m.start, m.end), fate: fate,
        excludedBy: exclusion.map { index.exclusionPhrases[$0] },
        secondMeaning: exclusion.flatMap { index.exclusionAnywhere[$0] ? true : nil })
    }
    let unsupported = Set(s.unsupported)
    var hits = s.kept.filter { !unsupported.contains($0) }.map { hit($0, .counted) }
    hits += s.unsupported.map { hit($0, .unsupported) }
    var source = text
    hits += source.withUTF8 { bytes in
      s.negated.map { m in
        var h = hit(m, .negated)
        if let r = Negation.denier(before: m.start, in: bytes, window: taxonomy.manifest.defaults.negationWindow) {
          h.negatedBy = Self.slice(text, r.lowerBound, r.upperBound)
        }
        return h
      }
    }
    hits += s.subsumed.map { hit($0, .subsumed) }
    hits += s.cancelled.map { hit($0.0, .excluded, $0.1) }
    hits.sort { ($0.start, $0.end, $0.field, $0.term) < ($1.start, $1.end, $1.field, $1.term) }
    var sentences: [Sentence] = []
    TextFeatures.sentences(text, into: &sentences)
    for k in hits.indices { hits[k].part = TextFeatures.role(at: hits[k].start, sentences).name }

    let factor = Self.lengthFactor(words: s.words, options)
    // The decisive cue as the reasons quote it, when it alone put the text in the study context.
    let said =
      s.cues.count < (taxonomy.manifest.studyContext?.minCues ?? 0) ? decisiveCue(s).map { decisiveWords($0, s, text) } : nil
    let assignedAreas = Set(classification.areas.map(\.id))
    let assignedFields = Set(classification.fields.map(\.id))
    var scores: [Explanation.NodeScore] = []
    for (i, node) in nodes.enumerated() {
      let mine = hits.filter { $0.field == node.id || $0.field.hasPrefix(node.id + ".") }
      guard !mine.isEmpty else { continue }
      let score = Self.round(s.nodeScore[i])
      let assigned = node.kind == .area ? assignedAreas.contains(node.id) : assignedFields.contains(node.id)
      var arithmetic: [String] = []
      for id in s.touched where entries[id].node == i {
        let count = s.occurrences[id]
        let series = options.saturation == 0 ? 1 : (1 - pow(options.saturation, Double(count))) / (1 - options.saturation)
        arithmetic.append(
          "\(index.term(entries[id]).displayPhrase) ×\(count): \(Self.format(entries[id].weight)) × "
            + "\(Self.format(series)) ÷ \(Self.format(factor)) = \(Self.format(s.contribution[id]))")
      }
      scores.append(
        Explanation.NodeScore(
          id: node.id, score: score, threshold: thresholds[i], assigned: assigned,
          reason: assigned
            ? (addedByModel(area: i, s)
              ? addedReason(node: i, mine, score, assignedAreas, s, said: said)
              : assignedReason(node: i, s, classification, said: said))
            : reason(node: i, mine, score, assignedAreas, s, said: said) + notAddedNote(node: i, s),
          arithmetic: arithmetic))
    }
    var explanation = Explanation(
      classification: classification, hits: hits, scores: scores, lengthFactor: Self.round(factor),
      contextCues: s.cues.map { index.cueDisplay[$0] }, contextApplies: contextBar(s) != nil)
    if taxonomy.calibration != nil && options.uncalibrated != true {
      explanation.calibration = explainCalibration(text, s, assigned: assignedAreas)
    }
    return explanation
  }

  /// Why an assigned node was assigned: "assigned"; for an area that passed only because a
  /// supporting record-context rule lowered its bar or spared it a second match beside a better
  /// area, which rule; for one that passed a bar the study context or a record-context rule
  /// raised, that bar and what raised it (the scores' table shows the threshold, not that bar).
  private func assignedReason(node i: Int, _ s: ClassifierScratch, _ result: Classification, said: String?) -> String {
    guard index.nodes.isArea[i] else { return "assigned" }
    guard let support = recordSupport(i, s) else { return raisedBarReason(area: i, s, said: said) ?? "assigned" }
    let because = "assigned: the record's \(support.rule.column) is '\(support.value)', which supports the area "
      + "(record context), so "
    let text = textBar(i, s)
    if s.nodeScore[i] < text {
      return because + "it needs \(Self.format(support.rule.areaScore)) instead of \(Self.format(text)), "
        + "score \(Self.format(Self.round(s.nodeScore[i])))"
    }
    let better = result.areas.contains { $0.id != index.nodes.id[i] && $0.score > Self.round(s.nodeScore[i]) }
    if better && secondaryMinMatches > 1
      && count(inArea: i, s, upTo: secondaryMinMatches, matches: true) < secondaryMinMatches
    {
      return because + "one match is enough beside a better area (another area needs \(secondaryMinMatches))"
    }
    return "assigned"
  }

  /// "assigned: score X passes the bar of B that …" for an assigned area whose bar the study
  /// context or a stronger-evidence record-context rule raised above its own, else nil.
  private func raisedBarReason(area a: Int, _ s: ClassifierScratch, said: String?) -> String? {
    let bar = areaBar(a, s)
    guard bar > ownBar(a, s) else { return nil }
    let passes = "assigned: score \(Self.format(Self.round(s.nodeScore[a]))) passes the bar of \(Self.format(bar)) that "
    if let context = contextBar(s), bar == context {
      if let said {
        return passes + "the study context sets (the text says \(said), a context cue that decides alone)"
      }
      return passes + "the study context sets (\(s.cues.count) context cues)"
    }
    guard let record = recordContext(a, s) else { return nil }
    return passes + "the record's \(record.rule.column) '\(record.value)' sets (record context)"
  }

  /// Why an area the rules do not assign was assigned by a release that decides by its rules
  /// first: its probability reached the `add_cut`; and what the rules said.
  private func addedReason(
    node i: Int, _ hits: [Explanation.Hit], _ score: Double, _ assignedAreas: Set<String>, _ s: ClassifierScratch,
    said: String?
  ) -> String {
    let add = calibrationModel.flatMap(addCut) ?? 1
    var others = assignedAreas
    others.remove(index.nodes.id[i])
    return "assigned: probability \(String(format: "%.3f", s.calibration.probability[i])) reaches "
      + "\(Self.format(add)), at which the model assigns an area its rules do not (add_cut); by the rules alone, "
      + reason(node: i, hits, score, others, s, said: said)
  }

  /// For an area the rules do not assign in a release that decides by its rules first and may add
  /// an area (`add_cut`): its probability, below that cut, or at it when a context rule raised the
  /// area's bar (which the model does not overrule). Empty otherwise.
  private func notAddedNote(node i: Int, _ s: ClassifierScratch) -> String {
    guard index.nodes.isArea[i], let model = calibrationModel, let add = addCut(model),
      s.calibration.probability.count > i, s.calibration.probability[i] >= 0, !rulesAssign(area: i, s)
    else { return "" }
    let p = String(format: "%.3f", s.calibration.probability[i])
    if s.calibration.probability[i] >= add {
      return "; probability \(p) reaches the \(Self.format(add)) at which the model assigns an area its rules do "
        + "not (add_cut), but the model does not overrule a context rule"
    }
    return "; probability \(p), below the \(Self.format(add)) at which the model assigns an area its rules do not (add_cut)"
  }

  /// Why a node with matches was not assigned.
  private func reason(
    node i: Int, _ hits: [Explanation.Hit], _ score: Double, _ assignedAreas: Set<String>, _ s: ClassifierScratch,
    said: String?
  ) -> String {
    let counted = hits.filter { $0.fate == .counted }
    if counted.isEmpty {
      if let excluded = hits.first(where: { $0.fate == .excluded }) {
        let by = excluded.secondMeaning == true ? "the second meaning" : "the phrase"
        return "every match was excluded (e.g. '\(excluded.text)' by \(by) '\(excluded.excludedBy ?? "")')"
      }
      if let negated = hits.first(where: { $0.fate == .negated }) {
        return "every match was negated (e.g. '\(negated.text)' after '\(negated.negatedBy ?? "")')"
      }
      if hits.contains(where: { $0.fate == .unsupported }) {
        return "only weak terms, with no stronger term of the field near them"
      }
      return "its matches are inside longer matches of other terms"
    }
    let a = index.nodes.area[i]
    let area = taxonomy.nodes[a].id
    let support = recordSupport(a, s)
    if score < thresholds[i] && (i != a || support == nil) {
      let written = NumberText.short(score, below: thresholds[i])
      return "below threshold (score \(written.score) < \(written.bar))"
    }
    // A supporting rule's bar replaces the area's threshold and lone-term bar.
    let own = ownBar(a, s)
    if let support, s.nodeScore[a] < own {
      let written = NumberText.short(s.nodeScore[a], below: own)
      let what = i == a ? "" : "its area '\(area)' is "
      return what + "below threshold (score \(written.score) < \(written.bar), the bar the record's "
        + "\(support.rule.column) '\(support.value)' sets for the area (record context))"
    }
    let floor = support == nil ? thresholds[a] : own
    // A calibrated release decides an area by its probability, not by the bars below; one that
    // decides by its rules first, by the probability only where the rules pass.
    if let model = taxonomy.calibration, options.uncalibrated != true, !assignedAreas.contains(area),
      s.calibration.probability.count > a, s.calibration.probability[a] >= 0
    {
      let rulesFirst = model.decision == .rulesThenProbability
      let cut = options.cut ?? model.cut
      let p = s.calibration.probability[a]
      if p < cut && (!rulesFirst || rulesAssign(area: a, s)) {
        let what = i == a ? "" : "its area '\(area)' "
        return what + "has probability \(String(format: "%.3f", p)), below the cut \(Self.format(cut))"
          + (rulesFirst ? " (it passes the rules, which decide first)" : "")
      }
    }
    let bar = areaBar(a, s)
    if let context = contextBar(s), s.nodeScore[a] >= floor && s.nodeScore[a] < bar && bar == context {
      let what = i == a ? "" : "its area '\(area)': "
      if let said {
        return what + "the text says \(said), a context cue that decides alone (study "
          + "context), so an area needs \(Self.format(bar)), score \(Self.format(Self.round(s.nodeScore[a])))"
      }
      let cues = s.cues.prefix(5).map { "'\(index.cueDisplay[$0])'" }.joined(separator: ", ")
      return what + "the text reads as a study about the technology (\(s.cues.count) context cues: \(cues)"
        + (s.cues.count > 5 ? ", …" : "") + "), so an area needs \(Self.format(bar)), "
        + "score \(Self.format(Self.round(s.nodeScore[a])))"
    }
    if let record = recordContext(a, s), s.nodeScore[a] >= floor && s.nodeScore[a] < bar
      && bar == record.rule.areaScore
    {
      let what = i == a ? "" : "its area '\(area)': "
      return what + "the record's \(record.rule.column) is '\(record.value)', which asks for stronger evidence "
        + "(record context), so an area needs \(Self.format(bar)), score \(Self.format(Self.round(s.nodeScore[a])))"
    }
    if s.nodeScore[a] >= thresholds[a] && s.nodeScore[a] < bar {
      let what = i == a ? "" : "its area '\(area)' rests on one term alone: "
      return what + "one term alone needs \(Self.format(bar)) (\(Self.format(loneTermFactor)) × the threshold), "
        + "score \(Self.format(Self.round(s.nodeScore[a])))"
    }
    if !assignedAreas.contains(area) {
      let matches = count(inArea: a, s, upTo: secondaryMinMatches, matches: true)
      if secondaryMinMatches > 1 && matches < secondaryMinMatches && !assignedAreas.isEmpty && support == nil {
        let what = i == a ? "" : "its area '\(area)' "
        return what + "is not the document's best area and has \(matches) match"
          + (matches == 1 ? "" : "es") + "; another area needs \(secondaryMinMatches)"
      }
      return "its area '\(area)' was not assigned (cut by top-k or the relative cut-off)"
    }
    return "not assigned"
  }

  /// A decisive cue as an explanation quotes it: `'cue'`, or for a cue with a `*` the words it
  /// matched and the cue, `'kunsthistorische project' (cue '*historische project')`.
  private func decisiveWords(_ cue: Int, _ s: ClassifierScratch, _ text: String) -> String {
    let display = index.cueDisplay[cue]
    guard display.contains("*"),
      let m = s.match.matches.first(where: { Int($0.termID.rawValue) == index.cueStart + cue })
    else { return "'\(display)'" }
    return "'\(Self.wholeWords(text, m.start, m.end))' (cue '\(display)')"
  }

  /// The text of a span widened to the words it starts and ends in: a compound part's match
  /// ("historische project" inside "kunsthistorische project") quoted as the text has it.
  static func wholeWords(_ text: String, _ start: Int, _ end: Int) -> String {
    var (a, b) = Self.bounds(text, start, end)
    // Match spans cover whole characters, so these are character boundaries.
    func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber }
    while a > text.startIndex, isWord(text[text.index(before: a)]) { a = text.index(before: a) }
    while b < text.endIndex, isWord(text[b]) { b = text.index(after: b) }
    return String(text[a..<b])
  }

  /// A score as explanations print it: two decimals at most.
  public static func format(_ x: Double) -> String { NumberText.short(x) }
}

import Foundation
