import XCTest

@testable import DualScope

/// Study-context cues: decoding and its errors, the raised area bar, `explain`, and `diff`.
final class StudyContextTests: XCTestCase {
  static let context = """
    study_context:
      min_cues: 2
      area_score: 8
      cues:
        en: [history, legislation, histor*, interviews]
        nl: [geschiedenis, wetgeving]
    """

  func manifest(_ context: String = StudyContextTests.context) -> String { TaxonomyFixtures.manifest(adding: context) }

  func classifier(_ context: String = StudyContextTests.context) throws -> Classifier {
    try TaxonomyFixtures.classifier(manifestAdding: context)
  }

  /// The fixture release with `context` in its manifest.
  func release(_ context: String = StudyContextTests.context) throws -> Taxonomy {
    try TaxonomyLoader.load(TaxonomyFixtures.files(["taxonomy.yaml": manifest(context)])).taxonomy
  }

  /// The diff from the release with `old` to the one with `new`, its study-context change, and
  /// a check that the diff the other way round is its reverse.
  func contextDiff(from old: String, to new: String) throws -> (TaxonomyDiff, StudyContextChange) {
    let (a, b) = (try release(old), try release(new))
    let d = TaxonomyDiff(from: a, to: b)
    XCTAssertEqual(TaxonomyDiff(from: b, to: a), d.reversed)
    return (d, try XCTUnwrap(d.manifest.studyContext))
  }

  func testCuesAreDecodedInLanguageOrderWithPrefixes() throws {
    let c = try classifier().taxonomy.manifest.studyContext
    XCTAssertEqual(c?.minCues, 2)
    XCTAssertEqual(c?.areaScore, 8)
    XCTAssertEqual(c?.cues.map(\.displayPhrase), ["history", "legislation", "histor*", "interviews", "geschiedenis", "wetgeving"])
    XCTAssertEqual(c?.cues.map(\.language), ["en", "en", "en", "en", "nl", "nl"])
  }

  func testBadCuesAndSettingsAreReportedWithTheirPlace() {
    let text = TaxonomyFixtures.failure([
      "taxonomy.yaml": manifest(
        """
        study_context:
          min_cues: 0
          area_score: -2
          cues:
            en: [history, history, "ab*c", ""]
            de: [Geschichte]
        """)
    ])
    XCTAssertTrue(text.contains("'min_cues' must be at least 1"), text)
    XCTAssertTrue(text.contains("'area_score' must be greater than 0"), text)
    XCTAssertTrue(text.contains("cue 'history' listed twice for en"), text)
    XCTAssertTrue(text.contains("a cue must be a phrase, with '*' only at its end (a prefix) or its start (compound parts), found 'ab*c'"), text)
    XCTAssertTrue(text.contains("unknown key 'de' in cues"), text)
    XCTAssertTrue(text.contains("T/taxonomy.yaml:"), text)
  }

  func testCuesAreBounded() {
    let many = (0...ManifestDecoder.maxCues).map { "cue\($0)" }.joined(separator: ", ")
    let text = TaxonomyFixtures.failure([
      "taxonomy.yaml": manifest("study_context:\n  cues:\n    en: [\(many)]")
    ])
    XCTAssertTrue(text.contains("more than 10000 study-context cues"), text)
  }

