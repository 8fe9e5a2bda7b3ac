import DualScopeTestSupport
import PhraseMatching
import XCTest

/// Dutch compounds and inflections.
final class DutchTests: XCTestCase {
  func testCompoundLeadingAndTrailingParts() {
    let compound = phrases(["kwantum", "laser", "halfgeleider"], [.compoundPart])
    assertSpans(compound, "⟦kwantum⟧computers en ⟦kwantum⟧sprong; ⟦halfgeleider⟧technologie")
    assertSpans(compound, "co2⟦laser⟧, hoogvermogen⟦laser⟧ en ⟦laser⟧; niet laserend, niet xylaser, niet hoogvermogenlaserstraal")
    assertSpans(compound, "kwantumen kwantumse ⟦kwantum⟧ensemble")
  }

  func testCompoundKinds() throws {
    let m = try PhraseMatcher(phrases(["kwantum", "laser"], [.compoundPart]))
    XCTAssertEqual(m.matches(in: "kwantumcomputer hoogvermogenlaser laser").map(\.kind), [.compound, .compound, .exact])
  }

  func testInflections() {
    let nl = phrases(["halfgeleider", "technologie", "zonnecel", "molecuul", "ziekte", "foto"], [.inflectDutch])
    assertSpans(nl, "⟦halfgeleiders⟧, ⟦technologieën⟧, ⟦zonnecellen⟧, ⟦moleculen⟧, ⟦ziekten⟧, ⟦foto's⟧")
    let en = phrases(["qubit", "battery", "process", "quantum dot"], [.inflectEnglish])
    assertSpans(en, "⟦qubits⟧, ⟦batteries⟧, ⟦processes⟧, ⟦quantum dots⟧; not quantums dot")
    XCTAssertEqual(
      Inflection.changes(lastWord: "battery", options: .inflectEnglish), [Inflection.Change(drop: 1, suffix: "ies")])
  }

  func testInflectedKindAndCompoundPlural() throws {
    let m = try PhraseMatcher(phrases(["zonnecel"], [.inflectDutch, .compoundPart]))
    XCTAssertEqual(m.matches(in: "zonnecellen zonnecel perovskietzonnecellen").map(\.kind), [.inflected, .exact, .compound])
  }
}
