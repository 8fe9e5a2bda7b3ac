import DualScope
import Foundation

/// "Where does sensitive knowledge sit in our institution?": a matrix of organisational units
/// (nested when several unit columns are given) × areas, or × the fields of one area, with the
/// count, share and highest level of each cell and the top projects behind it.
public struct InstitutionMap: Sendable {
  /// A column of the matrix: an area, or a field of the chosen area.
  public struct Column: Sendable, Hashable {
    public var id: String
    public var name: String
  }

  /// One project behind a cell, with the evidence terms that put it there.
  public struct Project: Sendable, Hashable {
    public var id: String
    public var score: Double
    public var level: DocumentLevel
    public var terms: [String]
  }

  /// One unit × column: documents, their share, the highest level, the top projects.
  public struct Cell: Sendable, Hashable {
    public var count = 0
    /// Share of the unit's documents.
    public var share = 0.0
    public var highest = DocumentLevel.none
    /// The highest-scoring projects, best first.
    public var top: [Project] = []
  }

  /// A unit: its path (faculty, department ...), depth in the nesting, and cells.
  public struct Row: Sendable, Hashable {
    public var unit: [String]
    public var documents = 0
    public var cells: [Cell]
    public var depth: Int { unit.count - 1 }
    public var label: String { unit.last ?? "" }
    /// Documents assigned at least one column.
    public var flagged = 0
    /// Screened documents at each triage level (`consult`, `check`, `attention`, `none`), when
    /// the results carry a screening.
    public var triage: [TriageLevel: Int] = [:]
    /// Screened documents at `consult` or `check`, best first: the ones to look at.
    public var triageProjects: [TriagedProject] = []
  }

  /// A screened document whose triage asks for a step.
  public struct TriagedProject: Sendable, Hashable {
    public var id: String
    public var level: TriageLevel
    /// The regimes that apply or may apply, and the lists that named a partner.
    public var regimes: [String]
  }

  public var unitColumns: [String]
  /// `nil`: the columns are areas; else the area whose fields they are.
  public var area: String?
  public var columns: [Column]
  /// Units in order, each parent before its children.
  public var rows: [Row]
  public var total: Row
  public var metadata: ResultMetadata?
  /// Whether the documents were screened: the renderers then add triage columns.
  public var screened = false
}

/// Builds an ``InstitutionMap`` document by document, so a large result streams through.
public struct InstitutionMapBuilder {
  public let unitColumns: [String]
  public let area: String?
  public let columns: [InstitutionMap.Column]
  public var topCount = 5
  private var rows: [[String]: InstitutionMap.Row] = [:]
  private var total: InstitutionMap.Row
  private let columnIndex: [String: Int]
  private var screened = false

  /// Columns are the taxonomy's areas, or with `area` the fields of that area (sub-fields
  /// count in their field). Cell levels are the levels the classifier stored in each result.
  public init(taxonomy: Taxonomy, unitColumns: [String], area: String? = nil) {
    self.unitColumns = unitColumns
    self.area = area
    if let area {
      columns = taxonomy.children(of: area).map { .init(id: $0.id, name: $0.name.en) }
    } else {
      columns = taxonomy.areas.map { .init(id: $0.id, name: $0.name.en) }
    }
    var index: [String: Int] = [:]
    for (i, c) in columns.enumerated() { index[c.id] = i }
    columnIndex = index
    total = InstitutionMap.Row(unit: ["all"], cells: Array(repeating: .init(), count: columns.count))
  }

  /// One document's contribution to a column: (column, score, level, terms).
  public struct Hit: Sendable {
    public var column: String
    public var score: Double
    public var level: DocumentLevel
    public var terms: [String]

    public init(column: String, score: Double, level: DocumentLevel, terms: [String]) {
      self.column = column
      self.score = score
      self.level = level
      self.terms = terms
    }
  }

  /// The hits of a classified document for the map's columns.
  public func hits(_ c: Classification) -> [Hit] {
    if let area {
      var out: [Hit] = []
      for f in c.fields where f.area == area {
        let column = columnIndex[f.id] != nil ? f.id : columns.first { f.id.hasPrefix($0.id + ".") }?.id
        guard let column else { continue }
        out.append(Hit(column: column, score: f.score, level: f.level, terms: f.evidence.prefix(3).map(\.term)))
      }
      return out
    }
    return c.areas.map { a in
      var terms: [String] = []
      for f in c.fields where f.area == a.id {
        for e in f.evidence where !terms.contains(e.term) { terms.append(e.term) }
      }
      return Hit(column: a.id, score: a.score, level: a.level, terms: Array(terms.prefix(4)))
    }
  }