  func testEnoughCuesRaiseEveryAreasBar() throws {
    let c = try classifier()
    // A qubit (3) in a technical text is assigned.
    XCTAssertEqual(c.classify("We build a qubit.").areas.map(\.id), ["quantum"])
    // One cue is not enough; the same cue twice counts once, and `history` and `histor*` on the
    // same word count once.
    XCTAssertEqual(c.classify("A history of the qubit; history again.").areas.map(\.id), ["quantum"])
    // Two different cues (an English prefix cue and a Dutch one) raise the bar to 8.
    let study = "The history of the qubit and Dutch wetgeving."
    XCTAssertEqual(c.classify(study).status, .belowThreshold)
    // Strong evidence still passes: qubit ×3 (3 × 1.75 = 5.25) + quantum computer ×2 (1.5) +
    // kwantumcomputer (3) = 9.75 ≥ 8.
    let deep = study + " A qubit, a qubit, a quantum computer, a quantum computer, a kwantumcomputer."
    XCTAssertEqual(c.classify(deep).areas.map(\.id), ["quantum"])
    // explain names the cues and the bar.
    let e = c.explain(study)
    XCTAssertTrue(e.contextApplies)
    XCTAssertEqual(e.contextCues, ["history", "wetgeving"])
    let why = e.score(of: "quantum")?.reason ?? ""
    XCTAssertTrue(why.contains("study about the technology (2 context cues: 'history', 'wetgeving'), so an area needs 8"), why)
    XCTAssertFalse(c.explain("We build a qubit.").contextApplies)
  }

  func testAReleaseWithoutCuesIsUnchanged() throws {
    let loaded = try TaxonomyLoader.load(TaxonomyFixtures.files())
    XCTAssertNil(loaded.taxonomy.manifest.studyContext)
    var options = ClassifierOptions()
    options.areaThreshold = 1
    let c = try Classifier(taxonomy: loaded.taxonomy, options: options)
    XCTAssertEqual(c.classify("The history of the qubit and legislation, interviews.").areas.map(\.id), ["quantum"])
  }

  func testDiffListsCueAndSettingChangesBothWays() throws {
    let changed = Self.context.replacingOccurrences(of: "min_cues: 2", with: "min_cues: 3")
      .replacingOccurrences(of: "interviews]", with: "interviews, ethics]")
      .replacingOccurrences(of: "nl: [geschiedenis, wetgeving]", with: "nl: [geschiedenis]")
    let (_, c) = try contextDiff(from: Self.context, to: changed)
    XCTAssertEqual(c.minCues, Change(old: 2, new: 3))
    XCTAssertNil(c.areaScore)
    XCTAssertEqual(c.cuesAdded.map(\.displayPhrase), ["ethics"])
    XCTAssertEqual(c.cuesRemoved.map(\.displayPhrase), ["wetgeving"])
    XCTAssertEqual(c.summary, ["context cues needed: 2 → 3", "context cues added (en): ethics", "context cues removed (nl): wetgeving"])
    // A release that gains its first cues diffs against one without any.
    let plain = try TaxonomyLoader.load(TaxonomyFixtures.files()).taxonomy
    XCTAssertEqual(TaxonomyDiff(from: plain, to: try release()).manifest.studyContext?.cuesAdded.count, 6)
    XCTAssertNil(TaxonomyDiff(from: plain, to: plain).manifest.studyContext)
  }

  static let decisive = context + """

      decisive_cues:
        en: [coordination and support action]
        nl: [coördinatie- en ondersteuningsactie]
    """

  func testADecisiveCueRaisesEveryAreasBarAlone() throws {
    let c = try classifier(Self.decisive)
    XCTAssertEqual(c.taxonomy.manifest.studyContext?.decisiveCues.map(\.displayPhrase),
      ["coordination and support action", "coördinatie- en ondersteuningsactie"])
    XCTAssertEqual(c.taxonomy.manifest.studyContext?.cues.count, 6)
    XCTAssertEqual(c.classify("We build a qubit.").areas.map(\.id), ["quantum"])
    // One decisive cue, in either case and either language, with no other cue: the bar is 8.
    for text in [
      "This Coordination and Support Action builds a qubit.", "Deze coördinatie- en ondersteuningsactie bouwt een qubit.",
      "These coordination and support actions build a qubit.",
    ] {
      XCTAssertEqual(c.classify(text).status, .belowThreshold, text)
    }
    // Strong evidence still passes, as under the study context.
    let deep = "This coordination and support action: a qubit, a qubit, a qubit, a quantum computer, a quantum computer, a kwantumcomputer."
    XCTAssertEqual(c.classify(deep).areas.map(\.id), ["quantum"])
    // Its words apart are not the cue.
    XCTAssertEqual(c.classify("Coordination and support of an action that builds a qubit.").areas.map(\.id), ["quantum"])
    let e = c.explain("This coordination and support action builds a qubit.")
    XCTAssertTrue(e.contextApplies)
    XCTAssertEqual(e.contextCues, ["coordination and support action"])
    let why = e.score(of: "quantum")?.reason ?? ""
    XCTAssertTrue(
      why.contains("the text says 'coordination and support action', a context cue that decides alone (study context), so an area needs 8, score 3"),
      why)
    // With enough ordinary cues as well, the reason names them.
    let both = c.explain("A history of legislation: this coordination and support action builds a qubit.")
    XCTAssertTrue((both.score(of: "quantum")?.reason ?? "").contains("study about the technology (3 context cues"))
  }

