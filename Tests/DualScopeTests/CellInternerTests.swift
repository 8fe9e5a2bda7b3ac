import XCTest

@testable import DualScope

/// A worker's reader gives CSV records whose screening fields repeat byte for byte one set of
/// cells: what the cells are is what reading without the interner gives, records with other
/// bytes get cells of their own, a record keeps saying it held invalid UTF-8, and the interner
/// starts over at its limit.
final class CellInternerTests: XCTestCase {
  let layout: RecordLayout = {
    var layout = RecordLayout(idColumn: "id", textColumns: ["text"])
    layout.screening = ScreeningColumns(
      partnerCountry: "partner_countries", partnerOrganisation: "partner_orgs", nationality: "nationality", funding: nil)
    return layout
  }()

  /// The records of `csv`, read with `interner` (nil: without one).
  func records(_ csv: [UInt8], _ interner: CellInterner?) throws -> [PortfolioRecord] {
    let stream = try RecordStream(bytes: csv, name: "p.csv", format: .csv, delimiter: nil, chunkBytes: 1 << 20)
    let resolved = ResolvedLayout(layout, columns: stream.columns)
    var out: [PortfolioRecord] = []
    var errors: [RecordError] = []
    while let chunk = try stream.next() { chunk.records(resolved, into: &out, errors: &errors, interner: interner) }
    XCTAssertEqual(errors, [])
    return out
  }

  /// Whether two records' cells are one object: what is kept in one is found in the other.
  func shared(_ a: PortfolioRecord, _ b: PortfolioRecord, _ mark: Int) throws -> Bool {
    let x = try XCTUnwrap(a.screening)
    let y = try XCTUnwrap(b.screening)
    x.keep(.failure(.nationality(.init(input: "mark", suggestions: []))), by: mark, day: 1)
    return y.worked(by: mark, day: 1) != nil
  }

  func testRepeatedFieldsShareOneSetOfCells() throws {
    let csv = """
      id,text,partner_countries,partner_orgs,nationality
      a,One,"Iran; DE",Kestrel Harbour Tech,KP
      b,Two,"Iran; DE",Kestrel Harbour Tech,KP
      c,Three,"Iran;DE",Kestrel Harbour Tech,KP
      d,Four,"Iran; DE","Kestrel Harbour Tech",KP
      e,Five,"Iran; DE","The ""Kestrel"" Harbour",
      f,Six,"Iran; DE","The ""Kestrel"" Harbour",
      g,Seven,"Iran; DE",,
      h,Eight,"Iran; DE",,

      """
    let interned = try records(Array(csv.utf8), CellInterner())
    let plain = try records(Array(csv.utf8), nil)
    XCTAssertEqual(interned.map(\.id), ["a", "b", "c", "d", "e", "f", "g", "h"])
    // The same cells as reading without the interner, record for record.
    XCTAssertEqual(interned.map(\.screening), plain.map(\.screening))
    XCTAssertEqual(interned[4].screening?.partnerOrganisationCell, .text("The \"Kestrel\" Harbour"))
    XCTAssertEqual(interned[6].screening?.partnerOrganisationCell, .text(""))
    // The same bytes: one object, quoted or not (the quotes are not part of a field); a blank
    // less: another.
    XCTAssertTrue(try shared(interned[0], interned[1], 1))
    XCTAssertFalse(try shared(interned[0], interned[2], 2))
    XCTAssertTrue(try shared(interned[0], interned[3], 3))
    XCTAssertTrue(try shared(interned[4], interned[5], 4))
    XCTAssertTrue(try shared(interned[6], interned[7], 5))
    XCTAssertFalse(try shared(interned[4], interned[6], 6))
    // Without the interner, every record has cells of its own.
    XCTAssertFalse(try shared(plain[0], plain[1], 7))
  }

  func testARecordWhoseRepeatedCellsHoldInvalidUTF8SaysSo() throws {
    var csv = Array("id,text,partner_countries,partner_orgs,nationality\n".utf8)
    for id in ["a", "b"] { csv += Array("\(id),Text,DE,Univ".utf8) + [0xFF] + Array("rsity,\n".utf8) }
    csv += Array("c,Text,DE,University,\n".utf8)
    let interned = try records(csv, CellInterner())
    XCTAssertEqual(interned.map(\.hadInvalidUTF8), [true, true, false])
    XCTAssertEqual(interned.map(\.hadInvalidUTF8), try records(csv, nil).map(\.hadInvalidUTF8))
    XCTAssertTrue(try shared(interned[0], interned[1], 1))
  }

  func testTheInternerStartsOverAtItsLimit() throws {
    var csv = "id,text,partner_countries,partner_orgs,nationality\n"
    for n in 0..<CellInterner.limit { csv += "r\(n),Text,DE,Organisation \(n),\n" }
    csv += "again,Text,DE,Organisation 0,\n"
    let interner = CellInterner()
    let first = try records(Array(csv.utf8), interner)
    XCTAssertEqual(interner.count, CellInterner.limit)
    XCTAssertTrue(try shared(first[0], first[CellInterner.limit], 1))
    let more = try records(Array("id,text,partner_countries,partner_orgs,nationality\nx,Text,NL,New,\ny,Text,DE,Organisation 0,\n".utf8), interner)
    // One more set of cells, and the interner is emptied first: the earlier cells are read anew.
    XCTAssertEqual(interner.count, 2)
    XCTAssertFalse(try shared(first[0], more[1], 2))
    XCTAssertEqual(more[1].screening, first[0].screening)
  }
}
