/// How many records went where: the numbers of the summary, checked at the end of a run.
public struct BatchCounts: Sendable, Hashable, Codable {
  /// Records read, readable or not.
  public var records = 0
  /// Records written to the output.
  public var documents = 0
  public var classified = 0
  /// Unclassified documents by reason (`unclassified: no text` ...).
  public var unclassified: [String: Int] = [:]
  /// Error records.
  public var errors = 0
  /// Documents that held invalid UTF-8.
  public var invalidUTF8 = 0
  /// Documents assigned each area, by area ID.
  public var areas: [String: Int] = [:]
  /// Documents at each level.
  public var levels: [String: Int] = [:]
  /// Documents at each triage level, when the run screens.
  public var triage: [String: Int]?

  public init() {}

  enum CodingKeys: String, CodingKey {
    case records, documents, classified, unclassified, errors
    case invalidUTF8 = "invalid_utf8"
    case areas, levels, triage
  }

  /// All unclassified documents.
  public var unclassifiedTotal: Int { unclassified.values.reduce(0, +) }

  /// Every record is accounted for: records in = documents out + error records.
  public var balanced: Bool { records == documents + errors }

  /// A document with this classification (and triage level, when screened).
  mutating func add(_ c: Classification, invalidUTF8 invalid: Bool, triage level: TriageLevel?) {
    records += 1
    documents += 1
    if c.status.isClassified { classified += 1 } else { unclassified[c.status.rawValue, default: 0] += 1 }
    if invalid { invalidUTF8 += 1 }
    for i in c.areas.indices { areas[c.areas[i].id, default: 0] += 1 }
    levels[c.level.rawValue, default: 0] += 1
    if let level {
      if triage == nil { triage = [:] }
      triage![level.rawValue, default: 0] += 1
    }
  }

  /// `count` more documents at triage level `level` (counted by the caller, a chunk at a time:
  /// a dictionary update keyed by the level's name for every record was measurable).
  mutating func addTriage(_ level: TriageLevel, count: Int) {
    guard count > 0 else { return }
    if triage == nil { triage = [:] }
    triage![level.rawValue, default: 0] += count
  }

  mutating func addError() {
    records += 1
    errors += 1
  }

  mutating func merge(_ o: BatchCounts) {
    records += o.records
    documents += o.documents
    classified += o.classified
    errors += o.errors
    invalidUTF8 += o.invalidUTF8
    unclassified.merge(o.unclassified, uniquingKeysWith: +)
    areas.merge(o.areas, uniquingKeysWith: +)
    levels.merge(o.levels, uniquingKeysWith: +)
    if let t = o.triage { triage = (triage ?? [:]).merging(t, uniquingKeysWith: +) }
  }
}
