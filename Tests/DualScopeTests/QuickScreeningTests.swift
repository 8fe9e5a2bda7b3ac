import DualScopeTestSupport
import Foundation
import XCTest

@testable import DualScope

/// The quick path of a portfolio run against the full screening, on random records made from
/// the screening cases' texts with random partners, nationalities, organisations, funding and
/// dates: every measure's status and level worked out from the record's facts as flags equal the
/// full evaluation's, and the result lines of one scratch used record after record (its memo
/// tables filling and reused) equal the lines of full screenings.
final class QuickScreeningTests: XCTestCase {
  struct Record {
    var text: String
    var input: ScreeningInput
  }

  static func records(count: Int, seed: UInt64) throws -> [Record] {
    let cases = try ScreeningCaseTableTests.loadCases()
    // The regimes' cue phrases, to add to a text as written or capitalised: the same cue matched
    // as different text must give different reasons.
    let cues = try ScreeningCaseTableTests.screener.get().cues.phrases.map(\.text)
    var g = SeededGenerator(seed: seed)
    let texts = Array(Set(cases.map(\.text))).sorted()
    let countries = ["IR", "KP", "RU", "BY", "SY", "CN", "CA", "GB", "DE", "US", "NL", "XK"]
    let organisations = Array(Set(cases.flatMap(\.partnerOrgs) + ["Universiteit Leiden", "ETH Zürich"])).sorted()
    let funding = Array(Set(cases.compactMap(\.funding) + ["NWO Open Competition", "a private donation"])).sorted()
    let dates =
      Array(Set(cases.map(\.date))).sorted() + ["2016-01-15", "2016-01-16", "2025-09-29", "2025-09-30", "2014-08-01"]
    func some<T>(_ items: [T], upTo n: Int) -> [T] {
      (0..<Int.random(in: 0...n, using: &g)).map { _ in items.randomElement(using: &g)! }
    }
    return try (0..<count).map { _ in
      var text = texts.randomElement(using: &g)!
      if Bool.random(using: &g) { text += "\n\n" + texts.randomElement(using: &g)! }
      if Int.random(in: 0..<3, using: &g) == 0 {
        let cue = cues.randomElement(using: &g)!
        text += " It also concerns " + (Bool.random(using: &g) ? cue : cue.prefix(1).uppercased() + cue.dropFirst()) + "."
      }
      var partners: [String] = []
      for c in some(countries, upTo: 3) where !partners.contains(c) { partners.append(c) }
      let input = ScreeningInput(
        partnerCountries: partners, partnerOrganisations: some(organisations, upTo: 2),
        nationality: Int.random(in: 0..<3, using: &g) == 0 ? countries.randomElement(using: &g) : nil,
        funding: Bool.random(using: &g) ? funding.randomElement(using: &g) : nil,
        date: try XCTUnwrap(CalendarDay(dates.randomElement(using: &g)!)))
      return Record(text: text, input: input)
    }
  }

  func testEveryMeasuresQuickOutcomeIsItsFullEvaluations() throws {
    let screener = try ScreeningCaseTableTests.screener.get()
    let classifier = try ScreeningCaseTableTests.classifier.get()
    let scratch = ScreeningScratch()
    var compared = 0
    var statuses = Set<RegimeStatus>()
    var levels = Set<TriageLevel>()
    for r in try Self.records(count: 300, seed: 11) {
      let classification = classifier.classify(r.text)
      let context = screener.context(text: r.text, classification: classification, input: r.input)
      scratch.begin(screener)
      screener.cues.findAll(in: r.text, into: &scratch.match)
      let cells = scratch.cells(r.input, screener)
      XCTAssertEqual(cells.hits, context.organisationHits)
      var facts = ScreeningFacts()
      screener.fill(&facts, classification: classification, scratch: scratch)
      for measure in screener.measures {
        let full = MeasureEvaluation(compiled: measure, screener: screener, context: context).result()
        let quick = measure.outcome(facts, cells)
        XCTAssertEqual(quick.status, full.status, "\(measure.regime.id) \(measure.measure.id): \(full.reasons)")
        XCTAssertEqual(quick.level, full.level, "\(measure.regime.id) \(measure.measure.id): \(full.reasons)")
        statuses.insert(full.status)
        levels.insert(full.level)
        compared += 1
      }
    }
    XCTAssertEqual(compared, 300 * screener.measures.count)
    // The random records reach every status and every level.
    XCTAssertEqual(statuses, Set(RegimeStatus.allCases))
    XCTAssertEqual(levels, Set(TriageLevel.allCases))
  }

  func testLinesFromOneScratchEqualFullScreenings() throws {
    let screener = try ScreeningCaseTableTests.screener.get()
    let classifier = try ScreeningCaseTableTests.classifier.get()
    let scratch = ScreeningScratch()
    var raised = 0
    // Twice over the same records: the second round reads its reasons from the memo tables.
    let records = try Self.records(count: 400, seed: 12)
    for r in records + records {
      let classification = classifier.classify(r.text)
      let line = screener.screenLine(text: r.text, classification: classification, input: r.input, scratch: scratch)
      let full = screener.screen(text: r.text, classification: classification, input: r.input)
      XCTAssertEqual(line, ScreeningLine(full), r.text.prefix(60) + " \(r.input)")
      if line.triage.level > .none { raised += 1 }
    }
    XCTAssertGreaterThan(raised, 200)
  }
}
