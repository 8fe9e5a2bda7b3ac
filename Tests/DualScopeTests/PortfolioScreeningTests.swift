import DualScopeTestSupport
import Foundation
import XCTest

@testable import DualScope

/// Screening a portfolio in `batch`: the screening columns of every record, the triage on each
/// result line equal to screening the record on its own, error records for cells that cannot be
/// used, and the line's hand encoding equal to its Codable form.
final class PortfolioScreeningTests: XCTestCase {
  static let columns = ScreeningColumns(
    partnerCountry: "partner_countries", partnerOrganisation: "partner_orgs", nationality: "nationality",
    funding: "funding")

  func screening(_ date: String) throws -> PortfolioScreening {
    PortfolioScreening(
      screener: try ScreeningCaseTableTests.screener.get(), columns: Self.columns, date: try XCTUnwrap(CalendarDay(date)))
  }

  /// Runs `bytes` (JSONL or CSV) through a batch with screening; the lines and error records.
  func run(_ bytes: String, format: InputFormat, date: String = "2026-12-01", threads: Int = 2) throws
    -> (lines: [ResultLine], errors: [RecordError], counts: BatchCounts)
  {
    let sink = CollectingSink()
    let counts = try run(bytes, format: format, date: date, threads: threads, into: sink)
    return (sink.lines, sink.errors, counts)
  }

  func run(_ bytes: String, format: InputFormat, date: String = "2026-12-01", threads: Int = 2, into sink: BatchSink) throws
    -> BatchCounts
  {
    var input = PortfolioInput(
      inputs: ["cases"], inputFormat: format, layout: RecordLayout(idColumn: "id", textColumns: ["text"]),
      threads: threads)
    input.chunkBytes = 512
    let runner = BatchRunner(
      classifier: try ScreeningCaseTableTests.classifier.get(), options: BatchOptions(input: input),
      screening: try screening(date))
    let opened = try OpenedInput.inMemory(Array(bytes.utf8), name: "cases", format: format, layout: runner.options.input.layout)
    let summary = try runner.run([opened], into: sink)
    XCTAssertTrue(summary.counts.balanced)
    XCTAssertNotNil(summary.metadata.screening)
    return summary.counts
  }

