import DualScope
import Foundation
import GRDB

/// Writes a batch run into a new SQLite database, atomically: built in a temporary file beside
/// the target and renamed over it at the end, so a killed run leaves no half database under the
/// final name.
///
/// Tables (one run per database):
/// - `runs`: the run's metadata (taxonomy id, release, content hash, tool version, options as
///   JSON, counts, start and end time);
/// - `documents`: one row per result line (`doc` is its 1-based position among them), with the
///   carried columns as columns of their own;
/// - `assignments`: one row per assigned area or field of a document, with score, level and rank;
/// - `evidence`: one row per match behind an assigned field, with its byte span and text;
/// - `triage`, `triage_regimes`, `triage_organisations`: when the run screens, each document's
///   triage level, the regimes that bear on it and its organisation-list hits;
/// - `errors`: the error records.
/// Indexes on document ID, status, level, assigned node and evidence term.
public final class SQLiteResultWriter: BatchSink {
  public let encoding = BatchEncoding.lines
  public let path: String
  private let temporaryPath: String
  private var queue: DatabaseQueue?
  private let carryColumns: [String]
  private var nextError = 1
  private var nextDocument = 1

  /// Columns of `documents` that a carried column may not take; such a column gets `carry_`.
  static let documentColumns: Set<String> = [
    "doc", "id", "source", "line", "status", "level", "words", "invalid_utf8", "area_count", "field_count",
  ]

  /// Creates the database's tables in a temporary file beside `path`.
  public init(path: String, carry: [String]) throws {
    // A database is built in a file and renamed into place: never over a device or a pipe.
    if AtomicOutputFile.isSpecialFile(path) {
      throw AtomicOutputFile.WriteError(
        description: "cannot write a SQLite database to '\(path)': it is not a regular file", brokenPipe: false)
    }
    self.path = path
    self.carryColumns = carry
    temporaryPath = AtomicOutputFile.temporaryName(for: path)
    unlink(temporaryPath)
    AtomicOutputFile.register(temporaryPath)
    let queue = try DatabaseQueue(path: temporaryPath)
    self.queue = queue
    let carried = carry.map { ", \(Self.quote(Self.columnName($0))) TEXT" }.joined()
    try queue.writeWithoutTransaction { db in
      // The file is private until renamed: no journal, no syncs while it is built.
      try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
      try db.execute(
        sql: """
          CREATE TABLE runs (
            id INTEGER PRIMARY KEY, schema TEXT NOT NULL, tool TEXT NOT NULL, tool_version TEXT NOT NULL,
            taxonomy_id TEXT NOT NULL, taxonomy_version TEXT NOT NULL, taxonomy_content_hash TEXT NOT NULL,
            options TEXT NOT NULL, inputs TEXT NOT NULL, records INTEGER NOT NULL, documents INTEGER NOT NULL,
            classified INTEGER NOT NULL, unclassified INTEGER NOT NULL, errors INTEGER NOT NULL,
            invalid_utf8 INTEGER NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
            seconds REAL NOT NULL, metadata TEXT NOT NULL);
          CREATE TABLE documents (
            doc INTEGER PRIMARY KEY, id TEXT NOT NULL, source TEXT NOT NULL, line INTEGER NOT NULL,
            status TEXT NOT NULL, level TEXT NOT NULL, words INTEGER NOT NULL, invalid_utf8 INTEGER NOT NULL,
            area_count INTEGER NOT NULL, field_count INTEGER NOT NULL\(carried));
          CREATE TABLE assignments (
            doc INTEGER NOT NULL REFERENCES documents(doc), kind TEXT NOT NULL, node_id TEXT NOT NULL,
            area_id TEXT NOT NULL, name TEXT NOT NULL, score REAL NOT NULL, threshold REAL NOT NULL,
            sensitivity TEXT, level TEXT NOT NULL, rank INTEGER NOT NULL, probability REAL);
          CREATE TABLE evidence (
            doc INTEGER NOT NULL REFERENCES documents(doc), field_id TEXT NOT NULL, term TEXT NOT NULL,
            language TEXT NOT NULL, weight REAL NOT NULL, contribution REAL NOT NULL, weak INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL);
          CREATE TABLE triage (doc INTEGER PRIMARY KEY REFERENCES documents(doc), level TEXT NOT NULL);
          CREATE TABLE triage_regimes (
            doc INTEGER NOT NULL REFERENCES documents(doc), regime_id TEXT NOT NULL, status TEXT NOT NULL,
            level TEXT NOT NULL);
          CREATE TABLE triage_organisations (
            doc INTEGER NOT NULL REFERENCES documents(doc), partner TEXT NOT NULL, list TEXT NOT NULL,
            organisation TEXT NOT NULL, alias TEXT NOT NULL, level TEXT NOT NULL);
          CREATE TABLE errors (
            error INTEGER PRIMARY KEY, source TEXT NOT NULL, line INTEGER NOT NULL, id TEXT, reason TEXT NOT NULL);
          """)
    }
  }

