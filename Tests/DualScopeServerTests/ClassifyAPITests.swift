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

  /// `context` gives the text the columns a portfolio record would carry: the answer is what
  /// `classify --context` prints, and explain names the rule.
  func testContextGivesTheRecordsColumns() async throws {
    let app = try ServerFixture.application()
    let qubit = "We build a superconducting qubit for quantum computing."
    try await app.test(.router) { client in
      for context in [[:], ["fundingScheme": "HORIZON-CSA"], ["fundingScheme": "HORIZON-RIA", "topics": "HORIZON-CL4-2023-SPACE-01-12"]] {
        let cli = try CommandRunner.run(
          ["classify", "--format", "json"] + context.sorted { $0.key < $1.key }.flatMap { ["--context", "\($0.key)=\($0.value)"] } + [qubit])
        XCTAssertEqual(cli.status, 0, cli.stderr)
        let body: [String: Any] = context.isEmpty ? ["text": qubit] : ["text": qubit, "context": context]
        try await client.execute(
          uri: "/api/v1/classify", method: .post, headers: ServerFixture.jsonHeaders, body: ServerFixture.jsonBody(body)
        ) { response in
          XCTAssertEqual(response.status, .ok)
          let api = try XCTUnwrap(ServerFixture.decode(response.body) as? NSDictionary)
          let printed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? NSDictionary)
          XCTAssertEqual(api, printed, "context: \(context)")
          let areas = ((api["result"] as? NSDictionary)?["areas"] as? [NSDictionary])?.compactMap { $0["id"] as? String }
          XCTAssertEqual(areas, context["fundingScheme"] == "HORIZON-CSA" ? [] : ["quantum"], "context: \(context)")
        }
      }
      try await client.execute(
        uri: "/api/v1/explain", method: .post, headers: ServerFixture.jsonHeaders,
        body: ServerFixture.jsonBody(["text": qubit, "context": ["fundingScheme": "HORIZON-CSA"]])
      ) { response in
        XCTAssertEqual(response.status, .ok)
        let text = String(buffer: response.body)
        XCTAssertTrue(text.contains("the record's fundingScheme is 'HORIZON-CSA', which asks for stronger evidence"), text)
      }
      let refused: [(String, String)] = [
        ("{\"text\":\"q\",\"context\":\"HORIZON-CSA\"}", "field 'context' must be an object of strings"),
        ("{\"text\":\"q\",\"context\":{\"fundingScheme\":1}}", "field 'context' must be an object of strings"),
        ("{\"text\":\"q\",\"context\":{\"\":\"x\"}}", "field 'context' names a column with an empty name"),
        ("{\"text\":\"q\",\"contexts\":{}}", "unknown field 'contexts'"),
      ]
      for (body, message) in refused {
        try await client.execute(
          uri: "/api/v1/classify", method: .post, headers: ServerFixture.jsonHeaders, body: ByteBuffer(string: body)
        ) { response in
          XCTAssertEqual(response.status, .badRequest, body)
          XCTAssertTrue(String(buffer: response.body).contains(message), String(buffer: response.body))
        }
      }
    }
  }
}
