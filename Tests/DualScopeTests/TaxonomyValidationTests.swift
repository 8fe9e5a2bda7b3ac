import XCTest

@testable import DualScope

/// Exact diagnostic text for every validation rule, source line and caret included.
final class TaxonomyValidationTests: XCTestCase {
  func testValidFixtureLoads() throws {
    let loaded = try TaxonomyLoader.load(TaxonomyFixtures.files())
    XCTAssertEqual(loaded.taxonomy.nodes.map(\.id), ["quantum", "quantum.computing"])
    XCTAssertEqual(loaded.taxonomy.termCount, 3)
    XCTAssertEqual(loaded.warnings, [])
    XCTAssertEqual(loaded.taxonomy.contentHash.count, 64)
    loaded.taxonomy._checkInvariants()
  }

  func testUnknownKeySuggestsTheNearestKey() {
    let text = TaxonomyFixtures.quantum.replacingOccurrences(of: "    terms:", with: "    trems:")
    XCTAssertEqual(
      TaxonomyFixtures.failure(["quantum.yaml": text]),
      """
      T/quantum.yaml:6:9: error: field 'quantum.computing' has no terms
        - id: quantum.computing
              ^
      T/quantum.yaml:10:5: error: unknown key 'trems' in a field (did you mean 'terms'?)
          trems:
          ^

      """)
  }

  func testNonASCIILineKeepsTheCaretUnderTheCharacter() {
    let text = TaxonomyFixtures.quantum.replacingOccurrences(
      of: "name: {en: Quantum computing, nl: Kwantumcomputers}",
      with: "name: {en: Quantum computing, nl: Kwantumcomputers, dé: Quantencomputer}")
    XCTAssertEqual(
      TaxonomyFixtures.failure(["quantum.yaml": text]),
      """
      T/quantum.yaml:7:57: error: unknown key 'dé' in 'name'
          name: {en: Quantum computing, nl: Kwantumcomputers, dé: Quantencomputer}
                                                              ^

      """)
  }

  func testWrongTypesAndRangesAreAllReported() {
    let text = TaxonomyFixtures.quantum
      .replacingOccurrences(of: "{term: qubit, weight: 3}", with: "{term: qubit, weight: heavy}")
      .replacingOccurrences(of: "{term: kwantumcomputer, weight: 3, compound: true}", with: "{term: kwantumcomputer, weight: 12, compound: yes}")
      .replacingOccurrences(of: "sensitivity: high\n    dual_use", with: "sensitivity: hihg\n    dual_use")
    XCTAssertEqual(
      TaxonomyFixtures.failure(["quantum.yaml": text]),
      """
      T/quantum.yaml:8:18: error: unknown sensitivity 'hihg' (did you mean 'high'?)
          sensitivity: hihg
                       ^
      T/quantum.yaml:12:33: error: 'weight' must be a number, found 'heavy'
              - {term: qubit, weight: heavy}
                                      ^
      T/quantum.yaml:15:43: error: weight 12 of 'kwantumcomputer' is out of range (0 < weight <= 10)
              - {term: kwantumcomputer, weight: 12, compound: yes}
                                                ^
      T/quantum.yaml:15:57: error: 'compound' must be true or false, found 'yes'
              - {term: kwantumcomputer, weight: 12, compound: yes}
                                                              ^

      """)
  }

  func testSecondMeaningsAreDecodedAndTheirPhrasesChecked() throws {
    let one = TaxonomyFixtures.quantum.replacingOccurrences(
      of: "{term: qubit, weight: 3}", with: "{term: qubit, weight: 3, second_meaning: qubit chess}")
    let loaded = try TaxonomyLoader.load(TaxonomyFixtures.files(["quantum.yaml": one]))
    let qubit = try XCTUnwrap(loaded.taxonomy.nodes[1].terms.first { $0.phrase == "qubit" })
    XCTAssertEqual(qubit.secondMeanings, ["qubit chess"])
    XCTAssertEqual(qubit.exclusions, [])
    let bad = TaxonomyFixtures.quantum.replacingOccurrences(
      of: "{term: qubit, weight: 3}", with: "{term: qubit, weight: 3, second_meaning: [\"--\", qubit farm*]}")
    XCTAssertEqual(
      TaxonomyFixtures.failure(["quantum.yaml": bad]),
      """
      T/quantum.yaml:12:11: error: second_meaning phrase '--' of term 'qubit' has no letters or digits
              - {term: qubit, weight: 3, second_meaning: ["--", qubit farm*]}
                ^
      T/quantum.yaml:12:11: error: second_meaning phrase 'qubit farm*' of term 'qubit' has a '*'; write the whole phrase
              - {term: qubit, weight: 3, second_meaning: ["--", qubit farm*]}
                ^

      """)
  }

