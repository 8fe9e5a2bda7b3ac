/// A term as a diff shows it: language, phrase as written, weight and options.
public struct TermSummary: Sendable, Hashable, Encodable {
  public var language: String
  /// The phrase as the YAML writes it (`cryptograph*` for a prefix term).
  public var term: String
  public var weight: Double
  /// Options other than the defaults: `weak`, `compound`, `case-sensitive`, `no-inflection`,
  /// `exclude: a, b`.
  public var options: [String]

  init(_ term: Term) {
    language = term.language
    self.term = term.displayPhrase
    weight = term.weight
    options = Self.options(term)
  }

  static func options(_ term: Term) -> [String] {
    var out: [String] = []
    if term.caseSensitive { out.append("case-sensitive") }
    if term.isCompoundPart { out.append("compound") }
    if term.isWeak { out.append("weak") }
    if !term.inflects && !term.caseSensitive { out.append("no-inflection") }
    if !term.exclusions.isEmpty { out.append("exclude: " + term.exclusions.joined(separator: ", ")) }
    if !term.secondMeanings.isEmpty { out.append("second meaning: " + term.secondMeanings.joined(separator: ", ")) }
    return out
  }
}

/// A term listed in both releases whose weight, options or spelling changed.
public struct TermChange: Sendable, Hashable, Encodable {
  public var language: String
  /// The phrase as the new release writes it.
  public var term: String
  /// How the old release wrote it, when the spelling differs only in case or diacritics.
  public var spelling: Change<String>?
  public var weight: Change<Double>?
  public var options: Change<[String]>?
  /// The identity of the term (language, folded phrase, case rule, wildcard): the sort key.
  let key: String

  enum CodingKeys: String, CodingKey { case language, term, spelling, weight, options }

  public var reversed: TermChange {
    TermChange(
      language: language, term: spelling?.old ?? term, spelling: spelling?.reversed,
      weight: weight?.reversed, options: options?.reversed, key: key)
  }
}

/// The terms a revision adds to a field, removes from it, and changes.
///
/// Terms are the same term when they have the same language and fold to the same phrase with the
/// same case rule and wildcard (the key duplicate checks use); weight and the other options are
/// what can change about a term.
public struct TermChanges: Sendable, Hashable, Encodable {
  /// In the new release's order.
  public var added: [TermSummary]
  /// In the old release's order.
  public var removed: [TermSummary]
  /// By language, then folded phrase.
  public var changed: [TermChange]

  public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

  public var reversed: TermChanges {
    TermChanges(
      added: removed, removed: added, changed: changed.map(\.reversed).sorted { $0.key < $1.key })
  }

  /// The terms of the new list compared with those of the old; `nil` when nothing changed.
  static func between(_ old: [Term], _ new: [Term]) -> TermChanges? {
    func key(_ t: Term) -> String { t.language + "\u{0}" + DuplicateTermCheck.key(t) }
    var oldByKey: [String: Term] = [:]
    for t in old where oldByKey[key(t)] == nil { oldByKey[key(t)] = t }
    var newByKey: [String: Term] = [:]
    for t in new where newByKey[key(t)] == nil { newByKey[key(t)] = t }

    var added: [TermSummary] = []
    var changed: [TermChange] = []
    var seen = Set<String>()
    for t in new where seen.insert(key(t)).inserted {
      guard let before = oldByKey[key(t)] else {
        added.append(TermSummary(t))
        continue
      }
      let change = TermChange(
        language: t.language, term: t.displayPhrase,
        spelling: Change.between(before.displayPhrase, t.displayPhrase),
        weight: Change.between(before.weight, t.weight),
        options: Change.between(TermSummary.options(before), TermSummary.options(t)), key: key(t))
      if change.spelling != nil || change.weight != nil || change.options != nil { changed.append(change) }
    }
    seen.removeAll()
    var removed: [TermSummary] = []
    for t in old where seen.insert(key(t)).inserted && newByKey[key(t)] == nil {
      removed.append(TermSummary(t))
    }
    let out = TermChanges(added: added, removed: removed, changed: changed.sorted { $0.key < $1.key })
    return out.isEmpty ? nil : out
  }
}
