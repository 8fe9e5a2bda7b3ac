import PhraseMatching

/// Classifies a portfolio with two releases and counts what changes: a consumer of the
/// ``PortfolioPipeline``.
///
/// Each record is read and parsed once, scanned once by a matcher over both releases' phrases
/// (``JointMatcher``), and scored with both releases in the same worker; only the decisions
/// (areas, fields, levels by node) are compared, and the evidence is gathered only for documents
/// that change. Changed documents are handed out in input order, so the
/// output does not depend on the number of threads.
public struct ImpactAnalysis: Sendable {
  public let old: Classifier
  public let new: Classifier
  /// How many example documents the report keeps.
  public var exampleCount: Int
  /// Re-screens every record under each release's regimes, when given (the same columns and
  /// date on both sides).
  public var screening: (old: PortfolioScreening, new: PortfolioScreening)?

  private let joint: JointMatcher
  /// Rows: every new node (by its index), then old nodes without a partner in the new release.
  private let oldRow: [Int]
  private let newRow: [Int]
  private let rows: [(id: String, oldID: String?, name: String, kind: TaxonomyNode.Kind)]

  /// Prepares the comparison: rows paired by lineage, and one matcher over both releases' phrases.
  public init(old: Classifier, new: Classifier, examples: Int = 5) throws(PhraseMatcherBuildError) {
    self.joint = try JointMatcher(old.index, new.index)
    self.old = old
    self.new = new
    self.exampleCount = examples
    let a = old.taxonomy
    let b = new.taxonomy
    let lineage = Lineage(old: a, new: b)
    var rows: [(String, String?, String, TaxonomyNode.Kind)] = []
    for (n, node) in b.nodes.enumerated() {
      let partner = lineage.newPartner[n].map { a.nodes[$0].id }
      rows.append((node.id, partner == node.id ? nil : partner, node.name.en, node.kind))
    }
    var oldRow: [Int] = []
    for (o, node) in a.nodes.enumerated() {
      if let n = lineage.oldPartner[o] {
        oldRow.append(n)
      } else {
        oldRow.append(rows.count)
        rows.append((node.id, nil, node.name.en, node.kind))
      }
    }
    self.rows = rows
    self.oldRow = oldRow
    self.newRow = Array(b.nodes.indices)
  }

  /// Runs the portfolio through both releases; `changed` sees every changed document in input
  /// order (for `--impact-output`). Unreadable records are counted in the report.
  public func run(
    _ input: PortfolioInput, changed: (DocumentChange) throws -> Void = { _ in }
  ) throws -> DiffImpact {
    var input = input
    if let screening { input.layout.screening = screening.new.columns }
    let pipeline = PortfolioPipeline(input)
    var counts = Counts(rows: rows.count)
    var examples = ExampleKeeper(limit: exampleCount)
    var documents = 0
    var unreadable = 0
    _ = try pipeline.run(pipeline.open(), work: ImpactWork(analysis: self)) { chunk in
      counts.add(chunk.output.counts)
      documents += chunk.records
      unreadable += chunk.errors.count
      for change in chunk.output.changed {
        counts.changed += 1
        try changed(change)
        examples.keep(change, order: counts.changed)
      }
    }
    return report(portfolio: input.inputs.joined(separator: ", "), counts, examples, documents, unreadable)
  }

  /// The work of one worker: both classifications of a chunk's records, compared.
  private struct ImpactWork: PortfolioWork {
    let analysis: ImpactAnalysis

    func makeScratch() -> Scratch { Scratch() }

    func process(_ records: [PortfolioRecord], scratch: inout Scratch) -> Part {
      analysis.compare(records, &scratch)
    }
  }

  /// A worker's buffers: each release's (the joint scan fills the old release's and moves the
  /// new release's matches out).
  private struct Scratch {
    var old = ClassifierScratch()
    var new = ClassifierScratch()
    let oldScreening = ScreeningScratch()
    let newScreening = ScreeningScratch()
  }

  /// One chunk's counts and changed documents.
  private struct Part: Sendable {
    var counts: Counts
    var changed: [DocumentChange]
  }

