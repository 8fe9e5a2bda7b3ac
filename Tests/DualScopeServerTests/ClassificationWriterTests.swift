import DualScope
import DualScopeTestSupport
import Foundation
import XCTest

/// classify's answer is written by hand; its bytes must be those of the Codable encoding.
final class ClassificationWriterTests: XCTestCase {
  /// The texts of the labelled and project corpora, and texts with characters JSON escapes.
  func texts() throws -> [String] {
    var out: [String] = []
    for name in ["labelled-en", "labelled-nl", "projects-en-train", "projects-nl-train"] {
      let url = CommandRunner.packageRoot.appendingPathComponent("Corpora/\(name).jsonl")
      for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        out.append([object["title"] as? String, object["text"] as? String].compactMap { $0 }.joined(separator: "\n\n"))
      }
    }
    out += [
      "", "   ", ServerFixture.quantumText,
      "quantum\u{0C}computing with \"superconducting\" qubits \\ and quantum\u{08}error correction",
      "quantum\tcomputing\r\nsuperconducting\u{01}qubits\u{1F} quantum key distribution / QKD",
      "Kwantumcomputers met supergeleidende qubits: één quantumprocessor, ﬁbre lasers, ＡＩ",
    ]
    return out
  }

  func testTheHandWrittenDocumentIsTheCodableEncodingByteForByte() throws {
    let classifier = ServerFixture.classifier
    let metadata = ResultMetadata(taxonomy: classifier.taxonomy, options: classifier.options)
    let writer = try ClassificationDocumentWriter(metadata: metadata)
    let texts = try texts()
    XCTAssertGreaterThan(texts.count, 500)
    var classified = 0
    for text in texts {
      let c = classifier.classify(text)
      if c.status.isClassified { classified += 1 }
      let codable = try ResultJSON.encode(ClassificationDocument(metadata: metadata, body: c), pretty: false) + "\n"
      let written = String(decoding: writer.encode(c), as: UTF8.self)
      if written != codable {
        XCTFail("differs for \(text.prefix(60)):\n\(written)\n\(codable)")
        return
      }
    }
    XCTAssertGreaterThan(classified, 100)
  }

  func testStringsAreEscapedAsTheEncoderEscapesThem() throws {
    let classifier = ServerFixture.classifier
    let metadata = ResultMetadata(taxonomy: classifier.taxonomy, options: classifier.options)
    let writer = try ClassificationDocumentWriter(metadata: metadata)
    var all = ""
    for v in 0..<0x80 { all.unicodeScalars.append(Unicode.Scalar(v)!) }
    all += "é€😀\u{2028}"
    let area = AreaScore(id: all, name: "a/b", score: 1.25, threshold: 0.1, level: .high, probability: 0.123456789)
    let field = FieldScore(
      id: "f", area: all, name: "n", score: 1e-7, threshold: 123_456_789.5, sensitivity: .high, level: .high,
      dualUse: [all, "3E001"],
      evidence: [
        Evidence(
          term: all, language: "en", weight: 2, contribution: 0.33333333333, weak: true,
          matches: [EvidenceSpan(start: 0, end: 3, text: all, kind: "term")])
      ])
    let c = Classification(status: .classified, level: .high, words: 3, areas: [area], fields: [field])
    let codable = try ResultJSON.encode(ClassificationDocument(metadata: metadata, body: c), pretty: false) + "\n"
    XCTAssertEqual(String(decoding: writer.encode(c), as: UTF8.self), codable)
  }
}
