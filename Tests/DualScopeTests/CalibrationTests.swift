import Foundation
import DualScopeTestSupport
import XCTest

@testable import DualScope

/// Calibrated scoring: sentence roles, the learner, the file format and its diagnostics, the
/// decision rule (probability and evidence), `explain`, and the calibration metrics.
final class CalibrationTests: XCTestCase {
  static let positives = [
    "Qubit control electronics\nWe develop a superconducting qubit processor with fast readout.",
    "Scalable quantum computer\nThis project will build a quantum computer from spin qubits.",
    "Error correction hardware\nWe will demonstrate a qubit array with surface-code error correction.",
    "Photonic qubits\nHere we present a photonic qubit source for a quantum computer.",
    "Kwantumcomputer van siliciumspins\nWij ontwikkelen een kwantumcomputer met spin-qubits.",
    "Ion traps\nWe build a trapped-ion qubit register and characterise its fidelity.",
  ]
  static let negatives = [
    "Public attitudes\nA survey of public attitudes towards the quantum computer in newspapers and opinion.",
    "History of computing\nA history of the quantum computer hype in the popular press and its opinion pieces.",
    "Media study\nThis study of newspaper coverage examines how journalists framed the qubit as a buzzword in opinion columns.",
    "Geschiedenis\nEen geschiedenis van de kwantumcomputer in de krant, de opinie en het publieke debat.",
    "Policy interviews\nInterviews with policy makers about the quantum computer and public opinion.",
    "Law review\nA legal study of export rules for the quantum computer, based on opinion and newspaper archives.",
  ]

  static func examples(repeats: Int = 3) -> [CalibrationExample] {
    var out: [CalibrationExample] = []
    for r in 0..<repeats {
      for (i, t) in positives.enumerated() {
        out.append(.init(source: "fixture", id: "p\(r)-\(i)", text: t, strong: ["quantum"], weak: []))
      }
      for (i, t) in negatives.enumerated() {
        out.append(.init(source: "fixture", id: "n\(r)-\(i)", text: t, strong: [], weak: []))
      }
    }
    return out
  }

  func base() throws -> Classifier {
    var o = ClassifierOptions()
    o.areaThreshold = 1
    o.fieldThreshold = 1
    return try Classifier(taxonomy: TaxonomyLoader.load(TaxonomyFixtures.files()).taxonomy, options: o)
  }

  func train(sharedContext: Bool = false, bigrams: Bool = false) throws -> CalibrationModel {
    var options = CalibrationModel.Options()
    options.sharedContext = sharedContext
    options.bigrams = bigrams
    options.hashBits = 12
    options.minDocumentFrequency = 1
    options.prune = 0.001
    options.l2Context = 0.01
    options.l2Evidence = 0.01
    return Calibrator(base: try base(), options: options).train(Self.examples(), release: "1.1")
  }

  /// The fixture release with a calibration file.
  func calibrated(_ model: CalibrationModel, options: ClassifierOptions = ClassifierOptions()) throws -> Classifier {
    let files = TaxonomyFixtures.files([CalibrationFile.name: CalibrationFile.encode(model)])
    return try Classifier(taxonomy: TaxonomyLoader.load(files).taxonomy, options: options)
  }

  func testSentencesGetRoles() {
    var out: [Sentence] = []
    let text = "Quantum networks\n\nEurope depends on secure links. We develop a qubit memory. Results will be shared with stakeholders. The memory stores light."
    TextFeatures.sentences(text, into: &out)
    let roles = out.map(\.role)
    XCTAssertEqual(roles.first, .title)
    XCTAssertTrue(roles.contains(.background))
    XCTAssertTrue(roles.contains(.aim))
    XCTAssertTrue(roles.contains(.impact))
    let offset = text.utf8.count - 5
    XCTAssertEqual(TextFeatures.role(at: offset, out), .body)
    var nl: [Sentence] = []
    TextFeatures.sentences("Wij ontwikkelen een kwantumsensor. In de afgelopen jaren is veel veranderd.", into: &nl)
    XCTAssertEqual(nl.map(\.role), [.aim, .background])
    // Sentences glued together, as grant databases join paragraphs: split before the capital;
    // abbreviations before a capital are not.
    var glued: [Sentence] = []
    let objective = "Europe depends on imported chips.The project will develop a new lithography mask (EUV).It is tested i.e.The end."
    TextFeatures.sentences(objective, into: &glued)
    XCTAssertEqual(glued.map(\.role), [.background, .aim, .body])
    XCTAssertEqual(
      glued.map { String(decoding: Array(objective.utf8)[$0.start..<$0.end], as: UTF8.self) },
      ["Europe depends on imported chips.", "The project will develop a new lithography mask (EUV).", "It is tested i.e.The end."])
    var abbreviated: [Sentence] = []
    TextFeatures.sentences("Made in the U.S.The lab is in St.Louis.", into: &abbreviated)
    XCTAssertEqual(abbreviated.count, 1)
  }