  private func compare(_ records: [PortfolioRecord], _ scratch: inout Scratch) -> Part {
    var part = Part(counts: Counts(rows: rows.count), changed: [])
    for record in records {
      var full: (Classification, Classification)?
      joint.scan(record.text, &scratch.old.match, &scratch.new.match)
      scratch.old.metadata = record.carried
      scratch.new.metadata = record.carried
      old.scoreMatches(record.text, &scratch.old)
      new.scoreMatches(record.text, &scratch.new)
      let a = old.decision(scratch.old)
      let b = new.decision(scratch.new)
      let oldAreas = a.areas.map { oldRow[$0.node] }
      let newAreas = b.areas.map { newRow[$0.node] }
      let oldFields = a.fields.map { oldRow[$0.node] }
      let newFields = b.fields.map { newRow[$0.node] }
      for r in oldAreas { part.counts.old[r] += 1 }
      for r in newAreas { part.counts.new[r] += 1 }
      for r in oldFields { part.counts.old[r] += 1 }
      for r in newFields { part.counts.new[r] += 1 }
      if !oldAreas.isEmpty { part.counts.classifiedOld += 1 }
      if !newAreas.isEmpty { part.counts.classifiedNew += 1 }
      part.counts.levels[a.level.rank * 4 + b.level.rank] += 1
      let areasGained = newAreas.filter { !oldAreas.contains($0) }
      let areasLost = oldAreas.filter { !newAreas.contains($0) }
      let fieldsGained = newFields.filter { !oldFields.contains($0) }
      let fieldsLost = oldFields.filter { !newFields.contains($0) }
      for r in areasGained + fieldsGained { part.counts.gained[r] += 1 }
      for r in areasLost + fieldsLost { part.counts.lost[r] += 1 }
      var triage: (Change<TriageLevel>, [RegimeStatusChange])?
      if let screening {
        // The screener reads the assigned fields: the full results are needed for every record.
        let x = old.decide(record.text, scratch.old)
        let y = new.decide(record.text, scratch.new)
        full = (x, y)
        switch (
          screening.old.screen(record, x, scratch: scratch.oldScreening),
          screening.new.screen(record, y, scratch: scratch.newScreening)
        ) {
        case (.success(let s), .success(let t)):
          part.counts.triage[s.triage.level.rank * 4 + t.triage.level.rank] += 1
          let regimes = Self.regimeChanges(s, t)
          if s.triage.level != t.triage.level || !regimes.isEmpty {
            triage = (Change(old: s.triage.level, new: t.triage.level), regimes)
          }
        default:
          part.counts.unscreened += 1
        }
      }
      guard a.level != b.level || !areasGained.isEmpty || !areasLost.isEmpty || !fieldsGained.isEmpty
        || !fieldsLost.isEmpty || triage != nil
      else { continue }
      // Only now the full results, with evidence, from the scores already in the scratches.
      let (x, y) = full ?? (old.decide(record.text, scratch.old), new.decide(record.text, scratch.new))
      var change = DocumentChange(
        id: record.id, source: record.source, line: record.line,
        level: Change(old: x.level, new: y.level),
        status: Change.between(x.status.rawValue, y.status.rawValue),
        areasGained: sortedIDs(areasGained), areasLost: sortedIDs(areasLost),
        fieldsGained: sortedIDs(fieldsGained), fieldsLost: sortedIDs(fieldsLost),
        evidence: evidenceChanges(x, y))
      if screening != nil {
        change.triage = triage?.0
        change.regimes = triage?.1 ?? []
      }
      part.changed.append(change)
    }
    return part
  }

  /// Regimes whose status differs between two screenings of one record, among `applies` and
  /// `may-apply`; a regime a release lacks, or that does not apply, counts as `nil` there. A move
  /// between `not-assessed` and not applying is left out: it says which input is missing, not
  /// what the revision changes for the record.
  static func regimeChanges(_ a: ScreeningLine, _ b: ScreeningLine) -> [RegimeStatusChange] {
    var old: [String: RegimeStatus] = [:]
    var new: [String: RegimeStatus] = [:]
    for r in a.regimes where r.status > .notAssessed { old[r.id] = r.status }
    for r in b.regimes where r.status > .notAssessed { new[r.id] = r.status }
    return Set(old.keys).union(new.keys).sorted().compactMap { id in
      old[id] == new[id] ? nil : RegimeStatusChange(id: id, status: Change(old: old[id], new: new[id]))
    }
  }

  private func sortedIDs(_ rowIndices: [Int]) -> [String] { rowIndices.sorted().map { rows[$0].id } }

