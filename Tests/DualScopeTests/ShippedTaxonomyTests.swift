import DualScopeTestSupport
import Foundation
import XCTest

@testable import DualScope

/// The shipped release: valid, complete, and embedded exactly as it is in Taxonomy/.
final class ShippedTaxonomyTests: XCTestCase {
  static let areaIDs = [
    "semiconductors", "artificial-intelligence", "quantum", "biotechnology", "connectivity-digital",
    "sensing", "space-propulsion", "energy", "robotics-autonomy", "advanced-materials",
  ]

  func testEmbeddedCopyMatchesTheFiles() throws {
    let root = CommandRunner.packageRoot.appendingPathComponent("Taxonomy")
    for version in ShippedTaxonomy.versions {
      let embedded = try XCTUnwrap(EmbeddedTaxonomy.releases[version])
      let folder = root.appendingPathComponent(version)
      let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
      XCTAssertEqual(
        Set(names), Set(embedded.keys),
        "Taxonomy/\(version) and the embedded copy differ; run Scripts/embed-taxonomy.py")
      for name in names {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        XCTAssertEqual(text, embedded[name], "\(version)/\(name) changed; run Scripts/embed-taxonomy.py")
      }
      // The content hash written when the release was embedded is the one its files give, from
      // the binary and from the folder.
      let shipped = try XCTUnwrap(ShippedTaxonomy.files(version: version))
      let known = try XCTUnwrap(EmbeddedTaxonomy.contentHashes[version], "run Scripts/embed-taxonomy.py")
      XCTAssertEqual(shipped.contentHash, known)
      XCTAssertEqual(shipped.computedContentHash, known, "\(version): run Scripts/embed-taxonomy.py")
      XCTAssertEqual(try TaxonomyFileSet(directory: folder.path).contentHash, known)
    }
    XCTAssertEqual(Set(EmbeddedTaxonomy.contentHashes.keys), Set(EmbeddedTaxonomy.releases.keys))
  }