  /// The scorer finds only the sentences that hold a term, each from its neighbourhood; that
  /// must be the sentence, and the role, a split of the whole text gives, for every byte.
  func testSentenceFoundAroundAnOffsetIsTheSentenceOfTheWholeSplit() {
    var texts = [
      "Quantum networks\n\nEurope depends on secure links. We develop a qubit memory. Results will be shared with stakeholders. The memory stores light.",
      "A first line that ends in a full stop.\nWe will build a robot! Is it safe? Dr. A. Smith and St. Louis in 3.5 s.\n",
      "Title only\n", "\nLeading break. Then text", "x", "One sentence without an end",
      "Wij ontwikkelen een kwantumsensor. In de afgelopen jaren is veel veranderd.",
    ]
    var rng = SeededGenerator(seed: 2026)
    let pieces = [
      "We develop", " a laser", ".", ". ", "!", "? ", "\n", " ", "e.g. ", "A. ", "3.5", "dit project", "Europe ", "impact", ";",
      " x", "Then", "ab", "(EU)", "i.e.",
    ]
    for _ in 0..<300 {
      texts.append((0..<Int.random(in: 1...14, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined())
    }
    for text in texts {
      var all: [Sentence] = []
      TextFeatures.sentences(text, into: &all)
      var copy = text
      copy.withUTF8 { bytes in
        let title = TextFeatures.titleEnd(bytes)
        var found: [Sentence] = []
        for offset in 0..<bytes.count {
          let whole = all.first { $0.start <= offset && offset < $0.end }
          let local = TextFeatures.sentence(at: offset, bytes, titleEnd: title)
          XCTAssertEqual(local?.start, whole?.start, "\(text.debugDescription) at \(offset)")
          XCTAssertEqual(local?.end, whole?.end, "\(text.debugDescription) at \(offset)")
          XCTAssertEqual(TextFeatures.role(at: offset, bytes, titleEnd: title, found: &found), whole?.role ?? .body)
        }
      }
    }
  }

  func testSplitBucketIsFNV1a() {
    XCTAssertEqual(FNV1a.hash("a".utf8), 0xaf63_dc4c_8601_ec8c)
    XCTAssertEqual(FNV1a.splitBucket("a"), Int(UInt64(0xaf63_dc4c_8601_ec8c) % 10))
  }

  func testContextBucketsAreUniqueAndFolded() {
    var a: [Int32] = []
    var b: [Int32] = []
    TextFeatures.contextBuckets("Study of attitudes. STUDY of Attitudes", bits: 16, into: &a)
    TextFeatures.contextBuckets("study of attitudes", bits: 16, into: &b)
    XCTAssertEqual(a, b)
    XCTAssertEqual(Set(a).count, a.count)
    XCTAssertEqual(a.count, 5, "three words and two pairs")
  }

  /// Buckets are marked in a bit table as they are found; with a worker's own table they are those of
  /// a fresh table, each once in order of first occurrence (a repeated text adds none), the long
  /// twins after the plain buckets, and the table is left clear for the next text. Ten bits, so
  /// words, pairs and twins collide.
  func testContextBucketsOfAWorkersTableAreFirstOccurrencesAndLeaveItClear() {
    let vocabulary = ["qubit", "Chip", "of", "the", "study", "2024", "a", "reactor", "Lidar", "gene", "x1", "über"]
    var state: UInt64 = 0x1234_5678
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    var seen: [UInt64] = []
    for _ in 0..<300 {
      var words: [String] = []
      for _ in 0..<(1 + next(60)) { words.append(vocabulary[next(vocabulary.count)] + (next(8) == 0 ? "." : "")) }
      let text = words.joined(separator: " ")
      for long in [false, true] {
        var fresh: [Int32] = []
        var own: [Int32] = []
        var doubled: [Int32] = []
        TextFeatures.contextBuckets(text, bits: 10, into: &fresh, long: long)
        TextFeatures.contextBuckets(text, bits: 10, into: &own, seen: &seen, long: long)
        XCTAssertEqual(own, fresh, text)
        XCTAssertEqual(Set(own).count, own.count, text)
        XCTAssertTrue(seen.allSatisfy { $0 == 0 }, text)
        TextFeatures.contextBuckets(text + ". " + text, bits: 10, into: &doubled, seen: &seen, long: long)
        XCTAssertEqual(doubled, own, text)
        if long {
          var plain: [Int32] = []
          TextFeatures.contextBuckets(text, bits: 10, into: &plain, seen: &seen)
          XCTAssertEqual(Array(own.prefix(plain.count)), plain, text)
        }
      }
    }
  }

  /// The kinds of eight bytes found at once are those of each byte on its own: word bytes (ASCII
  /// letters and digits, 0x80 and above), digits, and capitals folded; bytes past the text's end
  /// read as 0. Every byte value in every position, then random words.
  func testWordBytesMasksAreThoseOfEachByte() {
    func check(_ w: UInt64, _ line: UInt = #line) {
      let step = WordBytes(w)
      for j in 0..<8 {
        let b = UInt8(truncatingIfNeeded: w >> UInt64(8 * j))
        let bit: UInt64 = 0x80 << UInt64(8 * j)
        XCTAssertEqual(step.word & bit != 0, TextFeatures.isWordByte(b), "byte \(b) at \(j) of \(w)", line: line)
        XCTAssertEqual(step.digits & bit != 0, (48...57).contains(b), "byte \(b) at \(j)", line: line)
        XCTAssertEqual(UInt8(truncatingIfNeeded: step.lowered >> UInt64(8 * j)), TextFeatures.lower(b), "byte \(b) at \(j)", line: line)
      }
      var k = 0
      while k < 8 && TextFeatures.isWordByte(UInt8(truncatingIfNeeded: w >> UInt64(8 * k))) { k += 1 }
      XCTAssertEqual(step.wordLength, k, "\(w)", line: line)
    }
    for b in 0...255 {
      for j in 0..<8 { check(UInt64(b) << UInt64(8 * j) | 0x6161_6161_6161_6161 & ~(0xFF << UInt64(8 * j))) }
    }
    var state: UInt64 = 7
    for _ in 0..<20_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      check(state)
    }
    let text = Array("Qubit".utf8)
    text.withUnsafeBufferPointer { u in
      let step = WordBytes(u.baseAddress!, 0, u.count)
      XCTAssertEqual(step.wordLength, 5, "the bytes past the end are not word bytes")
      XCTAssertEqual(step.lowered, UInt64(0x74_6962_7571))
    }
  }

  /// Both word hashes over the same words as a byte-by-byte scan written from the definitions:
  /// words are runs of word bytes, folded to lower case; one byte long or all digits they are
  /// skipped and break pairs, as a sentence end between two words does. Format 1 is FNV-1a over
  /// the word; format 2 mixes the word eight bytes a step, then its length.
  func testContextBucketsOfBothFormatsAreThoseOfAByteByByteScan() {
    func reference(_ text: String, bits: Int, _ hash: TextFeatures.WordHash, bigrams: Bool = true) -> [Int32] {
      var out: [Int32] = []
      func add(_ b: Int32) { if !out.contains(b) { out.append(b) } }
      let bytes = Array(text.utf8)
      var i = 0
      var previous: UInt64?
      while i < bytes.count {
        if !TextFeatures.isWordByte(bytes[i]) {
          if [46, 10, 33, 63].contains(bytes[i]) { previous = nil }
          i += 1
          continue
        }
        var word: [UInt8] = []
        while i < bytes.count && TextFeatures.isWordByte(bytes[i]) {
          word.append(TextFeatures.lower(bytes[i]))
          i += 1
        }
        guard word.count >= 2, !word.allSatisfy({ (48...57).contains($0) }) else {
          previous = nil
          continue
        }
        var h: UInt64
        switch hash {
        case .fnv1a: h = FNV1a.hash(word)
        case .chunked:
          h = WordBytes.seed
          for start in stride(from: 0, to: word.count, by: 8) {
            var chunk: UInt64 = 0
            for (j, b) in word[start..<min(start + 8, word.count)].enumerated() { chunk |= UInt64(b) << UInt64(8 * j) }
            h = WordBytes.mix(h, chunk)
          }
          h = WordBytes.finish(h, length: word.count)
        }
        add(TextFeatures.bucket(h, bits: bits))
        if bigrams, let p = previous {
          add(TextFeatures.bucket(((p &* TextFeatures.bigramSeed) ^ (h &+ 0x51_7cc1_b727_220a)) &* FNV1a.prime, bits: bits))
        }
        previous = h
      }
      return out
    }
    let vocabulary = [
      "qubit", "Chip", "of", "the", "study", "2024", "a", "reactor", "Lidar", "gene", "x1", "über", "superconducting",
      "Nanostructured", "kwantumcomputer", "ÉÉN", "A1b2C3d4E5f6G7h8", "12345678", "ab", "x", "semi-conductor",
      "(lidar)", "end!", "why?", "line\nbreak", "tab\tstop", "@home", "[Z]", "`quote`", "{curly}",
    ]
    var state: UInt64 = 0xBEEF
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    for _ in 0..<400 {
      var text = ""
      for _ in 0..<(1 + next(40)) {
        text += vocabulary[next(vocabulary.count)]
        text += [" ", " ", ", ", ". ", "", "-"][next(6)]
      }
      for hash in [TextFeatures.WordHash.fnv1a, .chunked] {
        var buckets: [Int32] = []
        TextFeatures.contextBuckets(text, bits: 12, into: &buckets, hash: hash)
        XCTAssertEqual(buckets, reference(text, bits: 12, hash), "\(hash): \(text)")
        TextFeatures.contextBuckets(text, bits: 12, into: &buckets, hash: hash, bigrams: false)
        XCTAssertEqual(buckets, reference(text, bits: 12, hash, bigrams: false), "\(hash) without pairs: \(text)")
      }
    }
    // Format 1 is what releases calibrated before format 2 were learned with.
    var one: [Int32] = []
    TextFeatures.contextBuckets("Study", bits: 18, into: &one, hash: .fnv1a)
    XCTAssertEqual(one, [TextFeatures.bucket(FNV1a.hash("study".utf8), bits: 18)])
  }

  /// A bucket's row is its rank among the buckets with weights, -1 without; the whole-text lookup
  /// gives the rows of those that have one, in order.
  func testBucketRowsAreRanksOfTheWeightedBuckets() {
    var weighted = Set<Int32>()
    var state: UInt64 = 99
    for _ in 0..<700 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      weighted.insert(Int32((state >> 33) % 4096))
    }
    weighted.formUnion([0, 63, 64, 4095])
    let sorted = weighted.sorted()
    let table = BucketRows(hashBits: 12, buckets: sorted)
    var expected: [Int32] = []
    for b in Int32(0)..<4096 {
      let rank = sorted.firstIndex(of: b) ?? -1
      XCTAssertEqual(table.row(b), rank, "bucket \(b)")
      if rank >= 0 { expected.append(Int32(rank)) }
    }
    var found: [Int32] = []
    table.rows(of: Array(0..<4096), into: &found)
    XCTAssertEqual(found, expected)
  }

