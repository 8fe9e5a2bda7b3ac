import DualScopeTestSupport
import PhraseMatching
import XCTest

/// The shared table: each case names the options it needs and the options that would change its
/// result, and runs under every combination of the rest.
final class MatchTableTests: XCTestCase {
  struct Case {
    var phrases: [String]
    var marked: String
    var requires: PhraseOptions = []
    var forbids: PhraseOptions = []
    var line: UInt

    init(phrases: [String], marked: String, requires: PhraseOptions = [], forbids: PhraseOptions = [], line: UInt = #line) {
      self.phrases = phrases
      self.marked = marked
      self.requires = requires
      self.forbids = forbids
      self.line = line
    }
  }

  static let inflect: PhraseOptions = [.inflectEnglish, .inflectDutch]
  static let all: [PhraseOptions] = [.caseSensitive, .prefix, .compoundPart, .inflectEnglish, .inflectDutch]

  static let cases: [Case] = [
    Case(phrases: ["EUV lithography"], marked: "we build ⟦EUV lithography⟧ tools", forbids: [.caseSensitive]),
    Case(phrases: ["EUV lithography"], marked: "we build ⟦EUV lithography⟧ tools for euv lithography", requires: [.caseSensitive]),
    Case(phrases: ["quantum", "quantum key distribution"], marked: "⟦Quantum key distribution⟧ and ⟦quantum⟧ sensing", forbids: [.caseSensitive]),
    Case(phrases: ["dual-use"], marked: "⟦dual use⟧, ⟦dual-use⟧, ⟦Dual–Use⟧ and ⟦dual  -  use⟧ but not dualuse", forbids: [.caseSensitive]),
    Case(phrases: ["dual use"], marked: "⟦dual‐use⟧ ⟦dual\u{2014}use⟧ ⟦dual\r\nuse⟧", forbids: [.caseSensitive]),
    Case(phrases: ["AI"], marked: "⟦AI⟧-based tools, ⟦AI⟧'s rise, not Ai or ai or AIM or FAIR", requires: [.caseSensitive], forbids: [.prefix, .compoundPart, .inflectDutch]),
    Case(phrases: ["GaN"], marked: "⟦GaN⟧ transistors, not GAN or gan", requires: [.caseSensitive], forbids: [.prefix, .compoundPart, .inflectDutch]),
    Case(phrases: ["machine learning"], marked: "⟦machine-learning⟧ and ⟦Machine Learning⟧", forbids: [.caseSensitive]),
    Case(phrases: ["laser"], marked: "a ⟦laser⟧; lasers? laserend, co2laser", forbids: [.compoundPart, .prefix, .inflectEnglish, .inflectDutch]),
    Case(phrases: ["laser"], marked: "a ⟦laser⟧; ⟦lasers⟧? laserend", requires: [.inflectEnglish], forbids: [.compoundPart, .prefix, .caseSensitive]),
    Case(phrases: ["cryptograph"], marked: "⟦cryptographic⟧ ⟦cryptography⟧ ⟦cryptograph⟧ not cryptograms", requires: [.prefix], forbids: [.caseSensitive, .compoundPart]),
    Case(phrases: ["quantum comput"], marked: "⟦quantum computing⟧ and ⟦quantum computers⟧ but not quantum comp", requires: [.prefix], forbids: [.caseSensitive]),
    Case(phrases: ["quantum computing"], marked: "quantum, computing; quantum. computing", forbids: [.prefix]),
    Case(phrases: ["coördinatie"], marked: "⟦coordinatie⟧ en ⟦Coördinatie⟧ en ⟦coo\u{0308}rdinatie⟧", forbids: [.caseSensitive, .prefix]),
    Case(phrases: ["Straße"], marked: "⟦STRASSE⟧ ⟦strasse⟧ ⟦Straße⟧ ⟦STRAẞE⟧", forbids: [.caseSensitive, .prefix, .compoundPart, .inflectEnglish, .inflectDutch]),
    Case(phrases: ["istanbul"], marked: "⟦İstanbul⟧ and ⟦ISTANBUL⟧", forbids: [.caseSensitive, .prefix, .compoundPart, .inflectEnglish, .inflectDutch]),
    Case(phrases: ["finance"], marked: "⟦ﬁnance⟧ ⟦ｆｉｎａｎｃｅ⟧ ⟦FINANCE⟧", forbids: [.caseSensitive, .prefix, .compoundPart, .inflectEnglish, .inflectDutch]),
    Case(phrases: ["rocket"], marked: "🚀⟦rocket⟧🚀 ⟦rocket⟧\u{0}x ⟦rocket⟧\u{FFFD}", forbids: [.caseSensitive, .prefix, .compoundPart, .inflectEnglish, .inflectDutch]),
    Case(phrases: ["kwantum"], marked: "⟦kwantum⟧computer, ⟦kwantum⟧scomputer, kwantumen", requires: [.compoundPart], forbids: [.caseSensitive, .prefix, .inflectEnglish, .inflectDutch]),
    Case(phrases: ["laser"], marked: "co2⟦laser⟧ hoogvermogen⟦laser⟧ laserend ⟦laser⟧ nolaser", requires: [.compoundPart], forbids: [.caseSensitive, .prefix, .inflectEnglish, .inflectDutch]),
    Case(phrases: ["halfgeleider"], marked: "⟦halfgeleiders⟧ en ⟦halfgeleider⟧", requires: [.inflectDutch], forbids: [.caseSensitive, .prefix, .compoundPart]),
    Case(phrases: ["technologie"], marked: "⟦technologieën⟧ en ⟦Technologieen⟧", requires: [.inflectDutch], forbids: [.caseSensitive, .prefix, .compoundPart]),
    Case(phrases: ["qubit"], marked: "two ⟦qubits⟧ and a ⟦qubit⟧", requires: [.inflectEnglish], forbids: [.caseSensitive, .prefix, .compoundPart]),
    Case(phrases: ["battery"], marked: "⟦batteries⟧ and a ⟦battery⟧", requires: [.inflectEnglish], forbids: [.caseSensitive, .prefix, .compoundPart]),
    Case(phrases: ["c++"], marked: "in ⟦C++⟧ and ⟦c++⟧17", forbids: [.caseSensitive]),
    Case(phrases: ["foto"], marked: "⟦foto's⟧ en ⟦foto’s⟧", requires: [.inflectDutch], forbids: [.caseSensitive, .prefix, .compoundPart]),
    Case(phrases: ["a b"], marked: "⟦a b⟧ ⟦a b⟧ a ⟦a b⟧", forbids: [.caseSensitive, .prefix, .compoundPart, .inflectEnglish, .inflectDutch]),
  ]

  func testTableUnderEveryOptionCombination() {
    var runs = 0
    for bits in 0..<(1 << Self.all.count) {
      var options: PhraseOptions = []
      for (i, o) in Self.all.enumerated() where bits & (1 << i) != 0 { options.insert(o) }
      for c in Self.cases where options.isSuperset(of: c.requires) && options.isDisjoint(with: c.forbids) {
        assertSpans(phrases(c.phrases, options), c.marked, "options \(options.rawValue), case at line \(c.line)", line: c.line)
        runs += 1
      }
    }
    XCTAssertGreaterThan(runs, 150)
  }
}