  /// 2026.1 adds the screening part, reviewed terms, two fields, terms' exclusions, study-context
  /// cues and a record-context rule, and makes six terms of satellite images weak; every other
  /// area, field, term (with its weight, language and its exclusions of 2025.1) and scoring
  /// default of 2025.1 is kept as it was.
  func testTheNewestReleaseKeepsEverythingOfTheOneBeforeAndAddsTerms() throws {
    let a = try ShippedTaxonomy.load(version: "2025.1").taxonomy
    let b = try ShippedTaxonomy.load(version: "2026.1").taxonomy
    XCTAssertTrue(TaxonomyDiff(from: a, to: b).lineage.isEmpty)
    func node(_ n: TaxonomyNode) -> [String] { [n.id, "\(n.sensitivity)", "\(n.dualUse)", "\(n.threshold ?? 0)"] }
    func term(_ t: Term) -> String { "\(t.phrase)|\(t.language)|\(t.weight)|\(t.caseSensitive)" }
    let newFields: Set = ["sensing.sensor-systems", "advanced-materials.energy-materials"]
    XCTAssertEqual(a.nodes.map(node), b.nodes.filter { !newFields.contains($0.id) }.map(node))
    var added = 0
    var excluding: [String] = []
    var weakened: [String] = []
    let after = Dictionary(uniqueKeysWithValues: b.nodes.map { ($0.id, $0) })
    for old in a.nodes {
      let new = try XCTUnwrap(after[old.id])
      let kept = Dictionary(new.terms.map { (term($0), $0) }, uniquingKeysWith: { x, _ in x })
      for t in old.terms {
        // A prefix that reached other words ("microchipped"): a whole term now.
        if t.isPrefix && t.phrase == "microchip" {
          XCTAssertEqual(kept[term(t)]?.isPrefix, false, t.phrase)
          continue
        }
        XCTAssertEqual(kept[term(t)]?.isPrefix, t.isPrefix, "\(old.id): \(t.displayPhrase)")
        guard let now = kept[term(t)] else {
          XCTFail("\(old.id): \(term(t)) is not kept")
          continue
        }
        XCTAssertTrue(Set(now.exclusions).isSuperset(of: t.exclusions), "\(old.id): \(term(t)) lost an exclusion")
        if now.exclusions.count > t.exclusions.count { excluding.append(t.phrase) }
        if now.isWeak != t.isWeak {
          XCTAssertTrue(now.isWeak, "\(old.id): \(term(t)) is no longer weak")
          weakened.append(t.phrase)
        }
      }
      added += new.terms.count - old.terms.count
    }
    // 144 mined with suggest-terms; 37 and 27 for technologies that train grant objectives and own
    // train descriptions named and no term found; `ancillae` beside `ancilla`; 747 Dutch forms of
    // English terms from the review of the Dutch lists (735 in fields of 2025.1, 12 in the new ones);
    // 549 Dutch words from the second review, from Dutch usage (537 and 12).
    XCTAssertEqual(added, 209 + 735 + 537)
    XCTAssertEqual(newFields.map { after[$0]!.terms.count }.reduce(0, +), 46 + 12 + 12)
    // Satellite images and data are a tool in many fields: they count only near a term of Earth
    // observation itself.
    XCTAssertEqual(
      weakened.sorted(),
      ["remote sensing", "satellietbeeld", "satellietdata", "satellietwaarneming", "satellite image", "satellite imagery"])
    // Second meanings from biology: microsatellite markers (genetics), a honeybee colony's drones;
    // from psychology a battery of tests, from planning satellite towns, in both languages; the
    // Dutch participle "genomen" (taken), which `genom*` matched; organs on chips, as for `chip`;
    // Dutch compounds of another meaning (home test kits, hydrogen peroxide, laying-hen battery
    // cages, jurisprudence, quantity discounts); and the second review of the Dutch lists, which
    // gave 139 Dutch terms exclusions for their everyday meanings: 96 terms of 2025.1 now carry
    // exclusions they did not have, the first twelve among them.
    let firstExclusions: Set = [
      "batterij", "battery", "drone", "genom", "kwantum", "microsatellite", "on-chip", "satelliet", "satellite",
      "spraak", "waterstof", "zelftest",
    ]
    XCTAssertTrue(Set(excluding).isSuperset(of: firstExclusions))
    XCTAssertEqual(excluding.count, 96)
    // Every scoring default is kept; 2026.1 turns on negated evidence (NegationTests).
    var defaults = b.manifest.defaults
    XCTAssertEqual(defaults.negationWindow, 8)
    defaults.negationWindow = 0
    XCTAssertEqual(a.manifest.defaults, defaults)
    // A coordination and support action needs 8; Horizon Europe topic codes by destination.
    let rules = b.manifest.recordContext
    XCTAssertEqual(rules.first, RecordContextRule(column: "fundingScheme", values: ["CSA", "CSA-*", "*-CSA"], areaScore: 8))
    XCTAssertEqual(Set(rules.dropFirst().map(\.column)), ["topics"])
    XCTAssertEqual(
      rules.filter(\.isSupport).map(\.supports),
      [
        ["energy"], ["space-propulsion"],
        ["semiconductors", "artificial-intelligence", "quantum", "connectivity-digital", "sensing", "robotics-autonomy"],
        ["biotechnology", "artificial-intelligence", "sensing"], ["quantum"],
      ])
    XCTAssertTrue(rules.filter(\.isSupport).allSatisfy { $0.areaScore == 0.5 })
    XCTAssertEqual(
      rules.filter { !$0.isSupport }.map(\.areas), [[], [], ["space-propulsion"], ["artificial-intelligence", "space-propulsion"]])
    let cues = { (t: Taxonomy) in Set(t.manifest.studyContext?.cues ?? []) }
    XCTAssertTrue(cues(b).isSuperset(of: cues(a)))
    // 31 Dutch cues of law, administration and teaching; fieldwork and bought tools in both
    // languages; English economics, bibliometrics and media studies.
    let addedCues = cues(b).subtracting(cues(a))
    XCTAssertEqual(Dictionary(grouping: addedCues, by: \.language).mapValues(\.count), ["nl": 38, "en": 15])
    XCTAssertTrue(addedCues.contains(ContextCue(phrase: "off-the-shelf", language: "en")))
    // A description that calls itself a coordination and support action, in either language, or
    // names its own discipline as one that studies technology from the outside.
    let decisive = b.manifest.studyContext?.decisiveCues ?? []
    XCTAssertEqual(
      decisive.filter { $0.phrase.contains("ondersteuningsactie") || $0.phrase.contains("support action") }.map(\.displayPhrase),
      ["coordination and support action", "coördinatie- en ondersteuningsactie"])
    XCTAssertEqual(Dictionary(grouping: decisive, by: \.language).mapValues(\.count), ["en": 91, "nl": 185])
    XCTAssertTrue(decisive.contains(ContextCue(phrase: "rechtswetenschappelijke project", language: "nl", isCompound: true)))
    XCTAssertTrue(decisive.contains(ContextCue(phrase: "this historical study", language: "en")))
    let declared = "Dit kunsthistorische project volgt robots en robotarmen in musea."
    XCTAssertEqual(try Classifier(taxonomy: a).classify(declared).areas.map(\.id), ["robotics-autonomy"])
    XCTAssertEqual(try Classifier(taxonomy: b).classify(declared).areas, [])
    // Four different cues ask an area for 16, five for 24; 2025.1 has no such step.
    XCTAssertEqual(
      b.manifest.studyContext?.moreCues,
      [StudyContext.Step(minCues: 4, areaScore: 16), StudyContext.Step(minCues: 5, areaScore: 24)])
    XCTAssertEqual(a.manifest.studyContext?.moreCues, [])
    let csa = try Classifier(taxonomy: b)
    let text = "This coordination and support action networks European quantum computing and qubit laboratories."
    XCTAssertEqual(try Classifier(taxonomy: a).classify(text).areas.map(\.id), ["quantum"])
    XCTAssertEqual(csa.classify(text).areas, [])
    let d = ScreeningDiff(from: try ReleaseSpec.screening("2025.1"), to: try ReleaseSpec.screening("2026.1"))
    XCTAssertEqual(d.regimes.count, 9)
  }

