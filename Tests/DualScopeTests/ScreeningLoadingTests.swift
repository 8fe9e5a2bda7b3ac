import DualScopeTestSupport
import Foundation
import XCTest

@testable import DualScope

/// Regime, country and list files: the shipped ones load and fit the classifier's release;
/// broken ones are reported with file, line, column and exact text.
final class ScreeningLoadingTests: XCTestCase {
  static let countries = """
    schema_version: 1
    groups:
      eu: [NL, DE]
    countries:
      - {code: NL, en: Netherlands, nl: Nederland}
      - {code: DE, en: Germany, nl: Duitsland}
      - {code: IR, en: Iran, nl: Iran, aliases: [Islamic Republic of Iran]}
      - {code: GB, en: United Kingdom, nl: Verenigd Koninkrijk, aliases: [UK]}

    """

  static func regime(periods: String = "", measure: String = "") -> String {
    """
    schema_version: 1
    regime:
      id: test
      name: Test regime
      kind: sanctions
      legal_status: binding
      jurisdiction: EU
      sources:
        - {title: A text, reference: Art. 1, relied_on: 2026-12-01, confidence: high}
      periods:
    \(periods.isEmpty ? "    - {id: always, covers: everything}" : periods)
      measures:
        - id: ban
          name: A ban
    \(measure.isEmpty ? "      triggers: [partner-country]\n      countries: [IR]" : measure)
          leads_to: a prohibition
          level: consult

    """
  }

  func load(_ files: [String: String], lists: [String: String] = [:]) throws(TaxonomyLoadError) -> ScreeningRules {
    try ScreeningLoader.load(
      regimes: TaxonomyFileSet(origin: "t", displayPrefix: "r/", files: files.mapValues { Array($0.utf8) }),
      lists: lists.isEmpty ? [] : [TaxonomyFileSet(origin: "l", displayPrefix: "l/", files: lists.mapValues { Array($0.utf8) })])
  }

  func errors(_ files: [String: String], lists: [String: String] = [:]) -> [String] {
    do {
      _ = try load(files, lists: lists)
      return []
    } catch {
      return error.errors.map(\.description)
    }
  }

  func testAMinimalRegimeLoads() throws {
    let rules = try load(["countries.yaml": Self.countries, "test.yaml": Self.regime()])
    XCTAssertEqual(rules.regimes.map(\.id), ["test"])
    XCTAssertEqual(rules.regimes[0].measures[0].countries, ["IR"])
  }

  func testAPeriodThatEndsBeforeItStarts() {
    let periods = "    - {id: broken, from: 2021-01-01, to: 2020-12-31, covers: x}"
    XCTAssertEqual(
      errors(["countries.yaml": Self.countries, "test.yaml": Self.regime(periods: periods)]),
      ["r/test.yaml:11:42: error: period 'broken' ends before it starts: 'to' 2020-12-31 is before 'from' 2021-01-01"])
  }

  func testOverlappingPeriods() {
    let periods = """
          - {id: a, from: 2020-01-01, to: 2021-01-01, covers: x}
          - {id: b, from: 2021-01-01, covers: y}
      """
    XCTAssertEqual(
      errors(["countries.yaml": Self.countries, "test.yaml": Self.regime(periods: periods)]),
      [
        "r/test.yaml:12:21: error: period 'b' overlaps period 'a' or comes before it; periods run in order, "
          + "each starting after the one before ends"
      ])
  }

  func testAnInvalidDate() {
    let periods = "    - {id: p, from: 2025-02-30, covers: x}"
    XCTAssertEqual(
      errors(["countries.yaml": Self.countries, "test.yaml": Self.regime(periods: periods)]),
      ["r/test.yaml:11:21: error: 'from' must be a date as YYYY-MM-DD, found '2025-02-30'"])
  }

