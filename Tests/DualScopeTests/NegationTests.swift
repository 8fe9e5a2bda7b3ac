import DualScopeTestSupport
import PhraseMatching
import XCTest

@testable import DualScope

/// Negated evidence: the clause scan, the release setting that turns it on, `explain`, `diff`
/// and the setting's check.
final class NegationTests: XCTestCase {
  /// The negation word that denies the first occurrence of `term` in `text`, as text, or nil.
  func denier(_ text: String, _ term: String, window: Int = 8) throws -> String? {
    let start = try XCTUnwrap(text.range(of: term)).lowerBound.utf16Offset(in: text)
    var text = text
    let range = text.withUTF8 { Negation.denier(before: start, in: $0, window: window) }
    return range.map { r in String(decoding: Array(text.utf8)[r], as: UTF8.self) }
  }

  func testANegationWordDeniesWhatFollowsItInItsClause() throws {
    XCTAssertEqual(try denier("Er wordt geen genetische modificatie toegepast.", "genetische"), "geen")
    XCTAssertEqual(try denier("The project does not build robots.", "robots"), "not")
    XCTAssertEqual(try denier("We use No lasers.", "lasers"), "No")
    XCTAssertEqual(try denier("It involves neither drones nor satellites.", "satellites"), "nor")
    XCTAssertEqual(try denier("Het project doesn't train any neural network.", "neural"), "doesn't")
  }

  func testWhatTheNegationDoesNotReachKeepsItsEvidence() throws {
    // Before the negation word, after a clause or sentence break, after a contrast.
    XCTAssertNil(try denier("Quantum computers do not exist yet.", "Quantum"))
    XCTAssertNil(try denier("It needs no lidar, a stereo camera does.", "camera"))
    XCTAssertNil(try denier("It needs no lidar; the robot sees.", "robot"))
    XCTAssertNil(try denier("No cloud. The robot sees.", "robot"))
    XCTAssertNil(try denier("It needs no lidar but a stereo camera.", "camera"))
    XCTAssertNil(try denier("Er is geen budget maar wel een robot.", "robot"))
    // "not only", "niet alleen"; a hyphenated prefix; "without" is no denier.
    XCTAssertNil(try denier("We use not only lasers but also detectors.", "lasers"))
    XCTAssertNil(try denier("Wij gebruiken CRISPR niet alleen voor genoombewerking.", "genoombewerking"))
    XCTAssertNil(try denier("Een niet-invasieve beeldvorming met radar.", "radar"))
    XCTAssertNil(try denier("Learning without labelled data.", "labelled"))
    // The window counts words back from the match.
    XCTAssertEqual(try denier("Geen van de partners bouwt hier robots.", "robots", window: 6), "Geen")
    XCTAssertNil(try denier("Geen van de partners bouwt hier robots.", "robots", window: 5))
    XCTAssertNil(try denier("robots", "robots"))
  }

  /// The classifier hands a text's kept matches to ``Negation/deny(_:in:window:into:)`` in text
  /// order (a later scan stops where an earlier clean one began); on random clauses that gives
  /// what a scan of its own gives every match, repeated places included.
  func testChainedScansAgreeWithScansOfTheirOwn() {
    let pool = [
      "no", "not", "geen", "niet", "only", "alleen", "but", "maar", "wel", "robots", "lasers", "de", "the", "niet-invasieve",
      "and", "of", "a", "develops", ",", ".", ";", "doesn't", "nor",
    ]
    var rng = SeededGenerator(seed: 7)
    for _ in 0..<500 {
      var text = ""
      var starts: [Int] = []
      for _ in 0..<Int.random(in: 1...30, using: &rng) {
        let w = pool.randomElement(using: &rng)!
        if w == "," || w == "." || w == ";" {
          text += w
        } else {
          if !text.isEmpty { text += " " }
          starts.append(text.utf8.count)
          text += w
        }
      }
      var kept: [PhraseMatch] = []
      for start in starts where Bool.random(using: &rng) {
        let copies = Bool.random(using: &rng) ? 2 : 1
        for k in 0..<copies {
          kept.append(PhraseMatch(termID: TermID(UInt32(k)), start: start, end: start + 1, kind: .exact, wordIndex: 0))
        }
      }
      var copy = text
      copy.withUTF8 { bytes in
        for window in [1, 3, 8] {
          var negated: [PhraseMatch] = []
          Negation.deny(kept, in: bytes, window: window, into: &negated)
          let own = kept.filter { Negation.denier(before: $0.start, in: bytes, window: window) != nil }
          XCTAssertEqual(negated, own, "\(text) window \(window)")
        }
      }
    }
  }

  func testTheShippedReleaseCountsNoDeniedMatchAndExplainSaysSo() throws {
    let text = "Imkers verzorgen hun bijenvolken. Er wordt geen genetische modificatie toegepast."
    let old = try Classifier(taxonomy: ShippedTaxonomy.load(version: "2025.1").taxonomy)
    let new = try Classifier(taxonomy: ShippedTaxonomy.load(version: "2026.1").taxonomy)
    XCTAssertEqual(old.taxonomy.manifest.defaults.negationWindow, 0)
    XCTAssertEqual(new.taxonomy.manifest.defaults.negationWindow, 8)
    XCTAssertEqual(old.classify(text).areas.map(\.id), ["biotechnology"])
    let result = new.classify(text)
    XCTAssertEqual(result.areas, [])
    XCTAssertEqual(result.status, .belowThreshold)

    let e = new.explain(text)
    let hit = try XCTUnwrap(e.hits.first { $0.text == "genetische modificatie" })
    XCTAssertEqual(hit.fate, .negated)
    XCTAssertEqual(hit.negatedBy, "geen")
    XCTAssertEqual(
      e.score(of: "biotechnology")?.reason, "every match was negated (e.g. 'genetische modificatie' after 'geen')")
    // An affirmed mention of the same term still counts.
    let both = new.classify(text + " Wij passen genetische modificatie en CRISPR toe in gist.")
    XCTAssertEqual(both.areas.map(\.id), ["biotechnology"])
    let field = both.fields.first { $0.id == "biotechnology.genetic-modification" }
    XCTAssertEqual(field?.evidence.first { $0.term == "genetische modificatie" }?.matches.count, 1)
  }

  func testTheWindowIsDiffedAndChecked() throws {
    let d = TaxonomyDiff(from: try ShippedTaxonomy.load(version: "2025.1").taxonomy, to: try ShippedTaxonomy.load(version: "2026.1").taxonomy)
    XCTAssertEqual(d.manifest.negationWindow, Change(old: 0, new: 8))
    XCTAssertEqual(d.reversed.manifest.negationWindow, Change(old: 8, new: 0))
    let text = TaxonomyFixtures.failure([
      "taxonomy.yaml": TaxonomyFixtures.manifest.replacingOccurrences(
        of: "areas:", with: "defaults:\n  negation_window: 60\nareas:")
    ])
    XCTAssertTrue(text.contains("negation_window must be between 0 (off) and 50 words"), text)
  }
}