  /// What the two fields of 2026.1 and its weak satellite images do to a text.
  func testSensorsBatteryMaterialsAndSatelliteImagesIn2026() throws {
    let old = try Classifier(taxonomy: ShippedTaxonomy.load(version: "2025.1").taxonomy)
    let new = try Classifier(taxonomy: ShippedTaxonomy.load(version: "2026.1").taxonomy)
    // Sensors a project develops, without naming what they measure: two terms of the new field.
    let sensors = "The project will develop novel sensors and a smart sensor platform for bridge inspection."
    XCTAssertEqual(old.classify(sensors).areas.map(\.id), [])
    let read = new.classify(sensors)
    XCTAssertEqual(read.areas.map(\.id), ["sensing"])
    XCTAssertEqual(read.fields.map(\.id), ["sensing.sensor-systems"])
    // One such term alone is below the rules' bar of one term (1.5 against 1.75); the learned
    // scoring adds the area all the same when its probability reaches the release's add_cut.
    let lone = "The partners will test a novel sensor in the field."
    let rules = try Self.rulesAlone("2026.1")
    XCTAssertEqual(rules.classify(lone).areas, [])
    let added = try XCTUnwrap(new.classify(lone).areas.first { $0.id == "sensing" })
    XCTAssertGreaterThanOrEqual(try XCTUnwrap(added.probability), try XCTUnwrap(new.taxonomy.calibration?.addCut))
    // Battery materials: energy, and advanced materials as the second area.
    let battery =
      "We develop a solid-state battery with a new solid electrolyte and high-nickel cathode materials for electric vehicles."
    XCTAssertEqual(old.classify(battery).areas.map(\.id), ["energy"])
    XCTAssertEqual(Set(new.classify(battery).areas.map(\.id)), ["energy", "advanced-materials"])
    // Satellite images as a tool count only near a term of Earth observation itself.
    let birds = "Met satellietbeelden en satellietdata volgen we het broedsucces van weidevogels op veenweiden."
    XCTAssertEqual(old.classify(birds).areas.map(\.id), ["space-propulsion"])
    XCTAssertEqual(new.classify(birds).areas, [])
    let observation = "Dit project ontwikkelt aardobservatie met kleine satellieten en verwerkt de satellietbeelden aan boord."
    XCTAssertTrue(new.classify(observation).areas.map(\.id).contains("space-propulsion"))
  }