  func testAnUnknownCountryCode() {
    XCTAssertEqual(
      errors([
        "countries.yaml": Self.countries,
        "test.yaml": Self.regime(measure: "      triggers: [partner-country]\n      countries: [IR, XX, UK]"),
      ]),
      [
        "r/test.yaml:16:23: error: unknown country code 'XX'; countries are ISO 3166-1 alpha-2 codes",
        "r/test.yaml:16:27: error: unknown country code 'UK' (did you mean 'GB', United Kingdom?); "
          + "countries are ISO 3166-1 alpha-2 codes",
      ])
  }

  func testAnUnknownTrigger() {
    XCTAssertEqual(
      errors([
        "countries.yaml": Self.countries,
        "test.yaml": Self.regime(measure: "      triggers: [partner-contry]\n      countries: [IR]"),
      ]),
      [
        "r/test.yaml:15:18: error: unknown trigger 'partner-contry' (did you mean 'partner-country'?); "
          + "expected one of: partner-country, person-nationality, place-of-use, funding-programme, anyone"
      ])
  }

  func testAnUnknownPeriodAndABadPattern() {
    let measure = """
            periods: [alwyas]
            triggers: [anyone]
            scope:
              dual_use: {include: ["3A*1"]}
      """
    XCTAssertEqual(
      errors(["countries.yaml": Self.countries, "test.yaml": Self.regime(measure: measure)]),
      [
        "r/test.yaml:15:17: error: measure 'ban' names an unknown period 'alwyas' (did you mean 'always'?)",
        "r/test.yaml:18:30: error: '3A*1' is not a dual-use code pattern (a code such as 3A001, '?' for one character, "
          + "'*' only at the end)",
      ])
  }

  func testTheFileNameMustBeTheID() {
    XCTAssertEqual(
      errors(["countries.yaml": Self.countries, "other.yaml": Self.regime()]),
      ["r/other.yaml:3:7: error: regime 'test' must be in a file named 'test.yaml'"])
  }

  func testAMissingCountryTable() {
    XCTAssertEqual(errors(["test.yaml": Self.regime()]).first, "r/countries.yaml:1:1: error: missing the country table countries.yaml")
  }

  func testAListWithAnUnknownCountryAndRegime() {
    let list = """
      schema_version: 1
      list: {id: own, name: Own list, version: "1", source: here, licence: internal, regimes: [tset]}
      organisations:
        - {id: a, name: Alpha Institute, country: ZZ}

      """
    XCTAssertEqual(
      errors(["countries.yaml": Self.countries, "test.yaml": Self.regime()], lists: ["own.yaml": list]),
      [
        "l/own.yaml:1:1: error: list 'own' names an unknown regime 'tset' (did you mean 'test'?)",
        "l/own.yaml:4:45: error: unknown country code 'ZZ'; countries are ISO 3166-1 alpha-2 codes",
      ])
  }

  func testTheShippedRegimesLoadAndFitTheClassifiersRelease() throws {
    let rules = try ShippedScreening.load()
    XCTAssertEqual(
      rules.regimes.map(\.id),
      [
        "ca-strac", "eu-belarus", "eu-china-arms-embargo", "eu-dprk", "eu-iran", "eu-russia", "eu-syria",
        "nl-screening-kennisveiligheid", "uk-atas",
      ])
    XCTAssertEqual(rules.lists.map(\.id), ["example-fictional"])
    XCTAssertTrue(rules.lists[0].fictional)
    for version in ShippedTaxonomy.versions where version >= "2025.1" {
      XCTAssertEqual(rules.check(against: try ShippedTaxonomy.load(version: version).taxonomy).map(\.description), [])
    }
    for regime in rules.regimes {
      XCTAssertFalse(regime.sources.isEmpty, regime.id)
      XCTAssertFalse(regime.periods.isEmpty, regime.id)
    }
  }

