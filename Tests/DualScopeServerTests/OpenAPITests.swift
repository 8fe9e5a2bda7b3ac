import DualScopeServer
import DualScopeTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

/// The OpenAPI document is served, and every documented path and method answers, to a good and
/// to a bad request, with a status and a content type the document lists for it.
final class OpenAPITests: XCTestCase {
  func document() throws -> [String: Any] {
    let url = CommandRunner.packageRoot.appendingPathComponent("Sources/DualScopeServer/Resources/openapi.json")
    return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
  }

  /// The documented media types for a status of an operation, `$ref`s resolved.
  func mediaTypes(_ operation: [String: Any], _ status: Int, in doc: [String: Any]) -> Set<String>? {
    guard let responses = operation["responses"] as? [String: Any], var response = responses[String(status)] as? [String: Any]
    else { return nil }
    if let ref = response["$ref"] as? String {
      let name = String(ref.split(separator: "/").last!)
      response = ((doc["components"] as? [String: Any])?["responses"] as? [String: Any])?[name] as? [String: Any] ?? [:]
    }
    return Set(((response["content"] as? [String: Any]) ?? [:]).keys)
  }

  /// A good and a bad request for an operation.
  func requests(_ path: String, _ method: String) -> [(HTTPFields, ByteBuffer?)] {
    switch (path, method) {
    case ("/api/v1/batch", "post"):
      return [
        ([.contentType: "text/csv"], ByteBuffer(string: "id,title,abstract\n1,Quantum,Superconducting qubits\n")),
        ([.contentType: "application/x-ndjson"], ByteBuffer(string: "{\"id\":\"1\",\"title\":\"Qubits\"}\n")),
        ([.contentType: "text/csv"], ByteBuffer(string: "x,y\n1,2\n")),
        ([.contentType: "image/png"], ByteBuffer(string: "x")),
      ]
    case ("/api/v1/screen", "post"):
      return [
        (ServerFixture.jsonHeaders, ServerFixture.jsonBody(["text": ServerFixture.quantumText])),
        (
          ServerFixture.jsonHeaders,
          ServerFixture.jsonBody(["text": ServerFixture.quantumText, "partner_countries": ["IR"], "date": "2026-01-02"])
        ),
        (ServerFixture.jsonHeaders, ServerFixture.jsonBody(["text": ServerFixture.quantumText, "partner_countries": ["Irann"]])),
        (ServerFixture.jsonHeaders, ByteBuffer(string: "{\"text\":")),
        ([.contentType: "text/plain"], ByteBuffer(string: "quantum")),
      ]
    case (_, "post"):
      return [
        (ServerFixture.jsonHeaders, ServerFixture.jsonBody(["text": ServerFixture.quantumText])),
        (ServerFixture.jsonHeaders, ByteBuffer(string: "{\"text\":")),
        ([.contentType: "text/plain"], ByteBuffer(string: "quantum")),
      ]
    default:
      return [([:], nil)]
    }
  }

  func testEveryDocumentedOperationAnswersAsDocumented() async throws {
    let doc = try document()
    XCTAssertEqual(doc["openapi"] as? String, "3.1.0")
    let paths = try XCTUnwrap(doc["paths"] as? [String: [String: Any]])
    XCTAssertEqual(
      Set(paths.keys),
      [
        "/api/v1/healthz", "/api/v1/openapi.json", "/api/v1/taxonomy", "/api/v1/classify", "/api/v1/explain",
        "/api/v1/screen", "/api/v1/batch",
      ])
    let token = "a-token-long-enough-0001"
    for withAuth in [false, true] {
      let app = try ServerFixture.application { if withAuth { $0.tokens = [token] } }
      try await app.test(.router) { client in
        var checked = 0
        for (path, operations) in paths {
          for (method, value) in operations {
            let operation = try XCTUnwrap(value as? [String: Any])
            for (headers, body) in self.requests(path, method) {
              var fields = headers
              if withAuth && checked % 2 == 0 { fields[.authorization] = "Bearer \(token)" }
              try await client.execute(
                uri: path, method: HTTPRequest.Method(rawValue: method.uppercased())!, headers: fields, body: body
              ) { response in
                let code = response.status.code
                let documented = self.mediaTypes(operation, code, in: doc)
                XCTAssertNotNil(documented, "\(method) \(path) answered \(code), not documented")
                let media = response.headers[.contentType]?.split(separator: ";").first.map(String.init) ?? ""
                XCTAssertTrue(documented?.contains(media) ?? false, "\(method) \(path) \(code): \(media)")
              }
              checked += 1
            }
          }
        }
        XCTAssertGreaterThan(checked, 10)
      }
    }
  }

  func testTheServedDocumentIsTheCommittedOne() async throws {
    let committed = try document()
    let app = try ServerFixture.application()
    try await app.test(.router) { client in
      try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
        let served = try XCTUnwrap(ServerFixture.decode(response.body) as? NSDictionary)
        XCTAssertEqual(served, committed as NSDictionary)
        let description = ((committed["info"] as? [String: Any])?["description"] as? String) ?? ""
        XCTAssertTrue(description.contains("no result is not clearance"), "the document carries the disclaimer")
      }
    }
  }
}
