import DualScope
import DualScopeServer
import DualScopeTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

/// POST classify and explain: the same documents as the command line, and the refusals.
final class ClassifyAPITests: XCTestCase {
  func testClassifyAnswersWhatTheCommandPrintsForTheSameTextAndRelease() async throws {
    let texts = [
      ServerFixture.quantumText,
      "Wij ontwikkelen kwantumcomputers met supergeleidende qubits en kwantumfoutcorrectie.",
      "A study of medieval poetry.", "",
    ]
    let app = try ServerFixture.application()
    try await app.test(.router) { client in
      for text in texts {
        let cli = try CommandRunner.run(["classify", "--format", "json", "--file", "-"], stdin: text)
        XCTAssertEqual(cli.status, 0, cli.stderr)
        try await client.execute(
          uri: "/api/v1/classify", method: .post, headers: ServerFixture.jsonHeaders,
          body: ServerFixture.jsonBody(["text": text])
        ) { response in
          XCTAssertEqual(response.status, .ok)
          XCTAssertEqual(response.headers[.contentType], "application/json; charset=utf-8")
          let api = try XCTUnwrap(ServerFixture.decode(response.body) as? NSDictionary)
          let printed = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? NSDictionary)
          XCTAssertEqual(api, printed, "text: \(text)")
          XCTAssertEqual(String(buffer: response.body).filter { $0 == "\n" }.count, 1, "one compact line")
        }
      }
    }
  }

  func testBodiesWithEscapesAndSpacingReadTheTextTheyHold() async throws {
    let app = try ServerFixture.application()
    let classifier = ServerFixture.classifier
    let writer = try ClassificationDocumentWriter(
      metadata: ResultMetadata(taxonomy: classifier.taxonomy, options: classifier.options))
    let cases: [(String, String)] = [
      ("{\"text\":\"quantum computing\"}", "quantum computing"),
      (" \n{ \"text\" :\t\"quantum\\ncomputing\" }\r\n", "quantum\ncomputing"),
      ("{\"text\":\"qu\\u0061ntum \\\"key\\\" distribution \\/ \\u00e9\\ud83d\\ude00\\b\\f\\t\\\\\"}", "quantum \"key\" distribution / é😀\u{08}\u{0C}\t\\"),
      ("{\"text\":\"kwantumcomputer ée\"}", "kwantumcomputer ée"),
      ("{\"te\\u0078t\":\"quantum sensing\"}", "quantum sensing"),
    ]
    try await app.test(.router) { client in
      for (body, text) in cases {
        try await client.execute(
          uri: "/api/v1/classify", method: .post, headers: ServerFixture.jsonHeaders, body: ByteBuffer(string: body)
        ) { response in
          XCTAssertEqual(response.status, .ok, body)
          XCTAssertEqual(Array(response.body.readableBytesView), writer.encode(classifier.classify(text)), body)
        }
      }
      for body in ["{\"text\":\"a\\ud800\"}", "{\"text\":\"a\", \"text\":\"b\"}", "{\"text\":\"a\\x\"}", "{\"text\":\"a\u{01}\"}"] {
        try await client.execute(
          uri: "/api/v1/classify", method: .post, headers: ServerFixture.jsonHeaders, body: ByteBuffer(string: body)
        ) { response in
          XCTAssertNotEqual(response.status, .internalServerError, body)
        }
      }
    }
  }

  func testExplainAnswersWhatTheCommandPrints() async throws {
    let app = try ServerFixture.application()
    let cli = try CommandRunner.run(["explain", "--format", "json", "--file", "-"], stdin: ServerFixture.quantumText)
    XCTAssertEqual(cli.status, 0, cli.stderr)
    try await app.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/explain", method: .post, headers: ServerFixture.jsonHeaders,
        body: ServerFixture.jsonBody(["text": ServerFixture.quantumText])
      ) { response in
        XCTAssertEqual(response.status, .ok)
        let api = try XCTUnwrap(ServerFixture.decode(response.body) as? NSDictionary)
        let printed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? NSDictionary)
        XCTAssertEqual(api, printed)
      }
    }
  }

  func testATwoMebibyteBodyAnswers413() async throws {
    let app = try ServerFixture.application()
    let big = String(repeating: "quantum ", count: (2 << 20) / 8)
    try await app.test(.router) { client in
      for path in ["/api/v1/classify", "/api/v1/explain"] {
        try await client.execute(
          uri: path, method: .post, headers: ServerFixture.jsonHeaders, body: ServerFixture.jsonBody(["text": big])
        ) { response in
          XCTAssertEqual(response.status, .contentTooLarge)
          let message = try XCTUnwrap((ServerFixture.decode(response.body) as? [String: Any])?["error"] as? String)
          XCTAssertTrue(message.contains("limit"), message)
        }
      }
      try await client.execute(
        uri: "/api/v1/batch", method: .post, headers: [.contentType: "text/csv"],
        body: ByteBuffer(string: "id,title,abstract\n" + String(repeating: "1,a,b\n", count: (2 << 20) / 6))
      ) { response in
        XCTAssertEqual(response.status, .contentTooLarge)
      }
    }
  }

  func testATextOverTheTextLimitAnswers413() async throws {
    let app = try ServerFixture.application { $0.maxTextBytes = 100 }
    try await app.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/classify", method: .post, headers: ServerFixture.jsonHeaders,
        body: ServerFixture.jsonBody(["text": String(repeating: "x", count: 101)])
      ) { response in
        XCTAssertEqual(response.status, .contentTooLarge)
      }
    }
  }

  func testMalformedRequestsAnswer400NamingTheProblem() async throws {
    let app = try ServerFixture.application()
    let cases: [(String, String)] = [
      ("{\"text\": \"quantum", "malformed JSON"),
      ("{\"text\" \"quantum\"}", "malformed JSON"),
      ("", "empty body"),
      ("[1, 2]", "expected a JSON object"),
      ("{}", "missing field 'text'"),
      ("{\"text\": 12}", "field 'text' must be a string"),
      ("{\"text\": \"quantum\", \"cut\": 0.5}", "unknown field 'cut'"),
    ]
    try await app.test(.router) { client in
      for (body, expected) in cases {
        try await client.execute(
          uri: "/api/v1/classify", method: .post, headers: ServerFixture.jsonHeaders, body: ByteBuffer(string: body)
        ) { response in
          XCTAssertEqual(response.status, .badRequest, body)
          XCTAssertEqual(response.headers[.contentType], "application/json; charset=utf-8")
          let message = try XCTUnwrap((ServerFixture.decode(response.body) as? [String: Any])?["error"] as? String)
          XCTAssertTrue(message.contains(expected), "\(body): \(message)")
        }
      }
      try await client.execute(
        uri: "/api/v1/classify", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "x")
      ) { response in
        XCTAssertEqual(response.status, .unsupportedMediaType)
      }
    }
  }
}