  func testADecisiveCueIsNotAlsoAnOrdinaryOne() {
    let text = TaxonomyFixtures.failure([
      "taxonomy.yaml": manifest(Self.context + "\n  decisive_cues:\n    en: [history, \"x*y\"]\n    fr: [action]")
    ])
    XCTAssertTrue(text.contains("T/taxonomy.yaml:14:10: error: cue 'history' listed twice for en"), text)
    XCTAssertTrue(text.contains("T/taxonomy.yaml:14:19: error: a cue must be a phrase, with '*' only at its end (a prefix) or its start (compound parts), found 'x*y'"), text)
    XCTAssertTrue(text.contains("T/taxonomy.yaml:15:5: error: unknown key 'fr' in decisive_cues"), text)
  }

  func testDiffListsDecisiveCuesBothWays() throws {
    let (d, c) = try contextDiff(from: Self.context, to: Self.decisive)
    XCTAssertEqual(c.cuesAdded, [])
    XCTAssertEqual(c.decisiveCuesAdded.map(\.displayPhrase), ["coordination and support action", "coördinatie- en ondersteuningsactie"])
    XCTAssertEqual(
      c.summary,
      ["decisive context cues added (en): coordination and support action",
       "decisive context cues added (nl): coördinatie- en ondersteuningsactie"])
    XCTAssertEqual(d.reversed.manifest.studyContext?.decisiveCuesRemoved.count, 2)
    let json = String(decoding: try JSONEncoder().encode(c), as: UTF8.self)
    XCTAssertTrue(json.contains("\"decisive_cues_added\""), json)
    // A diff without decisive cues keeps the JSON it had.
    let plain = String(decoding: try JSONEncoder().encode(try XCTUnwrap(TaxonomyDiff(
      from: try TaxonomyLoader.load(TaxonomyFixtures.files()).taxonomy, to: try release()).manifest.studyContext)),
      as: UTF8.self)
    XCTAssertFalse(plain.contains("decisive"), plain)
  }

  static let selfDescribed = context + """

      decisive_cues:
        en: ["this {legal|historical} {study|project}"]
        nl: ["*{historische|sociologische} {project|onderzoek}", "dit economische project"]
    """

