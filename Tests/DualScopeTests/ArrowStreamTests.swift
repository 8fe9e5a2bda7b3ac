import DualScopeTestSupport
import Foundation
import XCTest

@testable import DualScope

/// `batch --format arrow`: the stream read back by an independent reader written here from the
/// Arrow IPC format (encapsulated messages, FlatBuffers tables, the buffers of each column type)
/// gives the same values as the JSON result lines of the same run, key for key.
final class ArrowStreamTests: XCTestCase {
  static let texts = [
    "Scalable quantum computer\nThis project will build a quantum computer from spin qubits and cryogenic CMOS control.",
    "Medieval trade\nA history of guild archives in Flanders.",
    "Kwantumcomputer\nWij ontwikkelen een kwantumcomputer met spin-qubits in silicium.",
    "Drones\nWe develop autonomous drones with lidar and deep learning for search and rescue.",
    "",
  ]

  func lines(screening: Bool) throws -> [ResultLine] {
    // The release's rules alone: the stream of an uncalibrated run has no probability column
    // (``testProbabilitiesWithNulls`` writes one).
    var options = ClassifierOptions()
    options.uncalibrated = true
    let classifier = try Classifier(taxonomy: ShippedTaxonomy.load(version: "2026.1").taxonomy, options: options)
    let screener = try Screener(rules: ShippedScreening.load())
    let day = CalendarDay("2026-01-15")!
    var out: [ResultLine] = []
    for (i, text) in Self.texts.enumerated() {
      let c = classifier.classify(text)
      var s: ScreeningLine?
      if screening {
        let input = ScreeningInput(
          partnerCountries: i % 2 == 0 ? ["KP", "CN"] : [], partnerOrganisations: i == 3 ? ["Golzar Institute of Propulsion Research"] : [],
          nationality: i == 2 ? "IR" : nil, date: day)
        s = screener.screenLine(text: text, classification: c, input: input)
      }
      out.append(
        ResultLine(
          id: "r\(i)", source: "t.csv", line: i + 2, classification: c, carried: ["unit": "U\(i % 2)", "year": "\(2020 + i)"],
          invalidUTF8: i == 1, screening: s))
    }
    return out
  }

  /// Every line, as the Arrow stream and as JSON, decoded to the same values.
  func assertSame(_ lines: [ResultLine], screening: Bool, calibrated: Bool, file: StaticString = #filePath, line: UInt = #line) throws {
    let carry = ["unit", "year"]
    var stream = ArrowResultWriter.schemaMessage(screening: screening, calibrated: calibrated)
    // Two record batches, as two chunks make.
    ArrowResultWriter.encode(Array(lines.prefix(2)), carry: carry, screening: screening, calibrated: calibrated, into: &stream)
    ArrowResultWriter.encode(Array(lines.dropFirst(2)), carry: carry, screening: screening, calibrated: calibrated, into: &stream)
    stream += ArrowResultWriter.endOfStream
    let read = try ArrowReader.read(stream)
    XCTAssertEqual(read.batches, 2, file: file, line: line)
    var json = JSONBytes()
    for l in lines { JSONLinesResultWriter.encode(l, carry: carry, into: &json) }
    let expected = try String(decoding: json.array, as: UTF8.self).split(separator: "\n").map {
      try JSONDecoder().decode(Value.self, from: Data($0.utf8))
    }
    XCTAssertEqual(read.rows.count, expected.count, file: file, line: line)
    for (a, b) in zip(read.rows, expected) { XCTAssertEqual(a.droppingNulls, b, file: file, line: line) }
  }

  func testResultLinesReadBackAsTheirJSON() throws {
    let l = try lines(screening: false)
    XCTAssertFalse(l[0].classification.fields.isEmpty, "the fixture needs lines with fields and evidence")
    try assertSame(l, screening: false, calibrated: false)
  }

  func testScreeningReadsBackWithItsNullRegimes() throws {
    let l = try lines(screening: true)
    let reasons = l.compactMap(\.screening).flatMap(\.triage.reasons)
    XCTAssertTrue(reasons.contains { $0.regime == nil }, "the fixture needs a reason without a regime (a list hit)")
    XCTAssertTrue(reasons.contains { $0.regime != nil })
    try assertSame(l, screening: true, calibrated: false)
  }

  /// A calibrated release's `probability`, null where an area has none: more than eight values,
  /// so the validity bitmap spans bytes.
  func testProbabilitiesWithNulls() throws {
    var l = try lines(screening: false)
    l = (0..<4).flatMap { _ in l }
    var k = 0
    for i in l.indices {
      for a in l[i].classification.areas.indices {
        l[i].classification.areas[a].probability = k % 3 == 0 ? nil : Double(k) / 16
        k += 1
      }
    }
    XCTAssertGreaterThan(k, 9)
    try assertSame(l, screening: false, calibrated: true)
  }

  func testAnEmptyRunIsASchemaAndTheEnd() throws {
    var stream = ArrowResultWriter.schemaMessage(screening: false, calibrated: false)
    ArrowResultWriter.encode([], carry: [], screening: false, calibrated: false, into: &stream)
    stream += ArrowResultWriter.endOfStream
    let read = try ArrowReader.read(stream)
    XCTAssertEqual(read.batches, 0)
    XCTAssertEqual(
      read.fields, ["id", "source", "line", "status", "level", "words", "areas", "fields", "carried", "invalid_utf8"])
  }

  func testMessagesAreAligned() throws {
    var stream = ArrowResultWriter.schemaMessage(screening: true, calibrated: false)
    XCTAssertEqual(stream.count % 8, 0)
    ArrowResultWriter.encode(try lines(screening: true), carry: ["unit"], screening: true, calibrated: false, into: &stream)
    XCTAssertEqual(stream.count % 8, 0)
  }
}