  func testTrainingLearnsContextAndIsDeterministic() throws {
    let model = try train()
    let again = try train()
    XCTAssertEqual(CalibrationFile.encode(model), CalibrationFile.encode(again))
    let c = try calibrated(model)
    let build = c.classify("Qubit chip\nWe develop a qubit processor for a quantum computer.")
    let study = c.classify("Opinion\nA survey of newspaper opinion about the quantum computer and the qubit.")
    XCTAssertEqual(build.areas.map(\.id), ["quantum"])
    XCTAssertGreaterThan(build.areas.first?.probability ?? 0, 0.5)
    XCTAssertTrue(study.areas.isEmpty)
    XCTAssertFalse(build.fields.isEmpty, "an assigned area keeps its field scoring")
    XCTAssertNotEqual(build.level, .none)
  }

  /// With a shared context model (the default of `calibrate`), every context row carries one more
  /// weight, each area weighs that column's sum, and `explain` gives each word its whole effect.
  func testASharedContextModelIsLearnedWrittenAndExplained() throws {
    let model = try train(sharedContext: true)
    let text = CalibrationFile.encode(model)
    XCTAssertEqual(text, CalibrationFile.encode(try train(sharedContext: true)), "the same data, the same bytes")
    XCTAssertTrue(text.contains("\n  shared_context: true\n"))
    XCTAssertTrue(text.contains("\n  areas: [quantum, shared]\n"), text)
    XCTAssertTrue(text.contains("\n    shared: "))
    XCTAssertNotEqual(model.areas[0].shared, 0)
    XCTAssertTrue(model.context.allSatisfy { $0.weights.count == 2 })
    XCTAssertTrue(model.context.contains { $0.weights[1] != 0 }, "the shared column has weights")
    // Written without a shared model, none of it is there.
    let plain = CalibrationFile.encode(try train())
    XCTAssertFalse(plain.contains("shared"))

    let loaded = try XCTUnwrap(TaxonomyLoader.load(TaxonomyFixtures.files([CalibrationFile.name: text])).taxonomy.calibration)
    XCTAssertEqual(CalibrationFile.encode(loaded), text, "read back as written")
    let c = try calibrated(model)
    let build = c.classify("Qubit chip\nWe develop a qubit processor for a quantum computer.")
    let study = c.classify("Opinion\nA survey of newspaper opinion about the quantum computer and the qubit.")
    XCTAssertEqual(build.areas.map(\.id), ["quantum"])
    XCTAssertTrue(study.areas.isEmpty)

    // explain gives each context word its whole effect, its own weight and the area's share of
    // the shared model's: the words add up with the rest to the log-odds the scorer computed.
    let e = c.explain("Qubit chip\n\nThe field grows fast. We develop a qubit processor for a quantum computer.")
    let area = try XCTUnwrap(e.calibration?.first)
    XCTAssertFalse(area.features.contains { $0.name.hasPrefix("shared") })
    let loadedModel = try XCTUnwrap(c.taxonomy.calibration)
    let row = try XCTUnwrap((0..<loadedModel.rowCount).first { loadedModel.weight(row: $0, area: 1) != 0 })
    XCTAssertEqual(
      Double(loadedModel.scoringWeight(row: row, area: 0)),
      Double(loadedModel.weight(row: row, area: 0)) + loadedModel.areas[0].shared * Double(loadedModel.weight(row: row, area: 1)),
      accuracy: 1e-5)
    // A study about the technology: the area is not assigned, and the scores say it was the
    // probability, not a threshold.
    let studied = c.explain("Opinion\nA survey of newspaper opinion about the quantum computer and the qubit.")
    let reason = try XCTUnwrap(studied.scores.first { $0.id == "quantum" }?.reason)
    XCTAssertTrue(reason.hasPrefix("has probability 0."), reason)
    XCTAssertTrue(reason.hasSuffix(", below the cut 0.5"), reason)
    let parts: Double =
      area.bias + area.terms.map(\.contribution).reduce(0, +) + area.features.map(\.contribution).reduce(0, +)
      + area.words.map(\.contribution).reduce(0, +) + area.otherWords
    XCTAssertEqual(parts, area.logit, accuracy: 0.002)
    XCTAssertEqual(1 / (1 + exp(-area.logit)), area.probability, accuracy: 0.001)
    // The probability the classifier gives is the one explain adds up to.
    let same = c.classify("Qubit chip\n\nThe field grows fast. We develop a qubit processor for a quantum computer.")
    XCTAssertEqual(try XCTUnwrap(same.areas.first?.probability), area.probability, accuracy: 0.001)
  }

