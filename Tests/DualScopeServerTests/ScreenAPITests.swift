import DualScope
import DualScopeServer
import DualScopeTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

/// POST screen: the document `screen --format json` prints for the same inputs, and the refusals.
final class ScreenAPITests: XCTestCase {
  static let enrichment =
    "Gas centrifuge cascades for uranium enrichment\n\nWe model the separative work of gas centrifuge cascades "
    + "for uranium enrichment and the rotor dynamics of high-speed centrifuges."

  /// The request body and the same inputs as command-line arguments.
  struct Case {
    var body: [String: Any]
    var arguments: [String]
  }

  static let cases: [Case] = [
    Case(
      body: ["text": enrichment, "partner_countries": ["Iran"], "date": "2025-10-01"],
      arguments: ["--partner-country", "Iran", "--date", "2025-10-01"]),
    Case(
      body: ["text": ServerFixture.quantumText, "partner_countries": ["IR", "Nederland"], "date": "2025-09-29"],
      arguments: ["--partner-country", "IR", "--partner-country", "Nederland", "--date", "2025-09-29"]),
    Case(
      body: [
        "text": ServerFixture.quantumText, "partner_organisations": ["NIAP", "Delft University of Technology"],
        "person_nationality": "China", "funding": "NSERC Alliance", "date": "2026-12-01",
      ],
      arguments: [
        "--partner-org", "NIAP", "--partner-org", "Delft University of Technology", "--person-nationality", "China",
        "--funding", "NSERC Alliance", "--date", "2026-12-01",
      ]),
    Case(body: ["text": "A study of medieval poetry.", "date": "2026-01-15"], arguments: ["--date", "2026-01-15"]),
    Case(
      body: ["text": enrichment, "partner_countries": ["KP"], "date": "2026-03-01", "cut": 0.3],
      arguments: ["--partner-country", "KP", "--date", "2026-03-01", "--cut", "0.3"]),
  ]

  func testScreenAnswersWhatTheCommandPrintsForTheSameInputs() async throws {
    let app = try ServerFixture.application()
    try await app.test(.router) { client in
      for c in Self.cases {
        let cli = try CommandRunner.run(["screen", "--format", "json", "--file", "-"] + c.arguments, stdin: try XCTUnwrap(c.body["text"] as? String))
        XCTAssertEqual(cli.status, 0, cli.stderr)
        try await client.execute(
          uri: "/api/v1/screen", method: .post, headers: ServerFixture.jsonHeaders, body: ServerFixture.jsonBody(c.body)
        ) { response in
          XCTAssertEqual(response.status, .ok, String(buffer: response.body))
          XCTAssertEqual(response.headers[.contentType], "application/json; charset=utf-8")
          let api = try XCTUnwrap(ServerFixture.decode(response.body) as? NSDictionary)
          let printed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? NSDictionary)
          XCTAssertEqual(api, printed, "arguments: \(c.arguments)")
          XCTAssertEqual(String(buffer: response.body).filter { $0 == "\n" }.count, 1, "one compact line")
        }
      }
    }
  }

  func testAnIranianPartnerOnAnEnrichmentTextAsksForAConsultation() async throws {
    let app = try ServerFixture.application()
    try await app.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/screen", method: .post, headers: ServerFixture.jsonHeaders,
        body: ServerFixture.jsonBody(["text": Self.enrichment, "partner_countries": ["Iran"]])
      ) { response in
        XCTAssertEqual(response.status, .ok)
        let doc = try XCTUnwrap(ServerFixture.decode(response.body) as? [String: Any])
        XCTAssertEqual(doc["schema"] as? String, "dualscope.screening/1")
        XCTAssertEqual((doc["triage"] as? [String: Any])?["level"] as? String, "consult")
        XCTAssertEqual(doc["date"] as? String, CalendarDay.today().description, "today when no date is given")
        XCTAssertTrue((doc["disclaimer"] as? String)?.contains("no result is not clearance") ?? false)
      }
    }
  }

  func testBadInputsAnswer400NamingTheProblem() async throws {
    let app = try ServerFixture.application()
    let cases: [([String: Any], String)] = [
      (["text": Self.enrichment, "partner_countries": ["Irann"]], "partner_countries: unknown country 'Irann' (did you mean 'Iran'?)"),
      (["text": Self.enrichment, "person_nationality": "Narnia"], "person_nationality: unknown country 'Narnia'"),
      (["text": Self.enrichment, "date": "2025-02-30"], "invalid date '2025-02-30'"),
      (["text": Self.enrichment, "date": "tomorrow"], "invalid date 'tomorrow'"),
      (["text": "  \n "], "the text is empty"),
      (["text": Self.enrichment, "partner_countries": "Iran"], "field 'partner_countries' must be an array of strings"),
      (["text": Self.enrichment, "cut": 1.5], "field 'cut' must be between 0 and 1"),
      (["text": Self.enrichment, "partner_country": ["IR"]], "unknown field 'partner_country'"),
      (["partner_countries": ["IR"]], "missing field 'text'"),
    ]
    try await app.test(.router) { client in
      for (body, expected) in cases {
        try await client.execute(
          uri: "/api/v1/screen", method: .post, headers: ServerFixture.jsonHeaders, body: ServerFixture.jsonBody(body)
        ) { response in
          XCTAssertEqual(response.status, .badRequest, "\(body)")
          let message = try XCTUnwrap((ServerFixture.decode(response.body) as? [String: Any])?["error"] as? String)
          XCTAssertTrue(message.contains(expected), "\(body): \(message)")
        }
      }
      try await client.execute(
        uri: "/api/v1/screen", method: .post, headers: ServerFixture.jsonHeaders, body: ByteBuffer(string: "{\"text\": ")
      ) { response in
        XCTAssertEqual(response.status, .badRequest)
      }
    }
  }

  func testAServerWithoutRegimesAnswers501() async throws {
    var config = ServerConfiguration()
    config.accessLog = false
    let app = try DualScopeService(classifier: ServerFixture.classifier, configuration: config).application()
    try await app.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/screen", method: .post, headers: ServerFixture.jsonHeaders,
        body: ServerFixture.jsonBody(["text": Self.enrichment])
      ) { response in
        XCTAssertEqual(response.status, .notImplemented)
      }
    }
  }
}