  /// A shipped release scored by its rules alone, as `--uncalibrated`.
  static func rulesAlone(_ version: String) throws -> Classifier {
    var options = ClassifierOptions()
    options.uncalibrated = true
    return try Classifier(taxonomy: ShippedTaxonomy.load(version: version).taxonomy, options: options)
  }

  /// Two prefixes of 2025.1 that reached other words are whole terms in 2026.1: ancilla (not
  /// "ancillary") and microchip (not "microchipped").
  func testPrefixesThatReachedOtherWordsAreWholeTermsIn2026() throws {
    let new = try Self.rulesAlone("2026.1")
    let grid = "Batteries provide ancillary services and ancillary data to the grid operator."
    XCTAssertFalse(new.explain(grid).hits.contains { $0.field.hasPrefix("quantum") })
    let qubits = "An ancilla qubit and two ancillas measure the syndrome; the ancillae are reset."
    XCTAssertEqual(new.explain(qubits).hits.filter { $0.term.hasPrefix("ancilla") }.map(\.text), ["ancilla", "ancillas", "ancillae"])
    let pets = "All dogs were microchipped; microchipping of cats became mandatory."
    XCTAssertFalse(new.explain(pets).hits.contains { $0.field.hasPrefix("semiconductors") })
    XCTAssertEqual(new.explain("A microchip and two microchips.").hits.filter { $0.field.hasPrefix("semiconductors") }.count, 2)
  }

  /// Dutch compounds whose part is a term with another meaning: a home test kit, hydrogen
  /// peroxide, a laying-hen battery cage, jurisprudence, a quantity discount. The same parts
  /// still count where they mean the technology.
  func testDutchCompoundsOfAnotherMeaningDoNotCountIn2026() throws {
    let new = try Self.rulesAlone("2026.1")
    let harmless = [
      ("Een coronazelftest en twee DNA-zelftests thuis.", "semiconductors"),
      ("Waterstofperoxide en zwavelwaterstof in het riool.", "energy"),
      ("Kippen in een legbatterij; de kustbatterijen uit de oorlog.", "energy"),
      ("De rechtspraak, de uitspraak van de rechter en de inspraak van burgers.", "artificial-intelligence"),
      ("Kwantumkortingen bij de inkoop.", "quantum"),
    ]
    for (text, area) in harmless {
      let hits = new.explain(text).hits.filter { $0.field.hasPrefix(area) }
      XCTAssertFalse(hits.isEmpty, text)
      XCTAssertTrue(hits.allSatisfy { $0.fate == .excluded }, "\(text): \(hits)")
    }
    let technology = [
      ("Een ingebouwde zelftest van de chip.", "semiconductors"),
      ("Groene waterstof uit een elektrolyser en waterstofopslag.", "energy"),
      ("Een thuisbatterij en batterijcellen.", "energy"),
      ("Spraakherkenning met een spraakmodel.", "artificial-intelligence"),
      ("Een kwantumcomputer met kwantumbits.", "quantum"),
    ]
    Self.assertCounts(new, technology, true)
  }