  func testAlternativesAndCompoundPartsInDecisiveCues() throws {
    let c = try classifier(Self.selfDescribed)
    XCTAssertEqual(
      c.taxonomy.manifest.studyContext?.decisiveCues.map(\.displayPhrase),
      ["this legal study", "this legal project", "this historical study", "this historical project",
       "*historische project", "*historische onderzoek", "*sociologische project", "*sociologische onderzoek",
       "dit economische project"])
    XCTAssertEqual(c.taxonomy.manifest.studyContext?.decisiveCues.map(\.isCompound), [false, false, false, false, true, true, true, true, false])
    XCTAssertEqual(c.classify("We bouwen een qubit.").areas.map(\.id), ["quantum"])
    // The discipline as a compound's head, the noun as a compound's first part, or plain; each
    // alone asks an area for 8.
    for text in [
      "Dit kunsthistorische project bestudeert een qubit.", "Dit arbeidssociologische onderzoek volgt een qubit.",
      "Het historische onderzoeksproject toont een qubit.", "Dit historische project bestudeert een qubit.",
      "This legal study follows a qubit.", "Dit economische project bestudeert een qubit.",
    ] {
      XCTAssertEqual(c.classify(text).status, .belowThreshold, text)
    }
    // Other words, or the adjective without its ending, are not the cue: the qubit is counted.
    for text in [
      "Dit historisch project bouwt een qubit.", "Dit techno-economische onderzoek kiest een qubit.",
      "Een bedrijfseconomische project bouwt een qubit.",
    ] {
      XCTAssertEqual(c.classify(text).areas.map(\.id), ["quantum"], text)
    }
    let why = c.explain("Dit kunsthistorische project bestudeert een qubit.").score(of: "quantum")?.reason ?? ""
    XCTAssertTrue(
      why.contains("the text says 'kunsthistorische project' (cue '*historische project'), a context cue that decides alone"),
      why)
    // Strong evidence passes the raised bar, and explain says which bar it passed.
    let deep = c.explain("Dit kunsthistorische project: een qubit, een qubit, een qubit, een quantumcomputer, een kwantumcomputer.")
    let passed = try XCTUnwrap(deep.score(of: "quantum"))
    XCTAssertTrue(passed.assigned)
    XCTAssertTrue(
      passed.reason.hasPrefix("assigned: score ")
        && passed.reason.hasSuffix(
          " passes the bar of 8 that the study context sets (the text says 'kunsthistorische project' (cue "
            + "'*historische project'), a context cue that decides alone)"),
      passed.reason)
  }

  func testDiffNamesExpandedAndCompoundCues() throws {
    let (_, c) = try contextDiff(from: Self.context, to: Self.selfDescribed)
    XCTAssertEqual(
      c.summary,
      ["decisive context cues added (en): this legal study, this legal project, this historical study, this historical project",
       "decisive context cues added (nl): *historische project, *historische onderzoek, *sociologische project, "
         + "*sociologische onderzoek, dit economische project"])
    let json = String(decoding: try JSONEncoder().encode(c), as: UTF8.self)
    XCTAssertTrue(json.contains("\"compound\":true"), json)
    // A cue without the mark does not write it.
    XCTAssertFalse(String(decoding: try JSONEncoder().encode(ContextCue(phrase: "x", language: "en")), as: UTF8.self)
      .contains("compound"))
  }

  func testBadAlternativesAreReportedWithTheirPlace() {
    let text = TaxonomyFixtures.failure([
      "taxonomy.yaml": manifest(
        Self.context
          + "\n  decisive_cues:\n    en: [\"this {legal study\", \"a} b\", \"{a|{b}}\", \"{a||b} c\", \"{x|y} {a|b}\", \"x a\"]")
    ])
    XCTAssertTrue(text.contains("T/taxonomy.yaml:14:10: error: cue 'this {legal study' has a '{' without its '}'"), text)
    XCTAssertTrue(text.contains("error: cue 'a} b' has a '}' without its '{'"), text)
    XCTAssertTrue(text.contains("error: cue '{a|{b}}' has a '{' inside '{…}'"), text)
    XCTAssertTrue(text.contains("error: cue '{a||b} c' has an empty alternative in '{…}'"), text)
    // An expansion that repeats a cue is reported as a repeat, by the cue it repeats.
    XCTAssertTrue(text.contains("error: cue 'x a' listed twice for en"), text)
  }

  func testAlternativesExpandInOrderAndAreBounded() {
    XCTAssertEqual(CueAlternatives.expand("plain cue"), .success(["plain cue"]))
    XCTAssertEqual(CueAlternatives.expand("{a|b}-{c|d} e"), .success(["a-c e", "a-d e", "b-c e", "b-d e"]))
    XCTAssertEqual(CueAlternatives.expand("*{rechts|taal}wetenschappelijke studie"),
      .success(["*rechtswetenschappelijke studie", "*taalwetenschappelijke studie"]))
    let wide = "{" + (0..<40).map(String.init).joined(separator: "|") + "}"
    XCTAssertEqual(CueAlternatives.expand(wide + " " + wide), .failure(.tooMany))
    XCTAssertEqual(CueAlternatives.expand(wide + " x").map(\.count), .success(40))
  }

