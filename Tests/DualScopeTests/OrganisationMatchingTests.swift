import XCTest

@testable import DualScope

/// Partner organisations against the lists: case, diacritics, whole words, aliases, acronyms.
final class OrganisationMatchingTests: XCTestCase {
  static let screener: Result<Screener, any Error> = Result { try Screener(rules: ShippedScreening.load()) }

  func hits(_ partner: String) throws -> [ScreeningResult.OrganisationHit] {
    try Self.screener.get().organisationHits([partner])
  }

  func testNamesAndAliasesWithTheOneThatMatched() throws {
    let byName = try hits("Northwind Institute of Applied Physics")
    XCTAssertEqual(byName.map(\.organisation), ["northwind-applied-physics"])
    XCTAssertEqual(byName.first?.alias, "Northwind Institute of Applied Physics")
    let byAlias = try hits("School of Physics, Northwind Applied Physics Institute")
    XCTAssertEqual(byAlias.first?.alias, "Northwind Applied Physics Institute")
    XCTAssertEqual(byAlias.first?.matchedText, "Northwind Applied Physics Institute")
    XCTAssertEqual(byAlias.first?.listVersion, "2026.1")
    XCTAssertEqual(byAlias.first?.listFictional, true)
  }

  func testCaseAndDiacriticsAreFoldedBothWays() throws {
    XCTAssertEqual(try hits("zhonglin institute of advanced materials").map(\.organisation), ["zhonglin-advanced-materials"])
    XCTAssertEqual(try hits("GOLZAR PROPULSION INSTITUTE").map(\.organisation), ["golzar-propulsion"])
    XCTAssertEqual(try hits("Golzâr Institute of Propulsion Research").first?.alias, "Golzâr Institute of Propulsion Research")
    XCTAssertEqual(
      try hits("Politekhnitseski Institut Poljarny Fonar").first?.alias, "Politekhnitšeski Institut Poljarny Fonar")
  }

  func testAcronymsOnlyInCapitalsAndWholeWordsOnly() throws {
    XCTAssertEqual(try hits("NIAP").map(\.organisation), ["northwind-applied-physics"])
    XCTAssertEqual(try hits("a NIAP-funded lab").map(\.organisation), ["northwind-applied-physics"])
    XCTAssertTrue(try hits("niap").isEmpty)
    XCTAssertTrue(try hits("NIAPX Technologies").isEmpty)
    XCTAssertTrue(try hits("Golzarian Medical Center").isEmpty)
    XCTAssertTrue(try hits("Northwind Institute of Applied Physicists Society").isEmpty)
    XCTAssertTrue(try hits("Delft University of Technology").isEmpty)
  }

  func testOneHitPerOrganisationAndPartner() throws {
    let h = try hits("Kestrel Harbour University of Technology (KHUT), also Kestrel Harbour Tech")
    XCTAssertEqual(h.map(\.organisation), ["kestrel-harbour-technology"])
  }
}
