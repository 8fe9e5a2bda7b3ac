import Foundation

/// Classifies a portfolio with two releases and counts what changes.
///
/// Each record is read once and classified once per release; records are processed in windows,
/// each window spread over the available threads, and changed documents are handed out in input
/// order, so output does not depend on the number of threads. Feed records with ``add(_:changed:)``
/// (all at once or window by window from a streaming reader), then call ``report(portfolio:)``.
public struct ImpactAnalysis: Sendable {
  public let old: Classifier
  public let new: Classifier
  /// How many example documents the report keeps.
  public var exampleCount: Int
  public var threads: Int

  /// Rows: every new node (by its index), then old nodes without a partner in the new release.
  private let oldRow: [String: Int]
  private let newRow: [String: Int]
  private let rows: [(id: String, oldID: String?, name: String, kind: TaxonomyNode.Kind)]

  private var counts: Counts
  private var examples: [(order: Int, change: DocumentChange)] = []
  private var documents = 0
  private var unreadable = 0

  public init(old: Classifier, new: Classifier, examples: Int = 5, threads: Int? = nil) {
    self.old = old
    self.new = new
    self.exampleCount = examples
    self.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
    let a = old.taxonomy
    let b = new.taxonomy
    let lineage = Lineage(old: a, new: b)
    var rows: [(String, String?, String, TaxonomyNode.Kind)] = []
    var newRow: [String: Int] = [:]
    for (n, node) in b.nodes.enumerated() {
      let partner = lineage.newPartner[n].map { a.nodes[$0].id }
      rows.append((node.id, partner == node.id ? nil : partner, node.name.en, node.kind))
      newRow[node.id] = n
    }
    var oldRow: [String: Int] = [:]
    for (o, node) in a.nodes.enumerated() {
      if let n = lineage.oldPartner[o] {
        oldRow[node.id] = n
      } else {
        oldRow[node.id] = rows.count
        rows.append((node.id, nil, node.name.en, node.kind))
      }
    }
    self.rows = rows
    self.oldRow = oldRow
    self.newRow = newRow
    self.counts = Counts(rows: rows.count)
  }

  /// Records that could not be read, for the report.
  public mutating func addUnreadable(_ count: Int) { unreadable += count }

  /// Classifies records with both releases; `changed` sees every changed document in input order.
  public mutating func add(_ records: [PortfolioRecord], changed: (DocumentChange) -> Void) {
    let window = 2048 * threads
    var start = 0
    while start < records.count {
      let end = min(records.count, start + window)
      process(records[start..<end], changed)
      start = end
    }
  }

  private mutating func process(_ records: ArraySlice<PortfolioRecord>, _ changed: (DocumentChange) -> Void) {
    let parts = min(threads, max(1, records.count / 64))
    let results = ResultSlots<Part>(count: parts)
    let this = self
    let base = records.startIndex
    let size = (records.count + parts - 1) / parts
    DispatchQueue.concurrentPerform(iterations: parts) { p in
      let lower = base + p * size
      let upper = min(records.endIndex, lower + size)
      guard lower < upper else { return }
      results.store(p, this.classify(records[lower..<upper]))
    }
    for p in 0..<parts {
      guard let part = results.take(p) else { continue }
      counts.add(part.counts)
      for change in part.changed {
        counts.changed += 1
        changed(change)
        keepExample(change)
      }
    }
    documents += records.count
  }

  private mutating func keepExample(_ change: DocumentChange) {
    guard exampleCount > 0 else { return }
    examples.append((counts.changed, change))
    if examples.count > exampleCount * 4 { trimExamples() }
  }

  private mutating func trimExamples() {
    examples.sort { $0.change.weight != $1.change.weight ? $0.change.weight > $1.change.weight : $0.order < $1.order }
    if examples.count > exampleCount { examples.removeLast(examples.count - exampleCount) }
  }

  /// One part of a window: counts and changed documents.
  private struct Part: Sendable {
    var counts: Counts
    var changed: [DocumentChange]
  }

  private func classify(_ records: ArraySlice<PortfolioRecord>) -> Part {
    var part = Part(counts: Counts(rows: rows.count), changed: [])
    var oldScratch = ClassifierScratch()
    var newScratch = ClassifierScratch()
    for record in records {
      let a = old.classify(record.text, scratch: &oldScratch)
      let b = new.classify(record.text, scratch: &newScratch)
      let oldAreas = a.areas.map { oldRow[$0.id]! }
      let newAreas = b.areas.map { newRow[$0.id]! }
      let oldFields = a.fields.map { oldRow[$0.id]! }
      let newFields = b.fields.map { newRow[$0.id]! }
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
      guard a.level != b.level || !areasGained.isEmpty || !areasLost.isEmpty || !fieldsGained.isEmpty
        || !fieldsLost.isEmpty
      else { continue }
      part.changed.append(
        DocumentChange(
          id: record.id, source: record.source, line: record.line,
          level: Change(old: a.level, new: b.level),
          status: Change.between(a.status.rawValue, b.status.rawValue),
          areasGained: sortedIDs(areasGained), areasLost: sortedIDs(areasLost),
          fieldsGained: sortedIDs(fieldsGained), fieldsLost: sortedIDs(fieldsLost),
          evidence: evidenceChanges(a, b)))
    }
    return part
  }

  private func sortedIDs(_ rowIndices: [Int]) -> [String] { rowIndices.sorted().map { rows[$0].id } }

  /// Fields whose assignment or score differs, in row order, with the evidence each side lacks.
  private func evidenceChanges(_ a: Classification, _ b: Classification) -> [FieldEvidenceChange] {
    var byRow: [Int: (FieldScore?, FieldScore?)] = [:]
    for f in a.fields { byRow[oldRow[f.id]!, default: (nil, nil)].0 = f }
    for f in b.fields { byRow[newRow[f.id]!, default: (nil, nil)].1 = f }
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

  /// The counts so far as a report.
  public func report(portfolio: String) -> DiffImpact {
    var copy = self
    copy.trimExamples()
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
    return DiffImpact(
      portfolio: portfolio, documents: documents, unreadable: unreadable, changed: counts.changed,
      classified: Change(old: counts.classifiedOld, new: counts.classifiedNew), areas: areas,
      fields: fields, levels: levels, examples: copy.examples.map(\.change))
  }
}

/// Tallies per row and per level pair.
private struct Counts: Sendable {
  var old: [Int]
  var new: [Int]
  var gained: [Int]
  var lost: [Int]
  var levels = Array(repeating: 0, count: 16)
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
    classifiedOld += other.classifiedOld
    classifiedNew += other.classifiedNew
  }
}

/// One slot per concurrent part; each slot is written by one part and read after all finish.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
  private var slots: [T?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func store(_ index: Int, _ value: T) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  func take(_ index: Int) -> T? {
    lock.lock()
    defer { lock.unlock() }
    return slots[index]
  }
}
