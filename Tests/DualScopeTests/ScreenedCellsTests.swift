import XCTest

@testable import DualScope

/// A record's screening cells worked out once per distinct set of cells and day: the same cells
/// give the same object, any difference in a cell, its kind or the day gives another, and what
/// they come to is what the inputs say.
final class ScreenedCellsTests: XCTestCase {
  func cells(
    _ partners: RecordValue = .null, _ organisations: RecordValue = .null, _ nationality: RecordValue = .null,
    _ funding: RecordValue = .null
  ) -> ScreeningCells {
    ScreeningCells(
      partnerCountryCell: partners, partnerOrganisationCell: organisations, nationalityCell: nationality,
      fundingCell: funding)
  }

  func testEqualCellsAreWorkedOutOnce() throws {
    let screener = try ScreeningCaseTableTests.screener.get()
    let scratch = ScreeningScratch()
    scratch.begin(screener)
    let day = try XCTUnwrap(CalendarDay("2026-01-15"))
    let first = try scratch.cells(
      cells(.text("Iran; DE"), .text("Kestrel Harbour Tech"), .text("kp"), .text(" Horizon Europe ")), date: day, screener
    ).get()
    // Built again from other strings with the same bytes: the same object.
    let again = try scratch.cells(
      cells(.text(["Iran", "DE"].joined(separator: "; ")), .text("Kestrel Harbour" + " Tech"), .text("kp"),
        .text(" Horizon Europe ")), date: day, screener
    ).get()
    XCTAssertTrue(first === again)
    XCTAssertEqual(first.input.partnerCountries, ["IR", "DE"])
    XCTAssertEqual(first.input.nationality, "KP")
    XCTAssertEqual(first.input.funding, "Horizon Europe")
    XCTAssertEqual(first.input.date, day)
    XCTAssertEqual(first.partners, ["IR", "DE"].map { screener.rules.countries.index(code: $0)! })
    XCTAssertEqual(first.nationality, screener.rules.countries.index(code: "KP"))
    XCTAssertEqual(first.hits.map(\.organisation), ["kestrel-harbour-technology"])
    XCTAssertEqual(first.listHit.filter { $0 }.count, 1)

    // Each difference is a set of cells of its own.
    var seen = [ObjectIdentifier(first)]
    let others: [(ScreeningCells, CalendarDay)] = [
      (cells(.text("Iran;DE"), .text("Kestrel Harbour Tech"), .text("kp"), .text(" Horizon Europe ")), day),
      (cells(.list(["Iran", "DE"]), .text("Kestrel Harbour Tech"), .text("kp"), .text(" Horizon Europe ")), day),
      (cells(.text("Iran; DE"), .text("Kestrel Harbour Tech"), .null, .text(" Horizon Europe ")), day),
      (cells(.text("Iran; DE"), .text("Kestrel Harbour Tech"), .text("kp"), .text(" Horizon Europe ")),
        try XCTUnwrap(CalendarDay("2025-09-29"))),
      // Zürich with a combining diaeresis: equal as a Swift string, other bytes.
      (cells(.text("CH"), .text("ETH Zu\u{308}rich")), day),
      (cells(.text("CH"), .text("ETH Z\u{FC}rich")), day),
    ]
    for (c, d) in others {
      let made = try scratch.cells(c, date: d, screener).get()
      XCTAssertFalse(seen.contains(ObjectIdentifier(made)), "\(c) on \(d)")
      seen.append(ObjectIdentifier(made))
      XCTAssertTrue(try scratch.cells(c, date: d, screener).get() === made, "\(c) on \(d)")
    }
    XCTAssertEqual(try scratch.cells(others[1].0, date: day, screener).get().input.partnerCountries, ["IR", "DE"])
  }