  static let steps = context + """

      more_cues:
        - {min_cues: 3, area_score: 12}
        - {min_cues: 4, area_score: 20}
    """

  func testMoreCuesRaiseTheBarInSteps() throws {
    let c = try classifier(Self.steps)
    let context = try XCTUnwrap(c.taxonomy.manifest.studyContext)
    XCTAssertEqual(context.moreCues, [.init(minCues: 3, areaScore: 12), .init(minCues: 4, areaScore: 20)])
    XCTAssertEqual((0...6).map { context.areaScore(cues: $0) }, [8, 8, 8, 12, 20, 20, 20])
    // Strong evidence (9.75, as above) passes with two cues, not with three or four.
    let evidence = " A qubit, a qubit, a quantum computer, a quantum computer, a kwantumcomputer."
    XCTAssertEqual(c.classify("The history of the qubit and Dutch wetgeving." + evidence).areas.map(\.id), ["quantum"])
    let three = "The history of the qubit, its legislation and Dutch wetgeving." + evidence
    XCTAssertEqual(c.classify(three).status, .belowThreshold)
    let why = c.explain(three).score(of: "quantum")?.reason ?? ""
    XCTAssertTrue(why.contains("(3 context cues: 'history', 'legislation', 'wetgeving'), so an area needs 12, score 9.75"), why)
    let four = "Interviews on the history of the qubit, its legislation and Dutch wetgeving." + evidence
    let whyFour = c.explain(four).score(of: "quantum")?.reason ?? ""
    XCTAssertTrue(whyFour.contains("(4 context cues: "), whyFour)
    XCTAssertTrue(whyFour.contains("so an area needs 20, score 9.75"), whyFour)
    // Without steps the bar stays 8 however many cues.
    XCTAssertEqual(try classifier().classify(four).areas.map(\.id), ["quantum"])
  }

  func testBadStepsAreReportedWithTheirPlace() {
    let text = TaxonomyFixtures.failure([
      "taxonomy.yaml": manifest(
        Self.context + """

            more_cues:
              - {min_cues: 2, area_score: 12}
              - {min_cues: 3, area_score: 12}
              - {min_cues: 4, area_score: 10}
              - {min_cues: 5, area_score: 16, extra: 1}
              - {min_cues: 6}
          """)
    ])
    XCTAssertTrue(text.contains("T/taxonomy.yaml:14:18: error: 'min_cues' must be more than the 2 before it, found 2"), text)
    XCTAssertTrue(text.contains("T/taxonomy.yaml:16:33: error: 'area_score' must be more than the 12 before it, found 10"), text)
    XCTAssertTrue(text.contains("T/taxonomy.yaml:17:"), text)
    XCTAssertTrue(text.contains("unknown key 'extra'"), text)
    XCTAssertTrue(text.contains("T/taxonomy.yaml:18:"), text)
    XCTAssertTrue(text.contains("area_score"), text)
    let notAList = TaxonomyFixtures.failure(["taxonomy.yaml": manifest(Self.context + "\n  more_cues: 5")])
    XCTAssertTrue(notAList.contains("T/taxonomy.yaml:13:14: error: 'more_cues' must be a list of steps"), notAList)
  }

  func testDiffListsStepChangesBothWays() throws {
    let (_, c) = try contextDiff(from: Self.context, to: Self.steps)
    XCTAssertEqual(c.moreCues, Change(old: [], new: [.init(minCues: 3, areaScore: 12), .init(minCues: 4, areaScore: 20)]))
    XCTAssertEqual(c.summary, ["area score with more context cues: none → 3 cues: 12, 4 cues: 20"])
    let json = String(decoding: try JSONEncoder().encode(c), as: UTF8.self)
    XCTAssertTrue(json.contains("\"more_cues\""), json)
    XCTAssertTrue(json.contains("\"min_cues\":4"), json)
    let steps = try release(Self.steps)
    XCTAssertNil(TaxonomyDiff(from: steps, to: steps).manifest.studyContext)
  }
}