  /// The Dutch forms of English terms that 2026.1's review of the Dutch lists added count in
  /// their fields; the words left out for a second meaning, and English words that a Dutch
  /// prefix would have reached, do not.
  func testDutchFormsOfEnglishTermsCountIn2026() throws {
    let new = try Self.rulesAlone("2026.1")
    let old = try Classifier(taxonomy: ShippedTaxonomy.load(version: "2025.1").taxonomy)
    let dutch = [
      ("De kernkrachtcentrale in Borssele.", "energy.nuclear-fission"),
      ("Twee gammadetectoren en een tijdprojectiekamer.", "sensing.radiation-detection"),
      ("Een quantumprocessor met quantumpoorten.", "quantum.computing"),
      ("Zonnemodules op het dak.", "energy.photovoltaics-net-zero"),
      ("Het transcriptoom van de lever.", "biotechnology.genomics-omics"),
      ("Zelfrijdend vervoer op de campus.", "robotics-autonomy.uncrewed-vehicles"),
    ]
    Self.assertCounts(new, dutch, true)
    Self.assertCounts(old, dutch, false)
    let harmless = [
      "De ontologie van Heidegger.",
      "Het distributienetwerk van een supermarktketen.",
      "Uitloging van nitraat naar het grondwater.",
      "Een batch in twee chemische reactoren.",
    ]
    Self.assertCounts(new, harmless.map { ($0, "") }, false)
    let english = "Diffraction-limited imaging with a gene-driven fluorescent marker in robotic surgery."
    XCTAssertFalse(new.explain(english).hits.contains { $0.field == "biotechnology.gene-drive" })
  }

  /// The second review of the Dutch lists, from Dutch usage: words that count with 2026.1 and
  /// not with 2025.1, everyday meanings of Dutch terms that counted with 2025.1 and no longer
  /// do, and the same terms still counting where they mean the technology.
  func testDutchUsageAndEverydayMeaningsIn2026() throws {
    let new = try Self.rulesAlone("2026.1")
    let old = try Classifier(taxonomy: ShippedTaxonomy.load(version: "2025.1").taxonomy)
    let dutch = [
      ("Quantumsleuteldistributie over het glasvezelnet.", "quantum.cryptography"),
      ("Beeldherkenningssoftware voor de inspectie van lasnaden.", "artificial-intelligence.computer-vision"),
      ("Een ransomwareaanval op een ziekenhuis.", "connectivity-digital.cybersecurity"),
      ("Een modegekoppelde vastestoflaser.", "semiconductors.lasers"),
      ("Restlichtversterkers voor nachtelijke waarneming.", "sensing.electro-optical"),
      ("Een kokendwaterreactor van de tweede generatie.", "energy.nuclear-fission"),
      ("Onderwaterrobots inspecteren de pijpleiding.", "robotics-autonomy.uncrewed-vehicles"),
    ]
    Self.assertCounts(new, dutch, true)
    Self.assertCounts(old, dutch, false)
    let everyday = [
      ("Koolwaterstoffen in de bodem.", "energy"),
      ("Een neuraal netwerk in de hersenen.", "artificial-intelligence"),
      ("Belangenverstrengeling in het bestuur.", "quantum"),
      ("Volgens de buienradar gaat het regenen.", "sensing"),
      ("Een goede tennisraket.", "space-propulsion"),
      ("Het exoskelet van insecten.", "robotics-autonomy"),
    ]
    Self.assertCounts(old, everyday, true)
    Self.assertCounts(new, everyday, false)
    let technology = [
      ("Vloeibare waterstof als brandstof.", "energy"),
      ("Een neuraal netwerk voor spraakherkenning.", "artificial-intelligence"),
      ("Een raket voor kleine satellieten.", "space-propulsion"),
      ("Verstrengeling van twee qubits.", "quantum"),
      ("Een radar voor drones.", "sensing"),
      ("Een exoskelet voor de onderrug van bouwvakkers.", "robotics-autonomy"),
    ]
    Self.assertCounts(new, technology, true)
  }

  /// Asserts for each (text, id) whether a match in the text counts in the field or area `id` or
  /// one of its sub-fields (in any field for the empty string).
  static func assertCounts(
    _ classifier: Classifier, _ cases: [(String, String)], _ expected: Bool,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    for (text, id) in cases {
      let counted = classifier.explain(text).hits.contains { $0.fate == .counted && $0.field.hasPrefix(id) }
      XCTAssertEqual(counted, expected, "\(text) under \(id)", file: file, line: line)
    }
  }

