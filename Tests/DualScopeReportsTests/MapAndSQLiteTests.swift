import DualScope
import DualScopeReports
import DualScopeSQLite
import DualScopeTestSupport
import Foundation
import XCTest

/// The SQLite writer and the institution map over real batch runs.
final class MapAndSQLiteTests: XCTestCase {
  var folder: TemporaryFolder!

  override func setUpWithError() throws { folder = try TemporaryFolder("ds-reports") }
  override func tearDown() { folder.remove() }

  func testSQLiteHoldsRunsDocumentsAssignmentsAndEvidence() throws {
    let input = try ReportFixtures.portfolio(200, in: folder)
    let db = folder.path("r.sqlite")
    let r = try ReportFixtures.runner(input, threads: 2)
    let summary = try r.run(try r.open(), into: try SQLiteResultWriter(path: db, carry: ["dept"]))
    let query = Process()
    query.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    query.arguments = [
      db,
      "SELECT count(*) FROM documents; SELECT records, errors, taxonomy_id FROM runs; "
        + "SELECT count(DISTINCT doc) FROM assignments WHERE node_id = 'quantum'; "
        + "SELECT count(*) FROM assignments WHERE level NOT IN ('low', 'elevated', 'high'); "
        + "SELECT count(*) > 0 FROM evidence WHERE term = 'qubit'; SELECT count(*) FROM errors; "
        + "SELECT count(*) FROM assignments WHERE probability IS NOT NULL;",
    ]
    let pipe = Pipe()
    query.standardOutput = pipe
    guard FileManager.default.fileExists(atPath: "/usr/bin/sqlite3") else { throw XCTSkip("no sqlite3") }
    try query.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    query.waitUntilExit()
    let lines = out.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines[0], String(summary.counts.documents))
    XCTAssertEqual(lines[1], "200|\(summary.counts.errors)|test-taxonomy")
    XCTAssertEqual(lines[2], String(summary.counts.areas["quantum"] ?? -1))
    XCTAssertEqual(lines[3], "0")
    XCTAssertEqual(lines[4], "1")
    XCTAssertEqual(lines[5], String(summary.counts.errors))
    XCTAssertEqual(lines[6], "0", "an uncalibrated release has no probabilities")
  }

  func testMapCountsSharesAndLevels() throws {
    let input = try ReportFixtures.portfolio(300, in: folder)
    let r = try ReportFixtures.runner(input, threads: 2)
    let sink = CollectingSink()
    _ = try r.run(try r.open(), into: sink)
    var builder = InstitutionMapBuilder(taxonomy: r.classifier.taxonomy, unitColumns: ["dept"])
    for d in sink.lines { builder.add(d) }
    let map = builder.build()
    XCTAssertEqual(map.rows.map(\.label), ["D0", "D1", "D2"])
    XCTAssertEqual(map.total.documents, sink.lines.count)
    let quantum = map.columns.firstIndex { $0.id == "quantum" }!
    XCTAssertEqual(map.rows.map { $0.cells[quantum].count }.reduce(0, +), map.total.cells[quantum].count)
    XCTAssertEqual(map.total.cells[quantum].highest, .high)
    XCTAssertLessThanOrEqual(map.total.cells[quantum].top.count, 5)
    let html = MapHTMLRenderer.render(map)
    XCTAssertTrue(html.contains("<svg"))
    XCTAssertFalse(html.contains("src=") || html.contains("<link"), "the report must be self-contained")
  }
}