  /// Sets of cells whose differences no measure reads share one outcome table: partners no
  /// regime names, their order, spaces and separators. A partner, a nationality or a day a
  /// measure reads gives a table of its own, and every table is the one worked out afresh.
  func testCellsThatDifferOnlyInWhatNoMeasureReadsShareTheirOutcomes() throws {
    let screener = try ScreeningCaseTableTests.screener.get()
    let scratch = ScreeningScratch()
    scratch.begin(screener)
    let day = try XCTUnwrap(CalendarDay("2026-01-15"))
    // Two countries no measure names as a nationality (most of the table).
    let table = screener.rules.countries.countries
    let unnamed = table.indices.filter { !screener.nationalityMatters[$0] }.prefix(2).map { table[$0].code }
    XCTAssertEqual(unnamed.count, 2)
    let consortia = ["DE; FR; CN", "CN | IT", "Italy, Spain, China, Portugal", "NL;BE;DK;China;SE;FI"]
    let shared = try consortia.map { try scratch.cells(cells(.text($0)), date: day, screener).get() }
    XCTAssertEqual(Set(shared.map { ObjectIdentifier($0) }).count, consortia.count)
    XCTAssertEqual(scratch.outcomeTableCount, 1)
    for c in shared { XCTAssertEqual(c.outcomes, ScreenedCells.outcomeTable(c, screener)) }
    let others: [(ScreeningCells, CalendarDay)] = [
      (cells(.text("DE; FR")), day),
      (cells(.text("DE; FR; CN; IR")), day),
      (cells(.text("DE; FR; CN"), .null, .text("KP")), day),
      (cells(.text("DE; FR; CN"), .null, .text(unnamed[0])), day),
      (cells(.text("DE; FR; CN")), try XCTUnwrap(CalendarDay("2025-09-29"))),
      (cells(.text("DE; FR; CN"), .text("Kestrel Harbour Tech")), day),
    ]
    for (k, (c, d)) in others.enumerated() {
      let made = try scratch.cells(c, date: d, screener).get()
      XCTAssertEqual(scratch.outcomeTableCount, 2 + k, "\(c) on \(d)")
      XCTAssertEqual(made.outcomes, ScreenedCells.outcomeTable(made, screener), "\(c) on \(d)")
    }
    // A nationality no measure names is read as one given, whichever it is: the second such
    // shares the first one's table.
    let second = try scratch.cells(cells(.text("DE; FR; CN"), .null, .text(unnamed[1])), date: day, screener).get()
    XCTAssertEqual(scratch.outcomeTableCount, 1 + others.count)
    XCTAssertEqual(second.outcomes, ScreenedCells.outcomeTable(second, screener))
  }

  /// The lines of records without a cue are kept by cells and fields only once the worker has
  /// met the cells before: a record whose cells are new (most of a portfolio of consortia) keeps
  /// nothing there, the next record with those cells keeps its line, and the one after finds it.
  func testLinesAreKeptByCellsOnlyForCellsMetAgain() throws {
    let screener = try ScreeningCaseTableTests.screener.get()
    let classifier = try ScreeningCaseTableTests.classifier.get()
    let scratch = ScreeningScratch()
    scratch.begin(screener)
    let day = try XCTUnwrap(CalendarDay("2026-01-15"))
    let text = "Superconducting qubits. We develop cryogenic control electronics for superconducting transmon qubits."
    let classification = classifier.classify(text)
    XCTAssertFalse(classification.areas.isEmpty)
    func screen(_ partners: String) throws -> ScreenedLine {
      let made = try scratch.cells(cells(.text(partners)), date: day, screener).get()
      let line = screener.screenLine(
        text: text, classification: classification, cells: made, scratch: scratch, cuesScanned: false)
      XCTAssertTrue(scratch.match.matches.isEmpty, "the text holds a cue")
      return line
    }
    let first = try screen("DE; FR; CN")
    XCTAssertEqual(scratch.cellLineCount, 0)
    let second = try screen("DE; FR; CN")
    XCTAssertEqual(scratch.cellLineCount, 1)
    let third = try screen("DE; FR; CN")
    XCTAssertEqual(scratch.cellLineCount, 1)
    XCTAssertTrue(third === second)
    XCTAssertEqual(first.json, second.json)
    XCTAssertEqual(
      first.line,
      screener.screenLine(
        text: text, classification: classification,
        input: ScreeningInput(partnerCountries: ["DE", "FR", "CN"], date: day)))
    _ = try screen("IT; CN")
    XCTAssertEqual(scratch.cellLineCount, 1)
  }