  func testDuplicateIDAcrossFiles() {
    let manifest = TaxonomyFixtures.manifest + "\n  - more.yaml"
    let more = """
      area:
        id: sensing
        name: {en: Sensing, nl: Sensoren}
      fields:
        - id: quantum.computing
          name: {en: Again, nl: Opnieuw}
          terms:
            en: [magnetometer]
            nl: [magnetometer]
      """
    XCTAssertEqual(
      TaxonomyFixtures.failure(["taxonomy.yaml": manifest, "more.yaml": more]),
      """
      T/more.yaml:5:9: error: duplicate id 'quantum.computing' (first declared at T/quantum.yaml:6:9)
        - id: quantum.computing
              ^
      T/more.yaml:5:9: error: field id 'quantum.computing' must start with its parent's id 'sensing.'
        - id: quantum.computing
              ^
      T/more.yaml:9:12: error: term 'magnetometer' listed twice in 'quantum.computing' (first at line 8, column 12)
            nl: [magnetometer]
                 ^

      """)
  }

  /// Found by the diff harness: two sources with one id made a release differ from itself
  /// (the diff pairs sources by id).
  func testSourceListedTwiceIsAnError() {
    let manifest = TaxonomyFixtures.manifest(
      adding: """
        sources:
          - {id: eu-2021-821, title: Dual-use regulation}
          - {id: nl-embargo, title: Knowledge embargo}
          - {id: eu-2021-821, title: Something else}
        """)
    XCTAssertEqual(
      TaxonomyFixtures.failure(["taxonomy.yaml": manifest]),
      """
      T/taxonomy.yaml:10:10: error: source 'eu-2021-821' listed twice (first at line 8, column 10)
        - {id: eu-2021-821, title: Something else}
               ^

      """)
  }

  /// The manifest's own values are checked where they are written: an area file or a language
  /// listed twice, a language code that is none, a default out of range.
  func testManifestProblemsPointAtTheirValue() {
    let manifest = """
      schema_version: 1
      id: test-taxonomy
      version: "1.0"
      title: Test taxonomy
      languages: [en, nl, EN, en]
      defaults: {area_threshold: 0, weak_window: 0}
      areas:
        - quantum.yaml
        - quantum.yaml
      """
    XCTAssertEqual(
      TaxonomyFixtures.failure(["taxonomy.yaml": manifest]),
      """
      T/taxonomy.yaml:5:21: error: invalid language code 'EN' (expected e.g. en or nl)
      languages: [en, nl, EN, en]
                          ^
      T/taxonomy.yaml:5:25: error: language 'en' listed twice (first at line 5, column 13)
      languages: [en, nl, EN, en]
                              ^
      T/taxonomy.yaml:6:28: error: default thresholds must be greater than 0
      defaults: {area_threshold: 0, weak_window: 0}
                                 ^
      T/taxonomy.yaml:6:44: error: weak_window must be at least 1 word
      defaults: {area_threshold: 0, weak_window: 0}
                                                 ^
      T/taxonomy.yaml:9:5: error: area file 'quantum.yaml' listed twice (first at line 8, column 5)
        - quantum.yaml
          ^

      """)
  }

  func testTermListedTwiceInAFieldIsAnErrorAndInTwoFieldsAWarning() throws {
    let twice = TaxonomyFixtures.quantum.replacingOccurrences(
      of: "        - quantum computer", with: "        - quantum computer\n        - Quantum Computer")
    XCTAssertEqual(
      TaxonomyFixtures.failure(["quantum.yaml": twice]),
      """
      T/quantum.yaml:14:11: error: term 'Quantum Computer' listed twice in 'quantum.computing' (first at line 13, column 11)
              - Quantum Computer
                ^

      """)
    let second = TaxonomyFixtures.quantum + """

        - id: quantum.sensing
          name: {en: Quantum sensing, nl: Kwantumsensoren}
          terms:
            en: [qubit]
            nl: [kwantumsensor]
      """
    let loaded = try TaxonomyLoader.load(TaxonomyFixtures.files(["quantum.yaml": second]))
    XCTAssertEqual(
      loaded.warnings.map(\.description),
      ["T/quantum.yaml:19:12: warning: term 'qubit' is also in 'quantum.computing' (line 12, column 11); it weighs less in each"])
  }