  /// Adds one document, by its units (one value per unit column), hits and screening.
  public mutating func add(id: String, units: [String], hits: [Hit], screening: ScreeningLine? = nil) {
    let path = units.map { $0.isEmpty ? "(none)" : $0 }
    if screening != nil { screened = true }
    add(id: id, hits: hits, screening: screening, to: &total)
    for depth in 1...max(1, path.count) where depth <= path.count {
      let key = Array(path.prefix(depth))
      var row = rows[key] ?? InstitutionMap.Row(unit: key, cells: Array(repeating: .init(), count: columns.count))
      add(id: id, hits: hits, screening: screening, to: &row)
      rows[key] = row
    }
  }

  private func add(id: String, hits: [Hit], screening: ScreeningLine?, to row: inout InstitutionMap.Row) {
    row.documents += 1
    if let s = screening {
      row.triage[s.triage.level, default: 0] += 1
      if s.triage.level >= .check {
        let names = s.regimes.filter { $0.level > .none }.map(\.id) + s.organisations.map(\.list)
        var projects = row.triageProjects
        projects.append(.init(id: id, level: s.triage.level, regimes: names.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }))
        projects.sort { $0.level != $1.level ? $0.level > $1.level : $0.id < $1.id }
        if projects.count > topCount { projects.removeLast() }
        row.triageProjects = projects
      }
    }
    var any = false
    for h in hits {
      guard let i = columnIndex[h.column] else { continue }
      any = true
      row.cells[i].count += 1
      row.cells[i].highest = max(row.cells[i].highest, h.level)
      var top = row.cells[i].top
      top.append(.init(id: id, score: h.score, level: h.level, terms: h.terms))
      top.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
      if top.count > topCount { top.removeLast() }
      row.cells[i].top = top
    }
    if any { row.flagged += 1 }
  }

  /// The finished map: units sorted by name, parents before children, shares computed.
  public func build(metadata: ResultMetadata? = nil) -> InstitutionMap {
    func finish(_ r: InstitutionMap.Row) -> InstitutionMap.Row {
      var r = r
      for i in r.cells.indices { r.cells[i].share = r.documents == 0 ? 0 : Double(r.cells[i].count) / Double(r.documents) }
      return r
    }
    let ordered = rows.keys.sorted { a, b in a.lexicographicallyPrecedes(b) }.map { finish(rows[$0]!) }
    return InstitutionMap(
      unitColumns: unitColumns, area: area, columns: columns, rows: ordered, total: finish(total), metadata: metadata,
      screened: screened)
  }
}

extension InstitutionMapBuilder {
  /// Adds a result line; the unit columns must have been carried.
  public mutating func add(_ d: ResultLine) {
    add(id: d.id, units: unitColumns.map { d.carried($0) }, hits: hits(d.classification), screening: d.screening)
  }

  /// Classifies a portfolio through the pipeline (carrying the unit columns), screens it when
  /// asked, and adds every result; returns the records that could not be read or screened.
  public mutating func add(
    portfolio input: PortfolioInput, classifier: Classifier, screening: PortfolioScreening? = nil
  ) throws -> [RecordError] {
    var input = input
    for c in unitColumns where !input.layout.carryColumns.contains(c) { input.layout.carryColumns.append(c) }
    let runner = BatchRunner(classifier: classifier, options: BatchOptions(input: input), screening: screening)
    let sink = CollectingSink()
    _ = try runner.run(try runner.open(), into: sink)
    for line in sink.lines { add(line) }
    return sink.errors
  }

  /// Adds every line of a `batch` JSONL result; returns the lines that are not result lines.
  /// The first line must carry the unit columns.
  public mutating func addResults(_ path: String) throws -> [RecordError] {
    var checked = false
    var builder = self
    let problems = try ResultLineReader.read(path) { result in
      if !checked {
        checked = true
        let missing = unitColumns.filter { result.carried[$0] == nil }
        if !missing.isEmpty {
          throw SetupError(
            .missingColumns,
            "the results carry no " + missing.map { "'\($0)'" }.joined(separator: ", ") + "; they carry: "
              + (result.carried.keys.sorted().joined(separator: ", ").nonEmpty ?? "(nothing)")
              + " (run batch with --carry-columns)", file: path)
        }
      }
      builder.add(result)
    }
    self = builder
    return problems
  }
}

extension String {
  fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
