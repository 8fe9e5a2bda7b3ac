import DualScopeTestSupport
import Foundation
import TaxonomyYAML
import XCTest

@testable import DualScope

/// The screening cases of Tests/Fixtures/screening-cases.yaml, driven through the Screener with
/// the shipped regimes and lists and the 2025.1 classifier.
final class ScreeningCaseTableTests: XCTestCase {
  struct Case {
    var id: String
    var text: String
    var partnerCountries: [String] = []
    var partnerOrgs: [String] = []
    var nationality: String?
    var funding: String?
    var date = "2026-12-01"
    var level = ""
    var apply: [String] = []
    var mayApply: [String] = []
    var notAssessed: [String]?
    var organisations: [String]?
  }

  static func loadCases() throws -> [Case] {
    let url = CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/screening-cases.yaml")
    let bytes = Array(try Data(contentsOf: url))
    guard let root = try YAMLReader.parseDocument(bytes, file: "screening-cases.yaml"),
      case .mapping(let top) = root.content
    else { throw XCTSkip("no cases") }
    func value(_ pairs: [YAMLPair], _ key: String) -> YAMLNode? { pairs.first { $0.key.scalar == key }?.value }
    func scalar(_ node: YAMLNode?) -> String? { node?.scalar }
    func list(_ node: YAMLNode?) -> [String]? {
      guard let node, case .sequence(let items) = node.content else { return nil }
      return items.compactMap(\.scalar)
    }
    var texts: [String: String] = [:]
    if case .mapping(let pairs)? = value(top, "texts")?.content {
      for p in pairs { texts[p.key.scalar ?? ""] = p.value.scalar }
    }
    guard case .sequence(let items)? = value(top, "cases")?.content else { return [] }
    return items.compactMap { item -> Case? in
      guard case .mapping(let p) = item.content, let id = scalar(value(p, "id")), let t = scalar(value(p, "text"))
      else { return nil }
      var c = Case(id: id, text: texts[t] ?? t)
      c.partnerCountries = list(value(p, "partner_countries")) ?? []
      c.partnerOrgs = list(value(p, "partner_orgs")) ?? []
      c.nationality = scalar(value(p, "nationality"))
      c.funding = scalar(value(p, "funding"))
      c.date = scalar(value(p, "date")) ?? c.date
      c.level = scalar(value(p, "level")) ?? ""
      c.apply = list(value(p, "apply")) ?? []
      c.mayApply = list(value(p, "may_apply")) ?? []
      c.notAssessed = list(value(p, "not_assessed"))
      c.organisations = list(value(p, "organisations"))
      return c
    }
  }

  static let classifier: Result<Classifier, any Error> = Result { try Classifier(taxonomy: ShippedTaxonomy.load(version: "2025.1").taxonomy) }
  static let screener: Result<Screener, any Error> = Result { try Screener(rules: ShippedScreening.load()) }

  func screen(_ c: Case) throws -> ScreeningResult { try Self.screen(c) }

  static func screen(_ c: Case) throws -> ScreeningResult {
    let screener = try screener.get()
    let countries = screener.rules.countries
    let partners = try c.partnerCountries.map { try XCTUnwrap(countries.resolve($0), "\(c.id): country '\($0)'").code }
    let nationality = try c.nationality.map { try XCTUnwrap(countries.resolve($0), "\(c.id): country '\($0)'").code }
    let input = ScreeningInput(
      partnerCountries: partners, partnerOrganisations: c.partnerOrgs, nationality: nationality, funding: c.funding,
      date: try XCTUnwrap(CalendarDay(c.date), "\(c.id): date"))
    let classification = try classifier.get().classify(c.text)
    return screener.screen(text: c.text, classification: classification, input: input)
  }

