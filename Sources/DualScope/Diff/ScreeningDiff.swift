/// What changed in the screening part of a release between two releases: regimes added, removed
/// or changed (status, periods, measures, scope, sources), and named-organisation lists added,
/// removed or changed (version, organisations, aliases). `diff` reports it beside the taxonomy's
/// changes.
public struct ScreeningDiff: Sendable, Hashable, Codable {
  public enum ChangeKind: String, Sendable, Hashable, Codable {
    case added, removed, changed
  }

  /// One regime that changed, with a line per change ("period 'restored' added: from 2025-09-30").
  public struct RegimeChange: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var kind: ChangeKind
    public var changes: [String]
  }

  /// One list that changed: organisations added, removed, or with other names or aliases.
  public struct ListChange: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var kind: ChangeKind
    public var oldVersion: String?
    public var newVersion: String?
    public var added: [String]
    public var removed: [String]
    public var changed: [String]

    enum CodingKeys: String, CodingKey {
      case id, name, kind, added, removed, changed
      case oldVersion = "old_version"
      case newVersion = "new_version"
    }
  }

  /// Whether each side has a screening part at all.
  public var oldHasRegimes: Bool
  public var newHasRegimes: Bool
  public var regimes: [RegimeChange]
  public var lists: [ListChange]

  enum CodingKeys: String, CodingKey {
    case regimes, lists
    case oldHasRegimes = "old_has_regimes"
    case newHasRegimes = "new_has_regimes"
  }

  public var isEmpty: Bool { regimes.isEmpty && lists.isEmpty }

  /// The changes from `old` to `new`; a side without a screening part counts as empty.
  public init(from old: ScreeningRules?, to new: ScreeningRules?) {
    oldHasRegimes = old != nil
    newHasRegimes = new != nil
    let a = Dictionary(uniqueKeysWithValues: (old?.regimes ?? []).map { ($0.id, $0) })
    let b = Dictionary(uniqueKeysWithValues: (new?.regimes ?? []).map { ($0.id, $0) })
    var regimes: [RegimeChange] = []
    for id in Set(a.keys).union(b.keys).sorted() {
      switch (a[id], b[id]) {
      case (nil, let r?):
        regimes.append(.init(id: id, name: r.name, kind: .added, changes: [Self.describe(r)]))
      case (let r?, nil):
        regimes.append(.init(id: id, name: r.name, kind: .removed, changes: [Self.describe(r)]))
      case (let x?, let y?):
        let changes = Self.changes(x, y)
        if !changes.isEmpty { regimes.append(.init(id: id, name: y.name, kind: .changed, changes: changes)) }
      default: break
      }
    }
    self.regimes = regimes
    let la = Dictionary((old?.lists ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let lb = Dictionary((new?.lists ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var lists: [ListChange] = []
    for id in Set(la.keys).union(lb.keys).sorted() {
      let x = la[id]
      let y = lb[id]
      let oldOrgs = Dictionary((x?.organisations ?? []).map { ($0.id, $0) }, uniquingKeysWith: { f, _ in f })
      let newOrgs = Dictionary((y?.organisations ?? []).map { ($0.id, $0) }, uniquingKeysWith: { f, _ in f })
      let added = newOrgs.keys.filter { oldOrgs[$0] == nil }.sorted().map { "\($0) (\(newOrgs[$0]!.name))" }
      let removed = oldOrgs.keys.filter { newOrgs[$0] == nil }.sorted().map { "\($0) (\(oldOrgs[$0]!.name))" }
      var changed: [String] = []
      for key in oldOrgs.keys.filter({ newOrgs[$0] != nil }).sorted() {
        let (p, q) = (oldOrgs[key]!, newOrgs[key]!)
        if p.name != q.name { changed.append("\(key): name '\(p.name)' → '\(q.name)'") }
        if p.country != q.country { changed.append("\(key): country \(p.country ?? "none") → \(q.country ?? "none")") }
        let gained = q.aliases.filter { !p.aliases.contains($0) }
        let lost = p.aliases.filter { !q.aliases.contains($0) }
        if !gained.isEmpty { changed.append("\(key): aliases added: " + gained.joined(separator: ", ")) }
        if !lost.isEmpty { changed.append("\(key): aliases removed: " + lost.joined(separator: ", ")) }
      }
      if let x, let y {
        if x.level != y.level { changed.append("level \(x.level.rawValue) → \(y.level.rawValue)") }
        if x.regimes != y.regimes {
          changed.append("serves \(x.regimes.joined(separator: ", ")) → \(y.regimes.joined(separator: ", "))")
        }
        if x.licence != y.licence { changed.append("licence '\(x.licence)' → '\(y.licence)'") }
      }
      let kind: ChangeKind = x == nil ? .added : (y == nil ? .removed : .changed)
      if kind == .changed && added.isEmpty && removed.isEmpty && changed.isEmpty && x!.version == y!.version { continue }
      lists.append(
        .init(
          id: id, name: (y ?? x)!.name, kind: kind, oldVersion: x?.version, newVersion: y?.version, added: added,
          removed: removed, changed: changed))
    }
    self.lists = lists
  }

  static func describe(_ r: Regime) -> String {
    "\(r.kind.rawValue), \(r.legalStatus.rawValue)\(r.statusUncertain ? " (status uncertain)" : ""), \(r.jurisdiction); "
      + "\(r.measures.count) measure\(r.measures.count == 1 ? "" : "s"), periods: "
      + r.periods.map { "\($0.id) (\($0.span))" }.joined(separator: ", ")
  }

  static func changes(_ a: Regime, _ b: Regime) -> [String] {
    var out: [String] = []
    func compare<T: Equatable>(_ what: String, _ x: T, _ y: T, _ text: (T) -> String) {
      if x != y { out.append("\(what): \(text(x)) → \(text(y))") }
    }
    compare("name", a.name, b.name) { "'\($0)'" }
    compare("kind", a.kind, b.kind) { $0.rawValue }
    compare("legal status", a.legalStatus, b.legalStatus) { $0.rawValue }
    compare("status uncertain", a.statusUncertain, b.statusUncertain) { $0 ? "yes" : "no" }
    compare("jurisdiction", a.jurisdiction, b.jurisdiction) { $0 }
    let pa = Dictionary(a.periods.map { ($0.id, $0) }, uniquingKeysWith: { f, _ in f })
    let pb = Dictionary(b.periods.map { ($0.id, $0) }, uniquingKeysWith: { f, _ in f })
    for p in a.periods where pb[p.id] == nil { out.append("period '\(p.id)' removed (\(p.span))") }
    for p in b.periods {
      guard let old = pa[p.id] else {
        out.append("period '\(p.id)' added (\(p.span)): \(p.covers)")
        continue
      }
      if old.from != p.from || old.to != p.to { out.append("period '\(p.id)': \(old.span) → \(p.span)") }
      if old.covers != p.covers { out.append("period '\(p.id)': what it covers changed") }
      if old.reviewBy != p.reviewBy {
        out.append("period '\(p.id)': review by \(old.reviewBy.map { "\($0)" } ?? "none") → \(p.reviewBy.map { "\($0)" } ?? "none")")
      }
    }
    let ma = Dictionary(a.measures.map { ($0.id, $0) }, uniquingKeysWith: { f, _ in f })
    let mb = Dictionary(b.measures.map { ($0.id, $0) }, uniquingKeysWith: { f, _ in f })
    for m in a.measures where mb[m.id] == nil { out.append("measure '\(m.id)' removed") }
    for m in b.measures {
      guard let old = ma[m.id] else {
        out.append("measure '\(m.id)' added: \(m.name) (level \(m.level.rawValue))")
        continue
      }
      out += measureChanges(old, m)
    }
    let sa = Set(a.sources.map(\.reference))
    let sb = Set(b.sources.map(\.reference))
    for s in sb.subtracting(sa).sorted() { out.append("source added: \(s)") }
    for s in sa.subtracting(sb).sorted() { out.append("source removed: \(s)") }
    for (x, y) in zip(a.sources, b.sources) where x.reference == y.reference && x.reliedOn != y.reliedOn {
      out.append("source \(y.reference): relied on \(x.reliedOn) → \(y.reliedOn)")
    }
    if a.notes != b.notes { out.append("notes changed") }
    return out
  }

  static func measureChanges(_ a: RegimeMeasure, _ b: RegimeMeasure) -> [String] {
    var out: [String] = []
    let m = "measure '\(b.id)'"
    func list(_ what: String, _ x: [String], _ y: [String]) {
      let gained = y.filter { !x.contains($0) }
      let lost = x.filter { !y.contains($0) }
      if !gained.isEmpty { out.append("\(m): \(what) added: \(gained.joined(separator: ", "))") }
      if !lost.isEmpty { out.append("\(m): \(what) removed: \(lost.joined(separator: ", "))") }
    }
    if a.level != b.level { out.append("\(m): level \(a.level.rawValue) → \(b.level.rawValue)") }
    if a.name != b.name { out.append("\(m): name '\(a.name)' → '\(b.name)'") }
    list("periods", a.periods, b.periods)
    list("triggers", a.triggers.map(\.rawValue), b.triggers.map(\.rawValue))
    list("countries", a.countries, b.countries)
    if a.nationalities != b.nationalities { out.append("\(m): nationalities in scope changed") }
    if a.funding != b.funding { out.append("\(m): funding programmes changed") }
    list("requirements", a.requires.map(\.rawValue), b.requires.map(\.rawValue))
    list("partner countries", a.partnerCountries, b.partnerCountries)
    let (s, t) = (a.scope, b.scope)
    list("dual-use codes", s.dualUseInclude.map(\.text), t.dualUseInclude.map(\.text))
    list("dual-use exceptions", s.dualUseExcept.map(\.text), t.dualUseExcept.map(\.text))
    list("areas", s.areas, t.areas)
    list("fields", s.fields, t.fields)
    list("named categories", s.categories.map(\.name), t.categories.map(\.name))
    list("cues", s.cues.map(\.text), t.cues.map(\.text))
    if s.anyField != t.anyField { out.append("\(m): any field \(s.anyField ? "yes" : "no") → \(t.anyField ? "yes" : "no")") }
    if s.minSensitivity != t.minSensitivity {
      out.append("\(m): minimum sensitivity \(s.minSensitivity.rawValue) → \(t.minSensitivity.rawValue)")
    }
    if s.uncertain != t.uncertain { out.append("\(m): scope uncertain \(s.uncertain ? "yes" : "no") → \(t.uncertain ? "yes" : "no")") }
    list("exemptions", a.exemptions.map(\.id), b.exemptions.map(\.id))
    if a.leadsTo != b.leadsTo { out.append("\(m): what it leads to changed") }
    return out
  }
}