  /// Second meanings in 2026.1: drones of a honeybee colony, AI of animal breeding.
  func testSecondMeaningsIn2026() throws {
    let old = try Classifier(taxonomy: ShippedTaxonomy.load(version: "2025.1").taxonomy)
    let new = try Classifier(taxonomy: ShippedTaxonomy.load(version: "2026.1").taxonomy)
    let bees =
      "Honeybee queens mate in flight with 10 to 20 drones. We follow marked drones with harmonic radar to learn how far drones fly from their colony."
    XCTAssertEqual(old.classify(bees).areas.map(\.id), ["robotics-autonomy"])
    XCTAssertEqual(new.classify(bees).areas, [])
    let flight = "We develop a drone that inspects wind turbines: the drone plans its own flight path."
    XCTAssertEqual(new.classify(flight).areas.map(\.id), ["robotics-autonomy"])
    let breeding = "Artificiële inseminatie (AI) bij melkvee: de AI-resultaten dalen tijdens hittegolven. AI-technici en veehouders."
    XCTAssertEqual(old.classify(breeding).areas.map(\.id), ["artificial-intelligence"])
    XCTAssertEqual(new.classify(breeding).areas, [])
  }

  func testLatestReleaseIsValidAndComplete() throws {
    let loaded = try ShippedTaxonomy.load()
    let t = loaded.taxonomy
    t._checkInvariants()
    XCTAssertEqual(t.version, "2026.1")
    XCTAssertEqual(Array(t.areas.map(\.id).prefix(10)), Self.areaIDs)
    XCTAssertGreaterThanOrEqual(t.fields.count, 45)
    XCTAssertGreaterThanOrEqual(t.termCount, 1500)
    let dutch = t.nodes.flatMap(\.terms).filter { $0.language == "nl" }.count
    XCTAssertGreaterThanOrEqual(Double(dutch), 0.3 * Double(t.termCount))
    for field in t.fields where !field.terms.isEmpty {
      let languages = Set(field.terms.map(\.language))
      XCTAssertEqual(languages, ["en", "nl"], "\(field.id) needs English and Dutch terms")
    }
    for area in t.areas {
      XCTAssertGreaterThanOrEqual(t.children(of: area.id).count, 4, "\(area.id) has few fields")
    }
    XCTAssertGreaterThan(t.nodes.flatMap(\.dualUse).count, 20)
  }

  func testEveryShippedReleaseLoads() throws {
    for version in ShippedTaxonomy.versions {
      let loaded = try ShippedTaxonomy.load(version: version)
      loaded.taxonomy._checkInvariants()
      XCTAssertEqual(loaded.taxonomy.version, version)
      _ = try TaxonomyIndex(loaded.taxonomy)
    }
  }

  func testContentHashIsStableAndSensitive() throws {
    let a = try ShippedTaxonomy.load().taxonomy.contentHash
    let b = try ShippedTaxonomy.load().taxonomy.contentHash
    XCTAssertEqual(a, b)
    let files = try XCTUnwrap(ShippedTaxonomy.files())
    var copy: [String: [UInt8]] = [:]
    for name in files.names { copy[name] = files.bytes(name) }
    copy["taxonomy.yaml"]! += Array("# changed\n".utf8)
    let changed = try TaxonomyLoader.load(TaxonomyFileSet(origin: "x", displayPrefix: "x/", files: copy))
    XCTAssertNotEqual(changed.taxonomy.contentHash, a)
  }

  func testSHA256KnownAnswers() {
    var h = SHA256()
    XCTAssertEqual(h.finalizeHex(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    var abc = SHA256()
    abc.update(Array("abc".utf8))
    XCTAssertEqual(abc.finalizeHex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    var long = SHA256()
    long.update(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
    XCTAssertEqual(long.finalizeHex(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    // A million "a" (FIPS 180-2 appendix B.3), in one piece and in pieces that start and end
    // inside blocks.
    let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    var whole = SHA256()
    whole.update(million)
    XCTAssertEqual(whole.finalizeHex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    var pieces = SHA256()
    var at = 0
    for size in [1, 63, 64, 65, 0, 127, 3, 200, 64] {
      pieces.update(Array(million[at..<at + size]))
      at += size
    }
    pieces.update(Array(million[at...]))
    XCTAssertEqual(pieces.finalizeHex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }
}