extension MapAndSQLiteTests {
  /// A batch result read back by the map gives each unit and area the same highest level as the
  /// result lines themselves: levels are computed once, by the classifier.
  func testMapOfABatchResultKeepsTheLevelsOfItsLines() throws {
    let input = try ReportFixtures.portfolio(500, in: folder)
    let r = try ReportFixtures.runner(input, threads: 2)
    let out = folder.path("r.jsonl")
    _ = try r.run(try r.open(), into: try ResultFileWriter.jsonLines(path: out, metadataPath: nil, carry: ["dept"]))
    var fromFile = InstitutionMapBuilder(taxonomy: r.classifier.taxonomy, unitColumns: ["dept"])
    XCTAssertEqual(try fromFile.addResults(out), [])
    let map = fromFile.build()
    var expected: [String: DocumentLevel] = [:]
    var lines: [ResultLine] = []
    _ = try ResultLineReader.read(out) { lines.append($0) }
    for line in lines {
      for a in line.classification.areas {
        let key = line.carried("dept") + "|" + a.id
        expected[key] = max(expected[key] ?? .none, a.level)
      }
    }
    var seen = 0
    for row in map.rows {
      for (c, cell) in zip(map.columns, row.cells) where cell.count > 0 {
        XCTAssertEqual(cell.highest, expected[row.label + "|" + c.id], "\(row.label) × \(c.id)")
        seen += 1
      }
    }
    XCTAssertEqual(seen, expected.count)
    XCTAssertGreaterThan(seen, 3)
    // The same map straight from the portfolio.
    var direct = InstitutionMapBuilder(taxonomy: r.classifier.taxonomy, unitColumns: ["dept"])
    _ = try direct.add(portfolio: r.options.input, classifier: r.classifier)
    XCTAssertEqual(direct.build().rows, map.rows)
  }
}

extension MapAndSQLiteTests {
  /// Screened results: each unit counts its documents per triage level, keeps the ones at
  /// `check` or `consult`, and every renderer shows the triage columns; an unscreened map has none.
  func testAScreenedMapCountsTriageLevelsPerUnit() throws {
    let input = try ReportFixtures.portfolio(120, in: folder)
    let r = try ReportFixtures.runner(input, threads: 2)
    let sink = CollectingSink()
    _ = try r.run(try r.open(), into: sink)
    let levels: [TriageLevel] = [.none, .attention, .check, .consult]
    var plain = InstitutionMapBuilder(taxonomy: r.classifier.taxonomy, unitColumns: ["dept"])
    var screened = InstitutionMapBuilder(taxonomy: r.classifier.taxonomy, unitColumns: ["dept"])
    var expected: [String: [TriageLevel: Int]] = [:]
    for (k, line) in sink.lines.enumerated() {
      plain.add(line)
      var l = line
      let level = levels[k % 4]
      l.screening = ScreeningLine(
        triage: .init(level: level, reasons: []),
        regimes: level >= .check ? [.init(id: "eu-iran", status: .applies, level: level)] : [], organisations: [])
      screened.add(l)
      let unit = l.carried("dept").isEmpty ? "(none)" : l.carried("dept")
      expected[unit, default: [:]][level, default: 0] += 1
    }
    let map = screened.build()
    XCTAssertTrue(map.screened)
    XCTAssertFalse(plain.build().screened)
    for row in map.rows { XCTAssertEqual(row.triage, expected[row.label], row.label) }
    XCTAssertEqual(map.total.triage.values.reduce(0, +), sink.lines.count)
    for row in map.rows + [map.total] {
      XCTAssertTrue(row.triageProjects.allSatisfy { $0.level >= .check && $0.regimes == ["eu-iran"] })
      XCTAssertLessThanOrEqual(row.triageProjects.count, 5)
    }
    XCTAssertTrue(MapTableRenderer.text(map).contains("triage:consult"))
    XCTAssertTrue(MapTableRenderer.csv(map).contains(",triage:check,"))
    XCTAssertTrue(MapTableRenderer.markdown(map).contains("| triage:attention |"))
    XCTAssertTrue(MapHTMLRenderer.render(map).contains("triage: consult</th>"))
    XCTAssertTrue(MapHTMLRenderer.render(map).contains("not legal advice"))
    let unscreened = plain.build()
    XCTAssertFalse(MapTableRenderer.text(unscreened).contains("triage"))
    XCTAssertFalse(MapHTMLRenderer.render(unscreened).contains("triage"))
  }
}