  /// Fields whose assignment or score differs, in row order, with the evidence each side lacks.
  private func evidenceChanges(_ a: Classification, _ b: Classification) -> [FieldEvidenceChange] {
    var byRow: [Int: (FieldScore?, FieldScore?)] = [:]
    for f in a.fields { byRow[oldRow[old.taxonomy.index(of: f.id)!], default: (nil, nil)].0 = f }
    for f in b.fields { byRow[newRow[new.taxonomy.index(of: f.id)!], default: (nil, nil)].1 = f }
    var out: [FieldEvidenceChange] = []
    for (row, pair) in byRow.sorted(by: { $0.key < $1.key }) {
      let (x, y) = pair
      guard x?.score != y?.score else { continue }
      let before = (x?.evidence ?? []).map(EvidenceItem.init)
      let after = (y?.evidence ?? []).map(EvidenceItem.init)
      out.append(
        FieldEvidenceChange(
          field: rows[row].id, score: Change(old: x?.score, new: y?.score),
          added: after.filter { !before.contains($0) }, removed: before.filter { !after.contains($0) }))
    }
    return out
  }

  private func report(
    portfolio: String, _ counts: Counts, _ examples: ExampleKeeper, _ documents: Int, _ unreadable: Int
  ) -> DiffImpact {
    var areas: [DiffImpact.NodeCount] = []
    var fields: [DiffImpact.NodeCount] = []
    for (r, row) in rows.enumerated() where counts.old[r] > 0 || counts.new[r] > 0 {
      let count = DiffImpact.NodeCount(
        id: row.id, oldID: row.oldID, name: row.name, old: counts.old[r], new: counts.new[r],
        gained: counts.gained[r], lost: counts.lost[r])
      if row.kind == .area { areas.append(count) } else { fields.append(count) }
    }
    var levels: [DiffImpact.LevelShift] = []
    for from in DocumentLevel.allCases {
      for to in DocumentLevel.allCases where from != to {
        let n = counts.levels[from.rank * 4 + to.rank]
        if n > 0 { levels.append(DiffImpact.LevelShift(from: from, to: to, documents: n)) }
      }
    }
    var triage: [DiffImpact.TriageShift]?
    if screening != nil {
      triage = []
      for from in TriageLevel.allCases {
        for to in TriageLevel.allCases where from != to {
          let n = counts.triage[from.rank * 4 + to.rank]
          if n > 0 { triage?.append(DiffImpact.TriageShift(from: from, to: to, documents: n)) }
        }
      }
    }
    return DiffImpact(
      portfolio: portfolio, documents: documents, unreadable: unreadable, changed: counts.changed,
      classified: Change(old: counts.classifiedOld, new: counts.classifiedNew), areas: areas,
      fields: fields, levels: levels, examples: examples.best, triage: triage,
      unscreened: screening == nil ? nil : counts.unscreened)
  }
}

/// The most changed documents seen so far (level steps first, then input order).
private struct ExampleKeeper {
  let limit: Int
  private var kept: [(order: Int, change: DocumentChange)] = []

  init(limit: Int) { self.limit = limit }

  mutating func keep(_ change: DocumentChange, order: Int) {
    guard limit > 0 else { return }
    kept.append((order, change))
    if kept.count > limit * 4 { trim() }
  }

  private mutating func trim() {
    kept.sort { $0.change.weight != $1.change.weight ? $0.change.weight > $1.change.weight : $0.order < $1.order }
    if kept.count > limit { kept.removeLast(kept.count - limit) }
  }

  var best: [DocumentChange] {
    var copy = self
    copy.trim()
    return copy.kept.map(\.change)
  }
}

/// Tallies per row and per level pair.
private struct Counts: Sendable {
  var old: [Int]
  var new: [Int]
  var gained: [Int]
  var lost: [Int]
  var levels = Array(repeating: 0, count: 16)
  /// Triage pairs (old rank × 4 + new rank), when screened.
  var triage = Array(repeating: 0, count: 16)
  var unscreened = 0
  var classifiedOld = 0
  var classifiedNew = 0
  var changed = 0

  init(rows: Int) {
    old = Array(repeating: 0, count: rows)
    new = old
    gained = old
    lost = old
  }

  mutating func add(_ other: Counts) {
    for i in old.indices {
      old[i] += other.old[i]
      new[i] += other.new[i]
      gained[i] += other.gained[i]
      lost[i] += other.lost[i]
    }
    for i in levels.indices { levels[i] += other.levels[i] }
    for i in triage.indices { triage[i] += other.triage[i] }
    unscreened += other.unscreened
    classifiedOld += other.classifiedOld
    classifiedNew += other.classifiedNew
  }
}