  /// The weight table's numbers are read from bytes; each is the `Double` that `Double(String)`
  /// gives, and what is not a plain decimal is left to it.
  func testWeightsReadFromBytesAreWhatStringsGive() {
    func read(_ text: String) -> Double? {
      let bytes = Array(text.utf8)
      return CalibrationFile.decimal(bytes, 0..<bytes.count)
    }
    var rng = SeededGenerator(seed: 2026)
    for _ in 0..<20_000 {
      let digits = Int.random(in: 1...15, using: &rng)
      var text = String((0..<digits).map { _ in "0123456789".randomElement(using: &rng)! })
      let point = Int.random(in: 0..<digits, using: &rng)
      if point > 0 { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
      if Bool.random(using: &rng) { text = "-" + text }
      XCTAssertEqual(read(text)?.bitPattern, Double(text)?.bitPattern, text)
      XCTAssertEqual(read(text).map { Float($0) }, Double(text).map { Float($0) }, text)
    }
    for text in ["0", "-0", "7", "0.0680096", "-0.0222991", "1.05919", "262143", "123456789012345"] {
      XCTAssertEqual(read(text)?.bitPattern, Double(text)?.bitPattern, text)
    }
    for text in ["", "-", ".5", "1.", "1e-05", "1.2.3", "0x1p3", "1234567890123456", "12a", "+1", "nan"] {
      XCTAssertNil(read(text), text)
    }
  }

  /// A learned table larger than a release file may be is refused before it is written, with
  /// the options that make it smaller.
  func testATableTooLargeForAReleaseFileSaysWhatToChange() {
    var options = CalibrationModel.Options()
    options.prune = 0.02
    XCTAssertNil(CalibrationFile.sizeProblem(8 << 20, options: options))
    XCTAssertEqual(
      CalibrationFile.sizeProblem(9_961_472, options: options),
      "the learned table takes 9.5 MB, more than the 8.0 MB a release file may hold: raise --prune (now 0.02) or lower --hash-bits (now 18)")
    XCTAssertNotNil(CalibrationFile.sizeProblem(1001, options: options, limit: 1000))
  }

  func testNoAreaWithoutEvidenceWhateverTheProbability() throws {
    var model = try train()
    // A huge bias: without a counted term the area is still not assigned.
    model.areas[0].bias = 50
    var o = ClassifierOptions()
    o.cut = 0.01
    let c = try calibrated(model, options: o)
    let r = c.classify("We develop a processor for fast readout electronics.")
    XCTAssertTrue(r.areas.isEmpty)
    XCTAssertEqual(r.status, .noTerms)
  }

  /// `evaluate --predictions` of a calibrated release: each area with a counted term gets its
  /// probability, an area is predicted exactly when its probability reaches the cut (so an office
  /// can choose its cut from the lines), and labels only weakly mapped are listed apart.
  func testPredictionsCarryProbabilitiesAndWeakLabels() throws {
    let folder = try TemporaryFolder("ds-predictions")
    defer { folder.remove() }
    var lines: [String] = []
    for (k, text) in (Self.positives + Self.negatives).enumerated() {
      let labels = k < Self.positives.count ? #"["quantum", "maybe"]"# : #"["maybe"]"#
      let object = try JSONSerialization.data(withJSONObject: ["id": "d\(k)", "text": text])
      lines.append(String(decoding: object.dropLast(), as: UTF8.self) + #", "labels": \#(labels)}"#)
    }
    let path = try folder.write("set.jsonl", lines.joined(separator: "\n") + "\n")
    let map = try LabelMap.load(Array("quantum: [quantum]\nmaybe: {weak: [quantum]}\n".utf8), file: "map.yaml")
    let layout = RecordLayout(idColumn: "id", textColumns: ["text"], labelsColumn: "labels")
    let run = try Evaluator(classifier: try calibrated(try train()), labelMap: map).evaluate(
      PortfolioInput(inputs: [path], layout: layout))
    XCTAssertEqual(run.predictions.count, lines.count)
    XCTAssertTrue(run.predictions.contains { !($0.probabilities ?? [:]).isEmpty })
    for p in run.predictions {
      let probabilities = try XCTUnwrap(p.probabilities, p.id)
      XCTAssertTrue(probabilities.keys.allSatisfy { p.scores[$0] != nil }, "a probability only with a counted term")
      XCTAssertEqual(p.predicted.contains("quantum"), (probabilities["quantum"] ?? 0) >= 0.5, p.id)
      // A positive's weak label is its strong one; a negative's stays weak.
      XCTAssertEqual(p.weak, p.gold.isEmpty ? ["quantum"] : nil, p.id)
    }
    let encoded = try ResultJSON.encode(try XCTUnwrap(run.predictions.first), pretty: false)
    XCTAssertTrue(encoded.contains("\"probabilities\":"), encoded)
    // An uncalibrated release writes no probabilities.
    let plain = try Evaluator(classifier: try base(), labelMap: map).evaluate(PortfolioInput(inputs: [path], layout: layout))
    XCTAssertTrue(plain.predictions.allSatisfy { $0.probabilities == nil })
    XCTAssertFalse(try ResultJSON.encode(plain.predictions[0], pretty: false).contains("probabilities"))
  }

  func testCutOverrideAndUncalibratedScoring() throws {
    let model = try train()
    let text = "Qubit chip\nWe develop a qubit processor for a quantum computer."
    var high = ClassifierOptions()
    high.cut = 0.999_999
    XCTAssertTrue(try calibrated(model, options: high).classify(text).areas.isEmpty)
    var plain = ClassifierOptions()
    plain.uncalibrated = true
    let withFile = try calibrated(model, options: plain).classify(text)
    let without = try Classifier(taxonomy: TaxonomyLoader.load(TaxonomyFixtures.files()).taxonomy).classify(text)
    XCTAssertEqual(withFile, without)
    XCTAssertNil(without.areas.first?.probability)
  }

  /// A release that decides by its rules first assigns an area only where its rules do and its
  /// probability reaches the cut: the learned model takes areas away, never adds one.
  func testRulesThenProbabilityOnlyTakesAreasAway() throws {
    var model = try train()
    model.decision = .rulesThenProbability
    let rulesFirst = try calibrated(model)
    let rules = try Classifier(taxonomy: TaxonomyLoader.load(TaxonomyFixtures.files()).taxonomy)
    let texts = Self.positives + Self.negatives + [
      "A quantum computer.", "Qubit notes\nA qubit.", "We build a qubit and a qubit and a quantum computer.",
    ]
    var kept = 0
    var vetoed = 0
    for text in texts {
      let r = rulesFirst.classify(text)
      let byRules = rules.classify(text)
      let p = try XCTUnwrap(rulesFirst.explain(text).calibration).first { $0.id == "quantum" }?.probability ?? 0
      let expected = byRules.areas.contains { $0.id == "quantum" } && p >= model.cut
      XCTAssertEqual(r.areas.map(\.id), expected ? ["quantum"] : [], text)
      if expected {
        kept += 1
        // The rules' score and fields and level, with the probability beside them.
        XCTAssertEqual(r.areas.first?.score, byRules.areas.first?.score, text)
        XCTAssertEqual(r.areas.first?.probability, Classifier.round(p), text)
        XCTAssertEqual(r.fields.map(\.id), byRules.fields.map(\.id), text)
        XCTAssertEqual(r.level, byRules.level, text)
      } else if !byRules.areas.isEmpty {
        vetoed += 1
        XCTAssertTrue(r.fields.isEmpty, text)
        XCTAssertEqual(r.level, .none, text)
        let why = rulesFirst.explain(text).score(of: "quantum")?.reason ?? ""
        XCTAssertTrue(why.contains("below the cut 0.5 (it passes the rules, which decide first)"), why)
      }
    }
    XCTAssertGreaterThan(kept, 0)
    XCTAssertGreaterThan(vetoed, 0, "the fixture's study texts pass the rules and are taken away")
    // What the rules reject stays rejected at any cut, and explain gives the rules' reason.
    var low = ClassifierOptions()
    low.cut = 0.000_001
    let anyCut = try calibrated(model, options: low)
    XCTAssertEqual(anyCut.classify("A quantum computer.").areas, [])
    XCTAssertFalse((anyCut.explain("A quantum computer.").score(of: "quantum")?.reason ?? "").contains("probability"))
    // A probability is worked out only for what the rules assign (evaluate counts the others as
    // 0); with nothing assigned the text's words are not hashed at all.
    var scratch = ClassifierScratch()
    _ = anyCut.classify("A quantum computer.", scratch: &scratch)
    let quantum = try XCTUnwrap(anyCut.index.nodes.areas.first)
    XCTAssertEqual(scratch.calibration.probability[quantum], -1)
    XCTAssertTrue(scratch.calibration.buckets.isEmpty)
    var probabilityFirst = ClassifierScratch()
    _ = try calibrated(try train(), options: low).classify("A quantum computer.", scratch: &probabilityFirst)
    XCTAssertGreaterThan(probabilityFirst.calibration.probability[quantum], 0)
    _ = anyCut.classify("We build a qubit and a qubit and a quantum computer.", scratch: &scratch)
    XCTAssertGreaterThan(scratch.calibration.probability[quantum], 0)
    XCTAssertFalse(scratch.calibration.buckets.isEmpty)
  }

  /// With an `add_cut`, a release that decides by its rules first also assigns an area its rules
  /// do not when the area's probability reaches that cut (a term of the area counted, as
  /// always), with fields and levels as a release deciding by probability gives them; what the
  /// rules assign is kept or taken away as without it. `explain` says which happened.
  func testAddCutAssignsWhatTheRulesMissWithConfidence() throws {
    var model = try train()
    model.decision = .rulesThenProbability
    let rules = try Classifier(taxonomy: TaxonomyLoader.load(TaxonomyFixtures.files()).taxonomy)
    var everyArea = ClassifierOptions()
    everyArea.cut = 0.000_001
    let byProbability = try calibrated(try train(), options: everyArea)
    let texts = Self.positives + Self.negatives + [
      "A quantum computer.", "Qubit notes\nA qubit.", "We build a qubit.", "Qubits\nWe develop a qubit.",
      "Quantum computer\nThis project will build a quantum computer.",
    ]
    func probability(_ text: String) -> Double { byProbability.classify(text).areas.first?.probability ?? 0 }
    // The cut that adds: just under the highest probability among what the rules reject.
    let rejected = texts.filter { rules.classify($0).areas.isEmpty }.map(probability).filter { $0 > model.cut }
    let highest = try XCTUnwrap(rejected.max(), "a text the rules reject with a probability above the cut")
    model.addCut = (max(highest - 0.005, model.cut + 0.01) * 100).rounded(.down) / 100
    let add = try XCTUnwrap(model.addCut)
    let c = try calibrated(model)
    let withoutAdd = try calibrated({ var m = model; m.addCut = nil; return m }())
    var added = 0
    for text in texts {
      let r = c.classify(text)
      let p = probability(text)
      let passes = !rules.classify(text).areas.isEmpty
      let expected = passes ? p >= model.cut : p >= add
      XCTAssertEqual(r.areas.map(\.id), expected ? ["quantum"] : [], "\(text) p=\(p)")
      let why = c.explain(text).score(of: "quantum")?.reason ?? ""
      if passes {
        XCTAssertEqual(r, withoutAdd.classify(text), text)
      } else if expected {
        added += 1
        XCTAssertEqual(r.areas.first?.probability, Classifier.round(p), text)
        XCTAssertEqual(r.fields.map(\.id), byProbability.classify(text).fields.map(\.id), text)
        XCTAssertEqual(r.level, byProbability.classify(text).level, text)
        XCTAssertTrue(why.hasPrefix("assigned: probability "), why)
        XCTAssertTrue(why.contains("at which the model assigns an area its rules do not (add_cut); by the rules alone, "), why)
      } else if r.status != .noTerms, p > 0 {
        XCTAssertTrue(why.hasSuffix("at which the model assigns an area its rules do not (add_cut)"), why)
        XCTAssertTrue(why.contains(", below the \(CalibrationFile.number(add))"), why)
      }
    }
    XCTAssertGreaterThan(added, 0)
    // The model does not overrule a context rule: a record that asks for stronger evidence (a
    // coordination and support action) gets no area the rules refuse it, whatever the
    // probability (this fixture's model does not read the column, so its probability is the
    // same), and explain says so.
    let csaFiles = TaxonomyFixtures.files([
      "taxonomy.yaml": TaxonomyFixtures.manifest(adding: RecordContextTests.rules), CalibrationFile.name: CalibrationFile.encode(model),
    ])
    let csa = try Classifier(taxonomy: TaxonomyLoader.load(csaFiles).taxonomy)
    let support = [("fundingScheme", "HORIZON-CSA")]
    var held = 0
    for text in texts where rules.classify(text).areas.isEmpty && probability(text) >= add {
      XCTAssertEqual(csa.classify(text).areas.map(\.id), ["quantum"], text)
      XCTAssertEqual(csa.classify(text, metadata: support).areas, [], text)
      let why = csa.explain(text, metadata: support).score(of: "quantum")?.reason ?? ""
      XCTAssertTrue(why.hasSuffix("(add_cut), but the model does not overrule a context rule"), why)
      held += 1
    }
    XCTAssertGreaterThan(held, 0)
    // A --cut above the add_cut raises it too: the model never adds below the cut in effect.
    var raised = ClassifierOptions()
    raised.cut = 0.999
    let strict = try calibrated(model, options: raised)
    for text in texts where rules.classify(text).areas.isEmpty && probability(text) < 0.999 {
      XCTAssertEqual(strict.classify(text).areas, [], text)
    }
    // Written after the decision, read back, refused without the rules first or at or below the cut.
    let text = CalibrationFile.encode(model)
    XCTAssertTrue(text.contains("\ndecision: rules-then-probability\nadd_cut: \(CalibrationFile.number(add))\n"), text)
    let loaded = try TaxonomyLoader.load(TaxonomyFixtures.files([CalibrationFile.name: text])).taxonomy
    XCTAssertEqual(loaded.calibration?.addCut, add)
    XCTAssertEqual(loaded.calibration.map(CalibrationFile.encode), text)
    let diff = try XCTUnwrap(CalibrationDiff(from: withoutAdd.taxonomy.calibration, to: loaded.calibration))
    XCTAssertTrue(diff.settings.contains("add cut none → \(add)"), "\(diff.settings)")
    let alone = text.replacingOccurrences(of: "decision: rules-then-probability\n", with: "")
    XCTAssertTrue(
      TaxonomyFixtures.failure([CalibrationFile.name: alone]).contains(
        "T/calibration.yaml:6:10: error: 'add_cut' needs 'decision: rules-then-probability'"),
      TaxonomyFixtures.failure([CalibrationFile.name: alone]))
    let low = text.replacingOccurrences(of: "add_cut: \(CalibrationFile.number(add))", with: "add_cut: 0.5")
    XCTAssertTrue(
      TaxonomyFixtures.failure([CalibrationFile.name: low]).contains(
        "T/calibration.yaml:7:10: error: 'add_cut' must be above the cut (0.5) and below 1"),
      TaxonomyFixtures.failure([CalibrationFile.name: low]))
  }

  /// `decision` is written only when it is not the default, read back, reported by `diff`, and
  /// an unknown value is an error at its place.
  func testDecisionRuleIsWrittenReadAndDiffed() throws {
    var model = try train()
    let plain = CalibrationFile.encode(model)
    XCTAssertFalse(plain.contains("decision"))
    model.decision = .rulesThenProbability
    let text = CalibrationFile.encode(model)
    XCTAssertTrue(text.contains("\ncut: 0.5\ndecision: rules-then-probability\n"), text)
    let loaded = try TaxonomyLoader.load(TaxonomyFixtures.files([CalibrationFile.name: text])).taxonomy
    XCTAssertEqual(loaded.calibration?.decision, .rulesThenProbability)
    XCTAssertEqual(loaded.calibration.map(CalibrationFile.encode), text)
    let before = try TaxonomyLoader.load(TaxonomyFixtures.files([CalibrationFile.name: plain])).taxonomy
    XCTAssertEqual(before.calibration?.decision, .probability)
    let diff = try XCTUnwrap(CalibrationDiff(from: before.calibration, to: loaded.calibration))
    XCTAssertTrue(diff.settings.contains("decision probability → rules-then-probability"), "\(diff.settings)")
    let bad = text.replacingOccurrences(of: "decision: rules-then-probability", with: "decision: rules")
    let report = TaxonomyFixtures.failure([CalibrationFile.name: bad])
    XCTAssertTrue(
      report.contains("T/calibration.yaml:6:11: error: unknown decision 'rules'; one of probability, rules-then-probability"),
      report)
  }

  /// Pairs of words are off for what `calibrate` learns now: written as `bigrams: false`, read
  /// back, and a file without the key (learned before it) is read as learned, with pairs; `diff`
  /// reports the change.
  func testPairsOfWordsAreAnOptionOfTheFile() throws {
    let text = "Survey study\nA survey of public opinion about the qubit in the popular press and newspapers."
    let paired = try train(bigrams: true)
    let plain = try train()
    XCTAssertFalse(plain.options.bigrams)
    XCTAssertGreaterThan(paired.context.count, plain.context.count, "pairs are features of their own")
    var everyArea = ClassifierOptions()
    everyArea.cut = 0.000_001
    for model in [plain, paired] {
      let file = CalibrationFile.encode(model)
      XCTAssertEqual(file.contains("\n  bigrams: false\n"), !model.options.bigrams)
      let loaded = try XCTUnwrap(TaxonomyLoader.load(TaxonomyFixtures.files([CalibrationFile.name: file])).taxonomy.calibration)
      XCTAssertEqual(loaded.options.bigrams, model.options.bigrams)
      XCTAssertEqual(CalibrationFile.encode(loaded), file)
      // Scored with the features it was learned with: a study text is unlikely either way.
      let p = try XCTUnwrap(try calibrated(model, options: everyArea).classify(text).areas.first?.probability)
      XCTAssertLessThan(p, 0.5)
    }
    let old = CalibrationFile.encode(plain).replacingOccurrences(of: "  bigrams: false\n", with: "")
    let read = try XCTUnwrap(TaxonomyLoader.load(TaxonomyFixtures.files([CalibrationFile.name: old])).taxonomy.calibration)
    XCTAssertTrue(read.options.bigrams, "a file from before the key was learned with pairs")
    let diff = try XCTUnwrap(CalibrationDiff(from: paired, to: plain))
    XCTAssertTrue(diff.settings.contains("pairs of words yes → no"), "\(diff.settings)")
    // explain names no pair of words among the context of a model without pairs.
    let explained = try XCTUnwrap(try calibrated(plain, options: everyArea).explain(text).calibration?.first)
    XCTAssertFalse(explained.words.contains { $0.word.contains(" ") }, "\(explained.words)")
  }

  func testFileRoundTripsAndIsInTheContentHash() throws {
    let model = try train()
    let text = CalibrationFile.encode(model)
    let loaded = try TaxonomyLoader.load(TaxonomyFixtures.files([CalibrationFile.name: text])).taxonomy
    XCTAssertEqual(loaded.calibration.map(CalibrationFile.encode), text)
    let plain = try TaxonomyLoader.load(TaxonomyFixtures.files()).taxonomy
    XCTAssertNotEqual(loaded.contentHash, plain.contentHash)
    XCTAssertNil(plain.calibration)
  }

  func testBadFilesAreReportedWithTheirPlace() throws {
    func assertReports(_ file: String, _ expected: String, line: UInt = #line) {
      let report = TaxonomyFixtures.failure([CalibrationFile.name: file])
      XCTAssertTrue(report.contains(expected), report, line: line)
    }
    let text = CalibrationFile.encode(try train())
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let weightsLine = lines.firstIndex { $0.hasPrefix("  weights: |") }!
    var broken = lines
    broken[weightsLine + 1] = "    12 x"
    let report = TaxonomyFixtures.failure([CalibrationFile.name: broken.joined(separator: "\n")])
    XCTAssertTrue(report.contains("T/calibration.yaml:\(weightsLine + 2):5: error: 'x' is not a number"), report)
    var fractional = lines
    fractional[weightsLine + 1] = "    7.0 " + lines[weightsLine + 1].split(separator: " ").dropFirst().joined(separator: " ")
    assertReports(fractional.joined(separator: "\n"), "T/calibration.yaml:\(weightsLine + 2):5: error: '7.0' is not a bucket below 2^12")

    let unknown = text.replacingOccurrences(of: "- id: quantum", with: "- id: quantm")
      .replacingOccurrences(of: "areas: [quantum]", with: "areas: [quantm]")
    let unknownLine = lines.firstIndex { $0.hasPrefix("  - id: quantum") }! + 1
    assertReports(unknown, "T/calibration.yaml:\(unknownLine):9: error: area 'quantm' is not an area of the release")
    let feature = text.replacingOccurrences(of: "      role.aim:", with: "      role.amm:")
    let featureLine = lines.firstIndex { $0.hasPrefix("      role.aim:") }! + 1
    assertReports(feature, "T/calibration.yaml:\(featureLine):7: error: area 'quantum': unknown evidence feature 'role.amm'")

    let badCut = text.replacingOccurrences(of: "\ncut: 0.5\n", with: "\ncut: 2\n")
    assertReports(badCut, "T/calibration.yaml:5:6: error: 'cut' must be between 0 and 1")

    let unknownKey = text.replacingOccurrences(of: "\nclear_probability:", with: "\nclear_probabilty:")
    assertReports(unknownKey, "did you mean 'clear_probability'")

    // A shared weight without a shared context model, and a shared model without its column.
    let stray = text.replacingOccurrences(of: "\n    evidence:\n", with: "\n    shared: 0.5\n    evidence:\n")
    let strayLine = lines.firstIndex { $0.hasPrefix("    evidence:") }! + 1
    assertReports(stray, "T/calibration.yaml:\(strayLine):13: error: 'shared' needs 'options.shared_context: true'")
    let sharedText = CalibrationFile.encode(try train(sharedContext: true))
    let sharedLines = sharedText.split(separator: "\n", omittingEmptySubsequences: false)
    let columnsLine = sharedLines.firstIndex { $0.hasPrefix("  areas: [quantum, shared]") }! + 1
    let missing = sharedText.replacingOccurrences(of: "  areas: [quantum, shared]", with: "  areas: [quantum]")
    assertReports(missing, "T/calibration.yaml:\(columnsLine):10: error: 'context.areas' must list the areas in the order of 'areas', then 'shared' (quantum, shared)")

    let future = text.replacingOccurrences(of: "\nformat: 2\n", with: "\nformat: 3\n")
    assertReports(future, "T/calibration.yaml:3:9: error: calibration format 3 is not one this tool reads (1 or 2)")
  }

  /// `calibrate` writes format 2; a format 1 file (calibrated before words were hashed eight bytes
  /// a step) is read back as format 1 and its context words hashed with FNV-1a, as it was learned.
  func testAFormatOneReleaseHashesItsWordsAsItWasLearned() throws {
    let text = CalibrationFile.encode(try train())
    XCTAssertTrue(text.contains("\nformat: 2\n"))
    let old = text.replacingOccurrences(of: "\nformat: 2\n", with: "\nformat: 1\n")
    let model = try XCTUnwrap(TaxonomyLoader.load(TaxonomyFixtures.files([CalibrationFile.name: old])).taxonomy.calibration)
    XCTAssertEqual(model.format, 1)
    XCTAssertEqual(model.wordHash, .fnv1a)
    XCTAssertEqual(CalibrationFile.encode(model), old, "written back as read")
    // The same weights read as format 1 and as format 2 give different context sums for a text whose
    // words have weights: the hash decides which weights a word reads.
    let current = try calibrated(try train())
    let formatOne = try Classifier(taxonomy: TaxonomyLoader.load(TaxonomyFixtures.files([CalibrationFile.name: old])).taxonomy)
    let sample = "Qubit chip\nWe develop a qubit processor for a quantum computer."
    let a = try XCTUnwrap(current.classify(sample).areas.first?.probability)
    let b = try XCTUnwrap(formatOne.classify(sample).areas.first?.probability)
    XCTAssertNotEqual(a, b)
  }

  func testExplainContributionsAddUp() throws {
    let c = try calibrated(try train())
    let e = c.explain("Qubit chip\n\nThe field grows fast. We develop a qubit processor for a quantum computer.")
    let area = try XCTUnwrap(e.calibration?.first)
    let terms: Double = area.terms.map(\.contribution).reduce(0, +)
    let features: Double = area.features.map(\.contribution).reduce(0, +)
    let words: Double = area.words.map(\.contribution).reduce(0, +)
    let sum: Double = area.bias + terms + features + words + area.otherWords
    XCTAssertEqual(sum, area.logit, accuracy: 0.002)
    XCTAssertEqual(1 / (1 + exp(-area.logit)), area.probability, accuracy: 0.001)
    XCTAssertEqual(Set(area.terms.map(\.role)), ["title", "aim"])
    XCTAssertFalse(area.words.isEmpty)
  }

  /// Study cues and the evidence meet in one feature (`cues.score`, the cue share times
  /// log(1 + score)), so the learner can give the same terms less weight in a study about them.
  func testStudyCuesTimesTheScoreIsAFeature() throws {
    let manifest = TaxonomyFixtures.manifest.replacingOccurrences(
      of: "areas:", with: "study_context:\n  min_cues: 2\n  area_score: 8\n  cues:\n    en: [history, interviews]\nareas:")
    let files = TaxonomyFixtures.files(["taxonomy.yaml": manifest, CalibrationFile.name: CalibrationFile.encode(try train())])
    let c = try Classifier(taxonomy: TaxonomyLoader.load(files).taxonomy)
    let e = c.explain("Quantum computing history\nA history of the quantum computer, based on interviews with its builders.")
    let area = try XCTUnwrap(e.calibration?.first)
    let value = { (name: String) in area.features.first { $0.name == name }?.value }
    let cues = try XCTUnwrap(value("cues"))
    let score = try XCTUnwrap(value("score"))
    XCTAssertEqual(cues, 0.4, accuracy: 1e-9)  // two cues of at most five
    XCTAssertEqual(try XCTUnwrap(value("cues.score")), cues * score, accuracy: 0.001)
    let plain = try XCTUnwrap(c.explain("Quantum computing\nWe build a quantum computer.").calibration?.first)
    XCTAssertNil(plain.features.first { $0.name == "cues.score" }, "no cues, no product")
  }

  /// A batch line of a calibrated release carries each area's probability, and the hand-written
  /// JSONL decodes to the line itself.
  func testBatchLinesOfACalibratedReleaseKeepTheProbability() throws {
    let c = try calibrated(try train())
    let lines = (Self.positives + Self.negatives).enumerated().map { k, text in
      ResultLine(id: "d\(k)", source: "t", line: k + 2, classification: c.classify(text))
    }
    XCTAssertTrue(lines.contains { !$0.classification.areas.isEmpty })
    XCTAssertTrue(lines.allSatisfy { $0.classification.areas.allSatisfy { $0.probability != nil } })
    var chunk = ProcessedChunk()
    BatchEncoding.jsonLines(carry: []).encode(lines, into: &chunk)
    let text = String(decoding: chunk.bytes, as: UTF8.self)
    XCTAssertTrue(text.contains("\"probability\":"), text)
    let decoded = try text.split(separator: "\n").map { try JSONDecoder().decode(ResultLine.self, from: Data($0.utf8)) }
    XCTAssertEqual(decoded, lines)

    // CSV: an `area_probabilities` column after `area_scores`, one probability an assigned area,
    // in the areas' order; without a calibrated release the column is not there.
    let header = String(decoding: CSVResultWriter.header([], calibrated: true), as: UTF8.self)
    XCTAssertTrue(header.hasPrefix("id,source,line,status,level,areas,area_scores,area_probabilities,fields,"), header)
    XCTAssertFalse(String(decoding: CSVResultWriter.header([]), as: UTF8.self).contains("area_probabilities"))
    var rows = ProcessedChunk()
    BatchEncoding.csvRows(carry: [], screening: false, calibrated: true).encode(lines, into: &rows)
    let csv = String(decoding: rows.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    for (k, line) in lines.enumerated() {
      let cells = csv[k].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      XCTAssertEqual(cells[5], line.classification.areas.map(\.id).joined(separator: ";"))
      XCTAssertEqual(
        cells[7], line.classification.areas.map { CSVResultWriter.number($0.probability!) }.joined(separator: ";"))
    }
  }

  func testProbabilityMetrics() {
    let pairs: [(Double, Bool)] = [(0.9, true), (0.8, true), (0.7, false), (0.2, false), (0.1, false), (0.05, true)]
    let m = ProbabilityMetrics.compute(pairs, cuts: [0.5])
    let squares: [Double] = [0.01, 0.04, 0.49, 0.04, 0.01, 0.9025]
    let brier = squares.reduce(0, +) / 6
    XCTAssertEqual(m.brier, brier, accuracy: 1e-9)
    // Bins: 0.0–0.1 {0.05 ✓}, 0.1–0.2 {0.1}, 0.2–0.3 {0.2}, 0.7–0.8 {0.7}, 0.8–0.9 {0.8 ✓}, 0.9–1 {0.9 ✓}.
    let gaps: [Double] = [0.95, 0.1, 0.2, 0.7, 0.2, 0.1]
    let ece = gaps.reduce(0, +) / 6
    XCTAssertEqual(m.ece, ece, accuracy: 1e-9)
    XCTAssertEqual(m.reliability.count, 10)
    XCTAssertEqual(m.cuts[0].truePositives, 2)
    XCTAssertEqual(m.cuts[0].falsePositives, 1)
    XCTAssertEqual(m.cuts[0].falseNegatives, 1)
  }

  func testDecisionMetricsAndConfusion() {
    let docs: [(gold: Set<String>, weak: Set<String>, predicted: Set<String>)] = [
      (["a"], [], ["a"]), (["a", "b"], [], ["a"]), ([], [], []), ([], [], ["b"]), ([], ["b"], ["b"]),
    ]
    let d = DecisionMetrics.compute(areas: ["a", "b"], documents: docs, minSupport: 1)
    XCTAssertEqual(d.micro.truePositives, 2)
    XCTAssertEqual(d.micro.falsePositives, 1, "the weak-only document is left out of b's counts")
    XCTAssertEqual(d.micro.falseNegatives, 1)
    XCTAssertEqual(d.documentsWithoutArea, 3)
    XCTAssertEqual(d.leftUnflagged, 1)
    var t = ConfusionTable()
    t.add(gold: ["a", "b"], predicted: ["a"])
    t.add(gold: [], predicted: ["b"])
    XCTAssertEqual(t.counts["b"]?["a"], 1)
    XCTAssertEqual(t.counts["none"]?["b"], 1)
  }

  /// Phrases are mined folded to lower case; a case-sensitive term of the area (`NISQ`) still
  /// covers its folded phrase, as the positives write it.
  func testSuggestionsSkipPhrasesACaseSensitiveTermCovers() throws {
    let quantum = TaxonomyFixtures.quantum.replacingOccurrences(
      of: "        - quantum computer", with: "        - quantum computer\n        - {term: NISQ, case_sensitive: true, weight: 2}")
    var o = ClassifierOptions()
    o.areaThreshold = 1
    o.fieldThreshold = 1
    let classifier = try Classifier(
      taxonomy: TaxonomyLoader.load(TaxonomyFixtures.files(["quantum.yaml": quantum])).taxonomy, options: o)
    var examples = Self.examples()
    for i in 0..<6 {
      examples.append(
        .init(source: "f", id: "n\(i)", text: "Noisy devices\nWe program NISQ hardware with error mitigation.", strong: ["quantum"], weak: []))
    }
    let phrases = TermSuggester.suggest(classifier, examples, perArea: 20, minCount: 3).map(\.phrase)
    XCTAssertFalse(phrases.contains("nisq"), "\(phrases)")
    XCTAssertTrue(phrases.contains { $0.contains("mitigation") }, "\(phrases)")
  }

  func testSuggestedTermsSeparatePositivesAndSkipKnownTerms() throws {
    var examples = Self.examples()
    for i in 0..<6 {
      examples.append(
        .init(source: "f", id: "t\(i)", text: "Transmon arrays\nWe build transmon arrays with a qubit bus.", strong: ["quantum"], weak: []))
    }
    let list = TermSuggester.suggest(try base(), examples, perArea: 5, minCount: 3)
    let phrases = list.map(\.phrase)
    XCTAssertTrue(phrases.contains { $0.contains("transmon") }, "\(phrases)")
    XCTAssertFalse(phrases.contains("qubit"), "a term of the area is not suggested again")
    XCTAssertFalse(phrases.contains { $0.contains("opinion") }, "words of the negatives are not suggested")
    let transmon = try XCTUnwrap(list.first { $0.phrase.contains("transmon") })
    XCTAssertEqual(transmon.snippets.count, 2)
    XCTAssertTrue(TermSuggester.yaml(list).contains("quantum:\n  - {term: "))
  }

  /// With `uncovered`, only the positives that no term of the area finds are mined: the transmon
  /// documents name a qubit, the zorblax ones nothing of the area.
  func testUncoveredSuggestionsComeFromThePositivesNoTermFinds() throws {
    var examples = Self.examples()
    for i in 0..<6 {
      examples.append(
        .init(source: "f", id: "t\(i)", text: "Transmon arrays\nWe build transmon arrays with a qubit bus.", strong: ["quantum"], weak: []))
      examples.append(
        .init(source: "f", id: "z\(i)", text: "Zorblax lattices\nWe probe zorblax lattices at millikelvin.", strong: ["quantum"], weak: []))
    }
    let all = TermSuggester.suggest(try base(), examples, perArea: 10, minCount: 3).map(\.phrase)
    XCTAssertTrue(all.contains { $0.contains("transmon") }, "\(all)")
    XCTAssertTrue(all.contains { $0.contains("zorblax") }, "\(all)")
    let missed = TermSuggester.suggest(try base(), examples, perArea: 10, minCount: 3, uncovered: true)
    XCTAssertTrue(missed.contains { $0.phrase.contains("zorblax") }, "\(missed.map(\.phrase))")
    XCTAssertFalse(missed.contains { $0.phrase.contains("transmon") }, "\(missed.map(\.phrase))")
    let zorblax = try XCTUnwrap(missed.first { $0.phrase.contains("zorblax") })
    XCTAssertEqual(zorblax.positives, 6)
    XCTAssertTrue(zorblax.snippets.allSatisfy { $0.lowercased().contains("zorblax") })
    XCTAssertTrue(TermSuggester.yaml(missed, uncovered: true).contains("none of its terms counts"))
  }
}
