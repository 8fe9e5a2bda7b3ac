import DualScopeTestSupport
import XCTest

@testable import DualScope

/// `diff` of the screening part: regimes and lists added, removed and changed, and
/// `diff --impact` re-screening a portfolio under both releases.
final class ScreeningDiffTests: XCTestCase {
  func testAReleaseWithRegimesAgainstOneWithout() throws {
    let rules = try ShippedScreening.load()
    let d = ScreeningDiff(from: nil, to: rules)
    XCTAssertFalse(d.oldHasRegimes)
    XCTAssertTrue(d.newHasRegimes)
    XCTAssertEqual(d.regimes.map(\.id), rules.regimes.map(\.id))
    XCTAssertEqual(Set(d.regimes.map(\.kind)), [.added])
    XCTAssertEqual(d.lists.map(\.id), ["example-fictional"])
    XCTAssertEqual(d.lists[0].added.count, rules.lists[0].organisations.count)
    XCTAssertTrue(ScreeningDiff(from: rules, to: rules).isEmpty)
  }

  func testChangesOfPeriodsMeasuresScopeSourcesAndLists() throws {
    let old = try ShippedScreening.load()
    var new = old
    let iran = try XCTUnwrap(new.regimes.firstIndex { $0.id == "eu-iran" })
    // A period ends, a new one starts; a measure gains a dual-use code and a country; a source is relied on later.
    let last = new.regimes[iran].periods.count - 1
    new.regimes[iran].periods[last].to = CalendarDay("2027-06-30")
    new.regimes[iran].periods.append(
      RegimePeriod(id: "eased", from: CalendarDay("2027-07-01"), to: nil, covers: "a lifting", reviewBy: nil))
    new.regimes[iran].measures[0].level = .check
    new.regimes[iran].measures[0].scope.dualUseInclude.append(try XCTUnwrap(DualUsePattern("6A003")))
    new.regimes[iran].measures[0].countries.append("SY")
    new.regimes[iran].sources[0].reliedOn = CalendarDay("2027-01-01")!
    // A regime goes, its draft status changes.
    new.regimes.removeAll { $0.id == "eu-syria" }
    let nl = try XCTUnwrap(new.regimes.firstIndex { $0.id == "nl-screening-kennisveiligheid" })
    new.regimes[nl].legalStatus = .binding
    // The list gains an organisation and an alias, and loses one.
    new.lists[0].version = "2027.1"
    new.lists[0].organisations[0].aliases.append("NW Physics")
    new.lists[0].organisations.removeLast()
    new.lists[0].organisations.append(ListedOrganisation(id: "new-one", name: "New One Institute", country: "CN", aliases: [], note: nil))

    let d = ScreeningDiff(from: old, to: new)
    XCTAssertEqual(d.regimes.map(\.id), ["eu-iran", "eu-syria", "nl-screening-kennisveiligheid"])
    XCTAssertEqual(d.regimes.map(\.kind), [.changed, .removed, .changed])
    let changes = d.regimes[0].changes
    let period = old.regimes.first { $0.id == "eu-iran" }!.periods[last]
    let measure = old.regimes.first { $0.id == "eu-iran" }!.measures[0]
    XCTAssertTrue(changes.contains("period '\(period.id)': \(period.span) → \(period.from.map { "\($0) to " } ?? "until ")2027-06-30"), "\(changes)")
    XCTAssertTrue(changes.contains("period 'eased' added (from 2027-07-01): a lifting"), "\(changes)")
    XCTAssertTrue(changes.contains("measure '\(measure.id)': level \(measure.level.rawValue) → check"), "\(changes)")
    XCTAssertTrue(changes.contains("measure '\(measure.id)': dual-use codes added: 6A003"), "\(changes)")
    XCTAssertTrue(changes.contains("measure '\(measure.id)': countries added: SY"), "\(changes)")
    XCTAssertTrue(changes.contains { $0.hasPrefix("source ") && $0.hasSuffix("→ 2027-01-01") }, "\(changes)")
    XCTAssertEqual(d.regimes[2].changes, ["legal status: draft → binding"])
    let list = try XCTUnwrap(d.lists.first)
    XCTAssertEqual(list.kind, .changed)
    XCTAssertEqual(list.oldVersion, "2026.1")
    XCTAssertEqual(list.newVersion, "2027.1")
    XCTAssertEqual(list.added, ["new-one (New One Institute)"])
    XCTAssertEqual(list.removed.count, 1)
    XCTAssertEqual(list.changed, ["\(old.lists[0].organisations[0].id): aliases added: NW Physics"])
  }

  /// Re-screening under a release without regimes and one with: only the records with a partner
  /// in scope and a sensitive field change triage, and each says which regime changed.
  func testImpactReScreensEveryRecord() throws {
    let folder = try TemporaryFolder("ds-rescreen")
    defer { folder.remove() }
    let csv = """
      id,abstract,partner
      enrich,Uranium enrichment with gas centrifuges and reprocessing of spent nuclear fuel.,Iran
      history,A history of medieval trade routes and guild archives in Flanders.,Iran
      plain,Uranium enrichment with gas centrifuges and reprocessing of spent nuclear fuel.,Belgium
      bad,A history of medieval trade routes.,Atlantis

      """
    var input = PortfolioInput(
      inputs: [try folder.write("p.csv", csv)], layout: RecordLayout(idColumn: "id", textColumns: ["abstract"]),
      threads: 2)
    input.chunkBytes = 128
    let classifier = try ScreeningCaseTableTests.classifier.get()
    let rules = try ShippedScreening.load()
    let columns = ScreeningColumns(partnerCountry: "partner")
    let day = CalendarDay("2026-12-01")!
    var analysis = try ImpactAnalysis(old: classifier, new: classifier, examples: 5)
    analysis.screening = (
      PortfolioScreening(screener: try Screener(rules: .empty(countries: rules.countries)), columns: columns, date: day),
      PortfolioScreening(screener: try Screener(rules: rules), columns: columns, date: day)
    )
    var changed: [DocumentChange] = []
    let impact = try analysis.run(input) { changed.append($0) }
    XCTAssertEqual(impact.documents, 4)
    XCTAssertEqual(impact.unscreened, 1)
    // The history text keeps triage none; that regimes are now not assessed for want of a
    // nationality is no change the revision makes to it.
    XCTAssertEqual(changed.map(\.id), ["enrich", "plain"])
    XCTAssertEqual(changed[0].triage, Change(old: TriageLevel.none, new: .consult))
    XCTAssertEqual(changed[0].regimes?.first { $0.id == "eu-iran" }?.status, Change(old: nil, new: .applies))
    XCTAssertNil(changed[0].regimes?.first { $0.status.new == .notAssessed })
    // Without a partner in scope the draft Dutch law still may apply: attention, not more.
    XCTAssertEqual(changed[1].triage, Change(old: TriageLevel.none, new: .attention))
    XCTAssertEqual(changed[0].areasGained, [])
    let shifts = try XCTUnwrap(impact.triage)
    XCTAssertEqual(shifts.reduce(0) { $0 + $1.documents }, 2)
    XCTAssertTrue(shifts.contains(DiffImpact.TriageShift(from: .none, to: .consult, documents: 1)))
  }
}