  /// What a set of cells came to is kept in the cells themselves for the scratch that worked it
  /// out, on that day: records that share the cells (a worker's reader gives repeated cells one
  /// object) find it there; another scratch, or another day, works them out for itself.
  func testCellsKeepWhatTheyCameToForTheirScratch() throws {
    let screener = try ScreeningCaseTableTests.screener.get()
    let day = try XCTUnwrap(CalendarDay("2026-01-15"))
    let other = try XCTUnwrap(CalendarDay("2025-09-29"))
    let shared = cells(.text("Iran"), .text("Kestrel Harbour Tech"))
    let a = ScreeningScratch()
    a.begin(screener)
    let b = ScreeningScratch()
    b.begin(screener)
    XCTAssertNil(shared.worked(by: a.owner, day: day.number))
    let made = try a.cells(shared, date: day, screener).get()
    XCTAssertTrue(try XCTUnwrap(shared.worked(by: a.owner, day: day.number)).get() === made)
    XCTAssertNil(shared.worked(by: b.owner, day: day.number))
    XCTAssertNil(shared.worked(by: a.owner, day: other.number))
    let theirs = try b.cells(shared, date: day, screener).get()
    XCTAssertFalse(theirs === made)
    XCTAssertEqual(theirs.input, made.input)
    let earlier = try a.cells(shared, date: other, screener).get()
    XCTAssertEqual(earlier.input.date, other)
    XCTAssertTrue(try a.cells(shared, date: other, screener).get() === earlier)
    // With another screener the scratch starts over, and what it kept before is not its own.
    let before = a.owner
    a.begin(try Screener(rules: screener.rules))
    XCTAssertNotEqual(a.owner, before)
    XCTAssertNil(shared.worked(by: a.owner, day: other.number))
  }

  func testAnUnknownCountryNamesItsCell() throws {
    let screener = try ScreeningCaseTableTests.screener.get()
    let scratch = ScreeningScratch()
    scratch.begin(screener)
    let day = try XCTUnwrap(CalendarDay("2026-01-15"))
    for _ in 0..<2 {
      switch scratch.cells(cells(.text("DE; Chna")), date: day, screener) {
      case .failure(.partnerCountry(let unknown)): XCTAssertEqual(unknown.input, "Chna")
      default: XCTFail("a partner country that is not known")
      }
      switch scratch.cells(cells(.text("DE"), .null, .text("Atlantis")), date: day, screener) {
      case .failure(.nationality(let unknown)): XCTAssertEqual(unknown.input, "Atlantis")
      default: XCTFail("a nationality that is not known")
      }
    }
  }

  func testTheLinesKeptByCellsAreBounded() throws {
    let screener = try ScreeningCaseTableTests.screener.get()
    let scratch = ScreeningScratch()
    scratch.begin(screener)
    let day = try XCTUnwrap(CalendarDay("2026-01-15"))
    let cells = cells(.text("DE"))
    let first = try scratch.cells(cells, date: day, screener).get()
    let other = try scratch.cells(self.cells(.text("FR")), date: day, screener).get()
    let line = ScreenedLine.make(
      level: .none, line: ScreeningLine(triage: .init(level: .none, reasons: []), regimes: [], organisations: []), json: [1])
    var some = ReasonKey.Serials()
    some.append(7)
    scratch.remember(line, fields: some, in: first)
    XCTAssertEqual(scratch.line(first, fields: some)?.json, [1])
    // Kept by the cells and the fields: other cells, or other fields, have no line yet.
    XCTAssertNil(scratch.line(other, fields: some))
    XCTAssertNil(scratch.line(first, fields: ReasonKey.Serials()))
    for n in 1..<(4 * ScreeningScratch.memoLimit) {
      var fields = ReasonKey.Serials()
      fields.append(100 + n)
      scratch.remember(line, fields: fields, in: first)
    }
    XCTAssertEqual(scratch.cellLineCount, 4 * ScreeningScratch.memoLimit)
    XCTAssertNotNil(scratch.line(first, fields: some))
    // One more, and the lines kept are dropped; the cells are kept.
    scratch.remember(line, fields: some, in: other)
    XCTAssertEqual(scratch.cellLineCount, 1)
    XCTAssertNil(scratch.line(first, fields: some))
    XCTAssertNotNil(scratch.line(other, fields: some))
    XCTAssertTrue(try scratch.cells(cells, date: day, screener).get() === first)
  }