  func testTheIranPeriodsMeetAtTheRestoration() throws {
    let iran = try XCTUnwrap(ShippedScreening.load().regime("eu-iran"))
    let jcpoa = try XCTUnwrap(iran.periods.first { $0.id == "jcpoa" })
    let restored = try XCTUnwrap(iran.periods.first { $0.id == "restored" })
    XCTAssertEqual(jcpoa.to, CalendarDay("2025-09-29"))
    XCTAssertEqual(restored.from, CalendarDay("2025-09-30"))
  }

  func testTheEmbeddedCopyMatchesTheFiles() throws {
    let root = CommandRunner.packageRoot.appendingPathComponent("Taxonomy")
    XCTAssertFalse(ShippedScreening.versions.isEmpty)
    for version in ShippedScreening.versions {
      let embedded = try XCTUnwrap(EmbeddedScreening.releases[version])
      var onDisk: [String: String] = [:]
      for part in ["regimes", "lists"] {
        let folder = root.appendingPathComponent(version).appendingPathComponent(part)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasSuffix(".yaml") {
          onDisk["\(part)/\(name)"] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
      }
      XCTAssertEqual(onDisk, embedded, "Taxonomy/\(version) regimes or lists changed; run Scripts/embed-taxonomy.py")
    }
  }

  func testTheCountryTable() throws {
    let table = try ShippedScreening.load().countries
    XCTAssertGreaterThanOrEqual(table.countries.filter { $0.note == nil }.count, 193)
    let expected: [String: String] = [
      "Iran": "IR", "Islamic Republic of Iran": "IR", "IR": "IR", "ir": "IR", "Rusland": "RU", "Russia": "RU",
      "Noord-Korea": "KP", "DPRK": "KP", "North Korea": "KP", "Wit-Rusland": "BY", "wit rusland": "BY",
      "Belarus": "BY", "China": "CN", "Volksrepubliek China": "CN", "belgie": "BE", "België": "BE",
      "Verenigd Koninkrijk": "GB", "UK": "GB", "Syrië": "SY", "Türkiye": "TR", "Turkije": "TR",
    ]
    for (name, code) in expected { XCTAssertEqual(table.resolve(name)?.code, code, name) }
    XCTAssertNil(table.resolve("Irann"))
    XCTAssertEqual(table.suggestions(for: "Irann").first, "Iran")
    XCTAssertEqual(table.groups["eu"]?.count, 27)
  }

  func testDualUsePatterns() throws {
    let all = try XCTUnwrap(DualUsePattern("*"))
    let cat0 = try XCTUnwrap(DualUsePattern("0*"))
    let nsg = try XCTUnwrap(DualUsePattern("??2*"))
    let entry = try XCTUnwrap(DualUsePattern("3A001"))
    XCTAssertTrue(all.matches("9A012"))
    XCTAssertTrue(cat0.matches("0B001"))
    XCTAssertFalse(cat0.matches("1C012"))
    XCTAssertTrue(nsg.matches("1C236"))
    XCTAssertFalse(nsg.matches("4A506"))
    XCTAssertTrue(entry.matches("3A001"))
    XCTAssertTrue(entry.matches("3A001.e.4"))
    XCTAssertFalse(entry.matches("3A0011"))
    XCTAssertTrue(try XCTUnwrap(DualUsePattern("0A*")).matches("0A001.h"))
    for bad in ["", "3A*1", "X*", "3F*", "3A00", "3a001", "3A001."] { XCTAssertNil(DualUsePattern(bad), bad) }
  }

  func testCalendarDays() {
    XCTAssertNotNil(CalendarDay("2024-02-29"))
    XCTAssertNil(CalendarDay("2025-02-29"))
    XCTAssertNil(CalendarDay("2025-9-30"))
    XCTAssertNil(CalendarDay("30-09-2025"))
    XCTAssertEqual(CalendarDay(daysSinceEpoch: 0).description, "1970-01-01")
    XCTAssertEqual(CalendarDay(daysSinceEpoch: 20_361).description, "2025-09-30")
    XCTAssertLessThan(CalendarDay("2025-09-29")!, CalendarDay("2025-09-30")!)
  }
}
