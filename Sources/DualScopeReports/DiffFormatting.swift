import DualScope
/// Small text helpers the diff renderers share.
enum DiffFormatting {
  /// A number as a person writes it: `3`, `2.5`.
  static func number(_ x: Double) -> String { NumberText.plain(x) }

  static func threshold(_ x: Double?) -> String { x.map(number) ?? "default" }

  /// `off` for 0, else `8 words`.
  static func negationWindow(_ n: Int) -> String { n == 0 ? "off" : count(n, "word") }

  /// `1 field`, `2 fields`.
  static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
  }

  /// The first twelve hex digits of a content hash.
  static func shortHash(_ hash: String) -> String { String(hash.prefix(12)) }

  /// `en: a, b; nl: c` for terms grouped by language, in the order given.
  static func terms(_ terms: [TermSummary], code: (String) -> String) -> String {
    var languages: [String] = []
    var byLanguage: [String: [String]] = [:]
    for t in terms {
      if byLanguage[t.language] == nil { languages.append(t.language) }
      var text = code(t.term)
      var notes: [String] = []
      if t.weight != 1 { notes.append("weight \(number(t.weight))") }
      notes += t.options
      if !notes.isEmpty { text += " (" + notes.joined(separator: ", ") + ")" }
      byLanguage[t.language, default: []].append(text)
    }
    return languages.map { "\($0): " + byLanguage[$0]!.joined(separator: ", ") }.joined(separator: "; ")
  }

  /// `old → new` of a term's options.
  static func options(_ o: [String]) -> String { o.isEmpty ? "plain" : o.joined(separator: ", ") }

  /// The headline rows: what changed, how many areas, how many fields; only non-zero rows.
  static func headline(_ d: TaxonomyDiff) -> [(label: String, areas: Int, fields: Int)] {
    func count(_ test: (NodeDiff) -> Bool) -> (Int, Int) {
      (d.changed(.area, where: test).count, d.changed(.field, where: test).count)
    }
    func events(_ kind: LineageEvent.Kind) -> (Int, Int) {
      let e = d.events(kind)
      return (e.filter { $0.from[0].kind == .area }.count, e.filter { $0.from[0].kind == .field }.count)
    }
    let rows: [(String, (Int, Int))] = [
      ("added", (d.nodes(.area, .added).count, d.nodes(.field, .added).count)),
      ("removed", (d.nodes(.area, .removed).count, d.nodes(.field, .removed).count)),
      ("split", events(.split)),
      ("merged", events(.merged)),
      ("regrouped", events(.regrouped)),
      ("moved", count(\.isMoved)),
      ("ID renamed", count(\.isReidentified)),
      ("renamed (labels)", count(\.isRenamed)),
      ("content changed", count(\.hasContentChanges)),
    ]
    return rows.filter { $0.1.0 + $0.1.1 > 0 }.map { ($0.0, $0.1.0, $0.1.1) }
  }

  /// The description of a node kind.
  static func kindName(_ kind: TaxonomyNode.Kind) -> String { kind == .area ? "area" : "field" }

  /// One line per content change of a node, without markup except what `code` adds.
  static func details(_ d: NodeDiff, code: (String) -> String) -> [String] {
    var out: [String] = []
    if let c = d.sensitivity { out.append("sensitivity: \(c.old.rawValue) → \(c.new.rawValue)") }
    if let c = d.threshold { out.append("threshold: \(threshold(c.old)) → \(threshold(c.new))") }
    if let c = d.dualUse { out.append("dual-use codes: " + list(c, code: code)) }
    if let c = d.crosswalk {
      if let eu = c.eu2023_2113 {
        out.append("EU 2023/2113: \(eu.old.map(code) ?? "none") → \(eu.new.map(code) ?? "none")")
      }
      if let l = c.nts2024 { out.append("NTS 2024: " + list(l, code: { $0 })) }
      if let l = c.usCET2024 { out.append("US CET 2024: " + list(l, code: { $0 })) }
    }
    if let c = d.exclusions { out.append("exclusions: " + list(c, code: code)) }
    if let t = d.terms {
      if !t.added.isEmpty {
        out.append("\(count(t.added.count, "term")) added: " + terms(t.added, code: code))
      }
      if !t.removed.isEmpty {
        out.append("\(count(t.removed.count, "term")) removed: " + terms(t.removed, code: code))
      }
      let weights = t.changed.filter { $0.weight != nil }
      if !weights.isEmpty {
        out.append(
          "weights: "
            + weights.map { "\(code($0.term)) \(number($0.weight!.old)) → \(number($0.weight!.new))" }
            .joined(separator: ", "))
      }
      for c in t.changed where c.options != nil {
        out.append("options of \(code(c.term)): \(options(c.options!.old)) → \(options(c.options!.new))")
      }
      for c in t.changed where c.spelling != nil {
        out.append("spelling: \(code(c.spelling!.old)) → \(code(c.spelling!.new))")
      }
    }
    if let c = d.description { out.append("description: “\(c.old)” → “\(c.new)”") }
    return out
  }

  /// `added a, b; removed c`.
  static func list(_ c: ListChange, code: (String) -> String) -> String {
    var parts: [String] = []
    if !c.added.isEmpty { parts.append("added " + c.added.map(code).joined(separator: ", ")) }
    if !c.removed.isEmpty { parts.append("removed " + c.removed.map(code).joined(separator: ", ")) }
    return parts.joined(separator: "; ")
  }

  /// `name (nl: naam)`.
  static func name(_ n: LocalizedText) -> String { "\(n.en) (nl: \(n.nl))" }

  /// What a renamed node was and is called.
  static func rename(_ c: Change<LocalizedText>) -> String {
    var parts: [String] = []
    if c.old.en != c.new.en { parts.append("“\(c.old.en)” → “\(c.new.en)”") }
    if c.old.nl != c.new.nl { parts.append("nl “\(c.old.nl)” → “\(c.new.nl)”") }
    return parts.joined(separator: "; ")
  }

  /// Where a moved node was and is.
  static func move(_ d: NodeDiff, code: (String) -> String) -> String {
    var parts: [String] = []
    if let a = d.area { parts.append("area \(code(a.old)) → \(code(a.new))") }
    if let p = d.parent, d.area == nil || p.old != d.area?.old || p.new != d.area?.new {
      parts.append("parent \(p.old.map(code) ?? "none") → \(p.new.map(code) ?? "none")")
    }
    if let id = d.id { parts.append("ID \(code(id.old)) → \(code(id.new))") }
    return parts.joined(separator: ", ")
  }
}