  /// The cells table grows past its first size and keeps finding what it holds; past the memo
  /// limit it starts over, and cells read anew are worked out anew.
  func testManyCellsAreKeptAndFoundAgain() throws {
    let screener = try ScreeningCaseTableTests.screener.get()
    let scratch = ScreeningScratch()
    scratch.begin(screener)
    let day = try XCTUnwrap(CalendarDay("2026-01-15"))
    let all = (0..<3000).map { n in cells(.text(["DE", "FR", "IR", "KP"][n % 4]), .text("Organisation \(n)")) }
    let made = try all.map { try scratch.cells($0, date: day, screener).get() }
    XCTAssertEqual(Set(made.map(ObjectIdentifier.init)).count, all.count)
    for (c, m) in zip(all, made) { XCTAssertTrue(try scratch.cells(c, date: day, screener).get() === m) }
    XCTAssertEqual(made[2].input.partnerCountries, ["IR"])
    XCTAssertEqual(made[2].input.partnerOrganisations, ["Organisation 2"])

    for n in 3000..<ScreeningScratch.memoLimit { _ = try scratch.cells(cells(.text("NL"), .text("O \(n)")), date: day, screener).get() }
    XCTAssertTrue(try scratch.cells(all[0], date: day, screener).get() === made[0])
    _ = try scratch.cells(cells(.text("NL"), .text("one more")), date: day, screener).get()
    // Cells of the same values read anew are worked out anew; the cells read before keep what
    // they came to.
    let anew = try scratch.cells(cells(.text("DE"), .text("Organisation 0")), date: day, screener).get()
    XCTAssertFalse(anew === made[0])
    XCTAssertEqual(anew.input, made[0].input)
    XCTAssertTrue(try scratch.cells(all[0], date: day, screener).get() === made[0])
  }

  /// Field entries by ID: found again after the table grows, and one worked out again for a field
  /// that changed takes the place of the old one.
  func testFieldEntriesAreFoundByID() {
    func field(_ n: Int, _ sensitivity: Sensitivity = .medium) -> FieldScore {
      FieldScore(
        id: "area.field-\(n)", area: "area", name: "Field \(n)", score: 2, threshold: 1, sensitivity: sensitivity,
        level: .elevated, dualUse: n % 3 == 0 ? ["3A001"] : [], evidence: [])
    }
    var table = FieldEntryTable()
    let entries = (0..<300).map { ScreeningScratch.FieldEntry(field($0), measures: [$0 % 5], serial: $0) }
    for e in entries { table.keep(e) }
    XCTAssertEqual(table.count, 300)
    for (n, e) in entries.enumerated() { XCTAssertTrue(table.entry("area.field-\(n)") === e) }
    XCTAssertNil(table.entry("area.field-300"))
    XCTAssertNil(table.entry("area.field"))
    let changed = ScreeningScratch.FieldEntry(field(7, .high), measures: [], serial: 1000)
    table.keep(changed)
    XCTAssertEqual(table.count, 300)
    XCTAssertTrue(table.entry("area.field-7") === changed)
    XCTAssertFalse(changed.fits(.medium, []))
    table.removeAll()
    XCTAssertNil(table.entry("area.field-1"))
  }
}