  func testLanguageMustBeDeclared() {
    let text = TaxonomyFixtures.quantum.replacingOccurrences(of: "      nl:\n", with: "      de:\n")
    XCTAssertEqual(
      TaxonomyFixtures.failure(["quantum.yaml": text]),
      """
      T/quantum.yaml:14:7: error: language 'de' is not declared in the manifest (languages: en, nl)
            de:
            ^

      """)
  }

  func testDualUseCodeFormat() {
    let text = TaxonomyFixtures.quantum.replacingOccurrences(of: "[4A506]", with: "[4A506, 3F001, 1C351.a.1, 3A01]")
    XCTAssertEqual(
      TaxonomyFixtures.failure(["quantum.yaml": text]),
      """
      T/quantum.yaml:9:23: error: invalid dual-use code '3F001' (expected category 0-9, group A-E and three digits, with optional dotted sub-items, e.g. 3A001 or 1C351.a.1)
          dual_use: [4A506, 3F001, 1C351.a.1, 3A01]
                            ^
      T/quantum.yaml:9:41: error: invalid dual-use code '3A01' (expected category 0-9, group A-E and three digits, with optional dotted sub-items, e.g. 3A001 or 1C351.a.1)
          dual_use: [4A506, 3F001, 1C351.a.1, 3A01]
                                              ^

      """)
  }

  func testUnknownParentAndCycles() {
    let text = TaxonomyFixtures.quantum + """

        - id: quantum.computing.a
          name: {en: A, nl: A}
          parent: quantum.computing.b
          terms: {en: [alpha], nl: [alfa]}
        - id: quantum.computing.b
          name: {en: B, nl: B}
          parent: quantum.computing.a
          terms: {en: [beta], nl: [bèta]}
        - id: quantum.computing.c
          name: {en: C, nl: C}
          parent: quantum.computnig
          terms: {en: [gamma ray], nl: [gammastraling]}
      """
    let rendered = TaxonomyFixtures.failure(["quantum.yaml": text])
    XCTAssertTrue(
      rendered.contains(
        "T/quantum.yaml:18:13: error: parent cycle: quantum.computing.a -> quantum.computing.b -> quantum.computing.a"),
      rendered)
    XCTAssertTrue(
      rendered.contains(
        "T/quantum.yaml:26:13: error: unknown parent 'quantum.computnig' (did you mean 'quantum.computing'?)"),
      rendered)
  }

  func testFieldWithoutTerms() {
    let text = TaxonomyFixtures.quantum + """

        - id: quantum.sensing
          name: {en: Quantum sensing, nl: Kwantumsensoren}
      """
    XCTAssertEqual(
      TaxonomyFixtures.failure(["quantum.yaml": text]),
      """
      T/quantum.yaml:16:9: error: field 'quantum.sensing' has no terms
        - id: quantum.sensing
              ^

      """)
  }

  func testNewerSchemaVersionIsRefused() {
    let manifest = TaxonomyFixtures.manifest.replacingOccurrences(of: "schema_version: 1", with: "schema_version: 7")
    XCTAssertEqual(
      TaxonomyFixtures.failure(["taxonomy.yaml": manifest]),
      """
      T/taxonomy.yaml:1:17: error: schema_version 7 is newer than this dualscope reads (1); upgrade dualscope to load this taxonomy
      schema_version: 7
                      ^

      """)
  }

  func testMissingAreaFile() {
    let manifest = TaxonomyFixtures.manifest + "\n  - absent.yaml"
    XCTAssertEqual(
      TaxonomyFixtures.failure(["taxonomy.yaml": manifest]),
      """
      T/taxonomy.yaml:9:5: error: area file 'absent.yaml' not found
        - absent.yaml
          ^

      """)
  }

  func testYAMLSyntaxErrorsCarryTheirPosition() {
    let rendered = TaxonomyFixtures.failure(["quantum.yaml": "area:\n  id: quantum\n  id: again\n"])
    XCTAssertTrue(rendered.hasPrefix("T/quantum.yaml:3:3: error: duplicate key 'id'"), rendered)
  }
}