  /// The cases as JSONL portfolio rows.
  static func rows(_ cases: [ScreeningCaseTableTests.Case]) throws -> String {
    var jsonl = ""
    for c in cases {
      let object: [String: Any] = [
        "id": c.id, "text": c.text, "partner_countries": c.partnerCountries, "partner_orgs": c.partnerOrgs,
        "nationality": c.nationality ?? "", "funding": c.funding ?? "",
      ]
      jsonl += String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self) + "\n"
    }
    return jsonl
  }

  /// Every case of the screening table, as portfolio rows grouped by date: the batch line's
  /// triage is the case's expected level and regimes, as `screen` gives them one by one.
  func testEveryScreeningCaseGivesTheSameTriageInABatch() throws {
    let cases = try ScreeningCaseTableTests.loadCases()
    var checked = 0
    for date in Set(cases.map(\.date)).sorted() {
      let group = cases.filter { $0.date == date }
      var jsonl = ""
      for c in group {
        let object: [String: Any] = [
          "id": c.id, "text": c.text, "partner_countries": c.partnerCountries, "partner_orgs": c.partnerOrgs,
          "nationality": c.nationality ?? NSNull(), "funding": c.funding ?? NSNull(),
        ]
        jsonl += String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self) + "\n"
      }
      let (lines, errors, counts) = try run(jsonl, format: .jsonl, date: date)
      XCTAssertEqual(errors, [])
      XCTAssertEqual(lines.map(\.id), group.map(\.id))
      XCTAssertEqual(counts.triage?.values.reduce(0, +), group.count)
      for (c, line) in zip(group, lines) {
        let s = try XCTUnwrap(line.screening, c.id)
        XCTAssertEqual(s.triage.level.rawValue, c.level, c.id)
        XCTAssertEqual(s.regimes.filter { $0.status == .applies }.map(\.id).sorted(), c.apply.sorted(), c.id)
        XCTAssertEqual(s.regimes.filter { $0.status == .mayApply }.map(\.id).sorted(), c.mayApply.sorted(), c.id)
        if let o = c.organisations {
          XCTAssertEqual(s.organisations.map { "\($0.list)/\($0.organisation)" }.sorted(), o.sorted(), c.id)
        }
        // The line is what screening the record alone gives.
        XCTAssertEqual(s, ScreeningLine(try ScreeningCaseTableTests.screen(c)), c.id)
        checked += 1
      }
    }
    XCTAssertEqual(checked, cases.count)
  }

  func testCellsInCSVAreSplitAndAnUnknownCountryIsAnErrorRecordWithItsRow() throws {
    let csv = """
      id,text,partner_countries,partner_orgs,nationality,funding
      a,"Uranium enrichment with gas centrifuges and reprocessing of spent nuclear fuel.","Germany; Iran",,,
      b,"A history of medieval trade routes and guild archives in Flanders.","CN, RU",,Iran,
      c,"We develop superconducting qubits and quantum error correction.",Chna,,,
      d,"We develop superconducting qubits and quantum error correction.",,"KHUT; Universiteit Leiden",,
      e,"We develop superconducting qubits and quantum error correction.",CA,,Narnia,

      """
    let (lines, errors, counts) = try run(csv, format: .csv)
    XCTAssertEqual(lines.map(\.id), ["a", "b", "d"])
    XCTAssertEqual(counts.records, 5)
    XCTAssertEqual(counts.errors, 2)
    XCTAssertEqual(errors.map(\.line), [4, 6])
    XCTAssertEqual(errors.map(\.kind), [.invalidValue, .invalidValue])
    XCTAssertEqual(errors.map(\.id), ["c", "e"])
    XCTAssertEqual(
      errors[0].message,
      "unknown country 'Chna' (did you mean 'China'?) in column 'partner_countries'; "
        + "give an ISO 3166-1 alpha-2 code or a country name")
    XCTAssertTrue(errors[1].message.hasPrefix("unknown country 'Narnia'"), errors[1].message)
    XCTAssertTrue(errors[1].message.contains("in column 'nationality'"), errors[1].message)

    XCTAssertEqual(lines[0].screening?.triage.level, .consult)
    XCTAssertEqual(lines[0].screening?.regimes.first { $0.id == "eu-iran" }?.status, .applies)
    // Two partner countries and a nationality with a history text: nothing raises the level.
    XCTAssertEqual(lines[1].screening?.triage.level, TriageLevel.none)
    // The organisation cell keeps each name whole; the alias on the fictional list is found.
    XCTAssertEqual(lines[2].screening?.organisations.map(\.organisation), ["kestrel-harbour-technology"])
    XCTAssertEqual(lines[2].screening?.organisations.map(\.partner), ["KHUT"])
  }

  /// The hand-written JSONL of a screened line decodes to the line itself, and the CSV has the
  /// triage columns.
  func testTheEncodedScreeningIsTheCodableForm() throws {
    let cases = try ScreeningCaseTableTests.loadCases().filter { $0.date == "2026-12-01" }
    let (lines, _, _) = try run(try Self.rows(cases), format: .jsonl)
    var chunk = ProcessedChunk()
    BatchEncoding.jsonLines(carry: []).encode(lines, into: &chunk)
    let decoded = try String(decoding: chunk.bytes, as: UTF8.self).split(separator: "\n").map {
      try JSONDecoder().decode(ResultLine.self, from: Data($0.utf8))
    }
    XCTAssertEqual(decoded, lines)
    XCTAssertTrue(lines.contains { $0.screening?.triage.reasons.contains { $0.regime == nil } ?? false })

    var csv = ProcessedChunk()
    BatchEncoding.csvRows(carry: [], screening: true, calibrated: false).encode(lines, into: &csv)
    let header = String(decoding: CSVResultWriter.header([], screening: true), as: UTF8.self)
    XCTAssertTrue(header.contains(",terms,triage_level,triage_regimes,triage_organisations,invalid_utf8"), header)
    let first = String(decoding: csv.bytes, as: UTF8.self).split(separator: "\n")[0]
    let s = try XCTUnwrap(lines[0].screening)
    XCTAssertTrue(
      first.contains(",\(s.triage.level.rawValue),\(s.regimes.map { "\($0.id):\($0.status.rawValue)" }.joined(separator: ";")),"),
      String(first))
  }

  /// A JSONL batch run writes each distinct screening once as JSON and copies it into every line
  /// that has it: the file decodes to the same lines as a run that keeps its lines, record for
  /// record, with every case three times over (so most lines come from the worker's memo).
  func testScreeningWrittenOnceIsTheScreeningOfEveryLine() throws {
    let cases = try ScreeningCaseTableTests.loadCases().filter { $0.date == "2026-12-01" }
    let rows = try Self.rows(cases + cases + cases)
    let expected = try run(rows, format: .jsonl, threads: 1).lines
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("screened-\(UUID().uuidString).jsonl").path
    defer {
      try? FileManager.default.removeItem(atPath: path)
      try? FileManager.default.removeItem(atPath: path + ".meta.json")
    }
    _ = try run(rows, format: .jsonl, threads: 1, into: try ResultFileWriter.jsonLines(path: path, metadataPath: nil, carry: []))
    let written = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
      try JSONDecoder().decode(ResultLine.self, from: Data($0.utf8))
    }
    XCTAssertEqual(written.count, 3 * cases.count)
    XCTAssertEqual(written, expected)
    XCTAssertTrue(written.contains { $0.screening?.triage.level == .consult })
  }

  /// The cases as CSV, each three times over and in a varied order, so a worker's reader gives
  /// the records whose screening fields repeat one set of cells and most lines come from the
  /// worker's memo tables: the JSON lines written (each new line from the bytes of its reasons,
  /// regimes and organisations) decode to the screening of the JSONL run, record for record.
  func testCSVRecordsWithRepeatedCellsGiveTheLinesOfTheJSONLRun() throws {
    let cases = try ScreeningCaseTableTests.loadCases().filter { $0.date == "2026-12-01" }
    let all = cases + cases.reversed() + cases
    let expected = try run(try Self.rows(all), format: .jsonl, threads: 1).lines
    func field(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    var csv = "id,text,partner_countries,partner_orgs,nationality,funding\n"
    for c in all {
      csv += [c.id, c.text, c.partnerCountries.joined(separator: "; "), c.partnerOrgs.joined(separator: "; "),
        c.nationality ?? "", c.funding ?? ""].map(field).joined(separator: ",") + "\n"
    }
    for threads in [1, 2] {
      let path = FileManager.default.temporaryDirectory.appendingPathComponent("screened-\(UUID().uuidString).jsonl").path
      defer {
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.removeItem(atPath: path + ".meta.json")
      }
      _ = try run(csv, format: .csv, threads: threads, into: try ResultFileWriter.jsonLines(path: path, metadataPath: nil, carry: []))
      let written = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
        try JSONDecoder().decode(ResultLine.self, from: Data($0.utf8))
      }
      XCTAssertEqual(written.map(\.id), expected.map(\.id))
      XCTAssertEqual(written.map(\.screening), expected.map(\.screening), "\(threads) threads")
      XCTAssertEqual(written.map(\.classification), expected.map(\.classification))
    }
  }

  /// A batch worker's chunk, screened with one joint scan for phrases and cues or with two scans:
  /// the same bytes, counts and error records, for JSON lines and for kept result lines; a record
  /// with an unknown country in the middle of the chunk gives its error record and no line.
  func testAChunkIsTheSameWithOrWithoutTheJointScan() throws {
    let cases = try ScreeningCaseTableTests.loadCases().filter { $0.date == "2026-12-01" }
    var records = cases.enumerated().map { n, c in
      PortfolioRecord(
        line: n + 2, source: "cases", id: c.id, text: c.text, labels: [], carried: [], hadInvalidUTF8: false,
        screening: ScreeningCells(
          partnerCountryCell: .list(c.partnerCountries), partnerOrganisationCell: .list(c.partnerOrgs),
          nationalityCell: c.nationality.map(RecordValue.text) ?? .null, fundingCell: c.funding.map(RecordValue.text) ?? .null))
    }
    records.insert(
      PortfolioRecord(
        line: 1000, source: "cases", id: "unknown-country", text: "Quantum sensing with nitrogen-vacancy centres.",
        labels: [], carried: [], hadInvalidUTF8: false, screening: ScreeningCells(partnerCountryCell: .text("Atlantis"))),
      at: records.count / 2)
    records += records
    let classifier = try ScreeningCaseTableTests.classifier.get()
    // The joint matcher built ahead, as the command line does while the classifier compiles.
    let prepared = try screening("2026-12-01").preparingJointScan(for: classifier.taxonomy)
    XCTAssertNotNil(prepared.preparedJointScan(matching: classifier.index.phrases))
    for encoding in [BatchEncoding.jsonLines(carry: []), .lines] {
      let joint = ClassifyWork(classifier: classifier, screening: try screening("2026-12-01"), encoding: encoding)
      let apart = ClassifyWork(
        classifier: classifier, screening: try screening("2026-12-01"), encoding: encoding, jointScan: false)
      let ahead = ClassifyWork(classifier: classifier, screening: prepared, encoding: encoding)
      var a = joint.makeScratch()
      var b = apart.makeScratch()
      var c = ahead.makeScratch()
      let one = joint.process(records, scratch: &a)
      let two = apart.process(records, scratch: &b)
      let three = ahead.process(records, scratch: &c)
      XCTAssertEqual(one.bytes, three.bytes)
      XCTAssertTrue(one.lines == three.lines)
      // Compared whole, reported short: a difference prints the first line that differs.
      let (a1, a2) = (one.bytes.split(separator: UInt8(ascii: "\n")), two.bytes.split(separator: UInt8(ascii: "\n")))
      XCTAssertEqual(a1.count, a2.count)
      if let n = a1.indices.first(where: { $0 < a2.count && a1[$0] != a2[$0] }) {
        XCTFail("line \(n + 1) differs: \(String(decoding: a1[n], as: UTF8.self).prefix(300))")
      }
      XCTAssertTrue(one.lines == two.lines, "\(encoding): kept result lines differ")
      XCTAssertEqual(one.counts, two.counts)
      XCTAssertEqual(one.errors, two.errors)
      XCTAssertEqual(one.errors.map(\.id), ["unknown-country", "unknown-country"])
      XCTAssertEqual(one.counts.documents + one.errors.count, records.count)
      if case .lines = encoding {
        XCTAssertEqual(one.lines.count, records.count - 2)
        XCTAssertTrue(one.lines.contains { $0.screening?.triage.level == .consult })
      } else {
        XCTAssertEqual(one.bytes.split(separator: UInt8(ascii: "\n")).count, records.count - 2)
      }
    }
  }

  /// A joint matcher built ahead for one release is not used by a classifier of another (its
  /// phrase IDs would not be the classifier's): the work builds its own.
  func testAJointScanPreparedForAnotherReleaseIsNotUsed() throws {
    let classifier = try ScreeningCaseTableTests.classifier.get()
    let other = try ShippedTaxonomy.load(version: "2024.1").taxonomy
    let prepared = try screening("2026-12-01").preparingJointScan(for: other)
    XCTAssertNil(prepared.preparedJointScan(matching: classifier.index.phrases))
    XCTAssertNotNil(prepared.preparedJointScan(matching: TaxonomyIndex.phrases(of: other)))
    XCTAssertEqual(TaxonomyIndex.phrases(of: classifier.taxonomy), classifier.index.phrases)
  }

  /// A nationality or a country column alone never raises the level, for any country.
  func testCountryColumnsAloneNeverRaiseTheLevel() throws {
    let screener = try ScreeningCaseTableTests.screener.get()
    var csv = "id,text,partner_countries,partner_orgs,nationality,funding\n"
    for c in screener.rules.countries.countries {
      csv += "\(c.code),A history of medieval trade routes and guild archives in Flanders.,\(c.code),,\(c.code),\n"
    }
    let (lines, errors, counts) = try run(csv, format: .csv)
    XCTAssertEqual(errors, [])
    XCTAssertEqual(lines.count, screener.rules.countries.countries.count)
    XCTAssertEqual(counts.triage, ["none": lines.count])
  }

  /// A raising measure's reasons name a person's nationality only when it is in the measure's
  /// scope, so records that differ only by nationalities outside it share the reasons written
  /// for the first (one reason a measure, not one a nationality); a nationality in its scope is
  /// named, and gets its own.
  func testANationalityOutsideAMeasuresScopeSharesItsReasons() throws {
    let screener = try ScreeningCaseTableTests.screener.get()
    let classifier = try ScreeningCaseTableTests.classifier.get()
    let text = "We build a superconducting quantum computer with qubit control electronics."
    let classification = classifier.classify(text)
    let scratch = ScreeningScratch()
    func line(_ nationality: String?) throws -> ScreeningLine {
      let input = ScreeningInput(
        partnerCountries: ["IR"], partnerOrganisations: [], nationality: nationality,
        date: try XCTUnwrap(CalendarDay("2026-12-01")))
      let line = screener.screenLine(text: text, classification: classification, input: input, scratch: scratch)
      // The memo tables give what screening the record afresh gives.
      XCTAssertEqual(line, ScreeningLine(screener.screen(text: text, classification: classification, input: input)))
      return line
    }
    let german = try line("DE")
    XCTAssertEqual(german.triage.level, .consult)
    let kept = scratch.reasonCount
    XCTAssertGreaterThan(kept, 0)
    let french = try line("FR")
    XCTAssertEqual(scratch.reasonCount, kept, "a second nationality outside every raising measure's scope")
    XCTAssertEqual(french.triage, german.triage)
    let iranian = try line("IR")
    XCTAssertGreaterThan(scratch.reasonCount, kept)
    XCTAssertTrue(iranian.triage.reasons.contains { $0.text.contains("nationality, Iran") }, "\(iranian.triage.reasons)")
    XCTAssertFalse(german.triage.reasons.contains { $0.text.contains("the person's nationality") })
  }
}