  /// The column a carried column becomes.
  static func columnName(_ carried: String) -> String {
    documentColumns.contains(carried.lowercased()) ? "carry_" + carried : carried
  }

  static func quote(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

  public func write(_ chunk: ProcessedChunk, errors chunkErrors: [DualScope.RecordError]) throws {
    guard let queue else { return }
    let carryCount = carryColumns.count
    try queue.write { db in
      let documents = try db.cachedStatement(
        sql: "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?" + String(repeating: ",?", count: carryCount) + ")")
      let assignments = try db.cachedStatement(sql: "INSERT INTO assignments VALUES (?,?,?,?,?,?,?,?,?,?,?)")
      let evidence = try db.cachedStatement(sql: "INSERT INTO evidence VALUES (?,?,?,?,?,?,?,?,?,?,?)")
      let errors = try db.cachedStatement(sql: "INSERT INTO errors VALUES (?,?,?,?,?)")
      let triage = try db.cachedStatement(sql: "INSERT INTO triage VALUES (?,?)")
      let triageRegimes = try db.cachedStatement(sql: "INSERT INTO triage_regimes VALUES (?,?,?,?)")
      let triageOrganisations = try db.cachedStatement(sql: "INSERT INTO triage_organisations VALUES (?,?,?,?,?,?)")
      for d in chunk.lines {
        let c = d.classification
        let doc = nextDocument
        nextDocument += 1
        var values: [(any DatabaseValueConvertible)?] = [
          doc, d.id, d.source, d.line, c.status.rawValue, c.level.rawValue, c.words, d.invalidUTF8,
          c.areas.count, c.fields.count,
        ]
        values += carryColumns.map { d.carried($0) }
        try documents.execute(arguments: StatementArguments(values))
        if let s = d.screening {
          try triage.execute(arguments: [doc, s.triage.level.rawValue])
          for r in s.regimes { try triageRegimes.execute(arguments: [doc, r.id, r.status.rawValue, r.level.rawValue]) }
          for o in s.organisations {
            try triageOrganisations.execute(arguments: [doc, o.partner, o.list, o.organisation, o.alias, o.level.rawValue])
          }
        }
        for (rank, a) in c.areas.enumerated() {
          try assignments.execute(arguments: [
            doc, "area", a.id, a.id, a.name, a.score, a.threshold, nil, a.level.rawValue, rank + 1, a.probability,
          ])
        }
        for (rank, f) in c.fields.enumerated() {
          try assignments.execute(arguments: [
            doc, "field", f.id, f.area, f.name, f.score, f.threshold, f.sensitivity.rawValue, f.level.rawValue, rank + 1,
            nil,
          ])
          for e in f.evidence {
            for m in e.matches {
              try evidence.execute(arguments: [
                doc, f.id, e.term, e.language, e.weight, e.contribution, e.weak, m.start, m.end, m.text, m.kind,
              ])
            }
          }
        }
      }
      for e in chunkErrors {
        try errors.execute(arguments: [nextError, e.source, e.line, e.id, e.message])
        nextError += 1
      }
    }
  }

  public func finish(_ metadata: BatchRunMetadata) throws {
    guard let queue else { return }
    let options = try ResultJSON.encode(metadata.metadata.options, pretty: false)
    let inputs = try ResultJSON.encode(metadata.batch.input.inputs, pretty: false)
    let whole = try ResultJSON.encode(metadata, pretty: false)
    let counts = metadata.counts
    try queue.write { db in
      try db.execute(
        sql: """
          CREATE INDEX documents_id ON documents(id);
          CREATE INDEX documents_status ON documents(status);
          CREATE INDEX documents_level ON documents(level);
          CREATE INDEX assignments_node ON assignments(node_id, doc);
          CREATE INDEX assignments_doc ON assignments(doc);
          CREATE INDEX evidence_doc ON evidence(doc);
          CREATE INDEX evidence_field_term ON evidence(field_id, term);
          """)
      try db.execute(
        sql: "INSERT INTO runs VALUES (1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        arguments: [
          metadata.schema, metadata.metadata.tool.name, metadata.metadata.tool.version,
          metadata.metadata.taxonomy.id, metadata.metadata.taxonomy.version, metadata.metadata.taxonomy.contentHash,
          options, inputs, counts.records, counts.documents, counts.classified, counts.unclassifiedTotal,
          counts.errors, counts.invalidUTF8, metadata.startedAt, metadata.finishedAt, metadata.seconds, whole,
        ])
    }
    try queue.close()
    self.queue = nil
    try AtomicOutputFile.moveIntoPlace(temporaryPath, path)
  }

  public func abort() {
    try? queue?.close()
    queue = nil
    unlink(temporaryPath)
    AtomicOutputFile.unregister(temporaryPath)
  }
}