  func testEveryCase() throws {
    let cases = try Self.loadCases()
    XCTAssertGreaterThanOrEqual(cases.count, 45)
    XCTAssertEqual(Set(cases.map(\.id)).count, cases.count, "case ids must be unique")
    var failures: [String] = []
    for c in cases {
      let r = try screen(c)
      let applies = r.regimes.filter { $0.status == .applies }.map(\.id).sorted()
      let may = r.regimes.filter { $0.status == .mayApply }.map(\.id).sorted()
      let notAssessed = r.regimes.filter { $0.status == .notAssessed }.map(\.id).sorted()
      let hits = r.organisations.map { "\($0.list)/\($0.organisation)" }.sorted()
      var problems: [String] = []
      if r.triage.level.rawValue != c.level { problems.append("level \(r.triage.level.rawValue), expected \(c.level)") }
      if applies != c.apply.sorted() { problems.append("applies \(applies), expected \(c.apply.sorted())") }
      if may != c.mayApply.sorted() { problems.append("may-apply \(may), expected \(c.mayApply.sorted())") }
      if let n = c.notAssessed, notAssessed != n.sorted() {
        problems.append("not-assessed \(notAssessed), expected \(n.sorted())")
      }
      if let o = c.organisations, hits != o.sorted() { problems.append("organisations \(hits), expected \(o.sorted())") }
      if !problems.isEmpty {
        let reasons = r.triage.reasons.map { "    [\($0.level.rawValue)] \($0.text)" }.joined(separator: "\n")
        failures.append("\(c.id): " + problems.joined(separator: "; ") + "\n" + reasons)
      }
      XCTAssertEqual(r.disclaimer, ScreeningResult.disclaimer)
    }
    XCTAssertTrue(failures.isEmpty, "\(failures.count) of \(cases.count) cases differ:\n" + failures.joined(separator: "\n"))
  }

  func testTheTableCoversEveryRegimeAndLevel() throws {
    let cases = try Self.loadCases()
    let rules = try ShippedScreening.load()
    let named = Set(cases.flatMap { $0.apply + $0.mayApply })
    for regime in rules.regimes {
      XCTAssertTrue(named.contains(regime.id), "no case where \(regime.id) applies or may apply")
    }
    XCTAssertEqual(Set(cases.map(\.level)), Set(TriageLevel.allCases.map(\.rawValue)))
  }

  /// The period reason says "in force" only for a binding regime: a draft's period is a stage of
  /// the bill, and a declaration is not law.
  func testOnlyABindingRegimesPeriodIsInForce() throws {
    let screener = try Self.screener.get()
    let text = "We develop quantum key distribution hardware for secure networks."
    let classification = try Self.classifier.get().classify(text)
    let r = screener.screen(
      text: text, classification: classification,
      input: ScreeningInput(partnerCountries: ["IR", "CN"], date: CalendarDay("2025-10-01")!))
    var seen: Set<Regime.LegalStatus> = []
    for regime in r.regimes where regime.status != .doesNotApply {
      let periods = regime.reasons.filter { $0.contains(": period '") }
      XCTAssertFalse(periods.isEmpty, "\(regime.id): \(regime.reasons)")
      for reason in periods {
        XCTAssertEqual(reason.contains("in force on 2025-10-01"), regime.legalStatus == .binding, "\(regime.id): \(reason)")
      }
      seen.insert(regime.legalStatus)
    }
    XCTAssertEqual(seen, [.binding, .draft, .nonBinding], "\(r.regimes.map { ($0.id, $0.status) })")
  }

  /// A country or a nationality alone never raises the level, whichever country it is.
  func testNoCountryOrNationalityAloneRaisesTheLevel() throws {
    let screener = try Self.screener.get()
    let text = "A history of medieval trade routes and guild archives in Flanders."
    let classification = try Self.classifier.get().classify(text)
    let day = CalendarDay("2026-12-01")!
    var screened = 0
    for country in screener.rules.countries.countries {
      for input in [
        ScreeningInput(partnerCountries: [country.code], date: day),
        ScreeningInput(nationality: country.code, date: day),
        ScreeningInput(partnerCountries: [country.code], nationality: country.code, date: day),
      ] {
        let r = screener.screen(text: text, classification: classification, input: input)
        XCTAssertEqual(r.triage.level, .none, "\(country.code): \(r.triage.reasons.map(\.text))")
        screened += 1
      }
    }
    XCTAssertGreaterThanOrEqual(screened, 3 * 193)
  }
}
