import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

@testable import DualScopeServer

/// Authentication, security headers, bounded concurrency.
final class SafetyTests: XCTestCase {
  let token = "0123456789abcdef-token"

  func testWithTokensTheAPINeedsABearerTokenButHealthAndThePageDoNot() async throws {
    let app = try ServerFixture.application { $0.tokens = [self.token, "another-token-0123456789"] }
    let body = ServerFixture.jsonBody(["text": "quantum"])
    try await app.test(.router) { client in
      for headers: HTTPFields in [
        ServerFixture.jsonHeaders, [.contentType: "application/json", .authorization: "Bearer wrong-token-0123456789"],
        [.contentType: "application/json", .authorization: "Bearer \(self.token)x"],
        [.contentType: "application/json", .authorization: "Basic \(self.token)"],
      ] {
        try await client.execute(uri: "/api/v1/classify", method: .post, headers: headers, body: body) { response in
          XCTAssertEqual(response.status, .unauthorized)
          XCTAssertEqual(response.headers[.wwwAuthenticate], "Bearer realm=\"dualscope\"")
        }
      }
      try await client.execute(
        uri: "/api/v1/classify", method: .post,
        headers: [.contentType: "application/json", .authorization: "Bearer \(self.token)"], body: body
      ) { XCTAssertEqual($0.status, .ok) }
      try await client.execute(
        uri: "/api/v1/taxonomy", method: .get, headers: [.authorization: "bearer another-token-0123456789"]
      ) { XCTAssertEqual($0.status, .ok) }
      for path in ["/api/v1/healthz", "/api/v1/openapi.json", "/", "/app.js", "/app.css"] {
        try await client.execute(uri: path, method: .get) { XCTAssertEqual($0.status, .ok, path) }
      }
    }
  }

  func testEveryAnswerCarriesTheSecurityHeaders() async throws {
    let app = try ServerFixture.application()
    try await app.test(.router) { client in
      for (path, method) in [("/", HTTPRequest.Method.get), ("/api/v1/healthz", .get), ("/nothing", .get), ("/api/v1/classify", .post)] {
        try await client.execute(uri: path, method: method) { response in
          let csp = try XCTUnwrap(response.headers[.contentSecurityPolicy], path)
          XCTAssertTrue(csp.contains("default-src 'none'"), csp)
          XCTAssertTrue(csp.contains("script-src 'self'"), csp)
          XCTAssertTrue(csp.contains("frame-ancestors 'none'"), csp)
          XCTAssertFalse(csp.contains("unsafe-inline"), csp)
          XCTAssertEqual(response.headers[HTTPField.Name("X-Content-Type-Options")!], "nosniff")
          XCTAssertEqual(response.headers[HTTPField.Name("Referrer-Policy")!], "no-referrer")
        }
      }
      try await client.execute(uri: "/nothing", method: .get) { response in
        XCTAssertEqual(response.status, .notFound)
        XCTAssertEqual(response.headers[.contentType], "application/json; charset=utf-8")
      }
    }
  }

  func testThePageHasNoInlineScriptOrStyleAndNoExternalResource() async throws {
    let app = try ServerFixture.application()
    try await app.test(.router) { client in
      try await client.execute(uri: "/", method: .get) { response in
        XCTAssertEqual(response.headers[.contentType], "text/html; charset=utf-8")
        let html = String(buffer: response.body)
        XCTAssertTrue(html.contains("<script src=\"/app.js\" defer></script>"))
        XCTAssertFalse(html.contains("<style"))
        XCTAssertFalse(html.contains("style=\""))
        XCTAssertFalse(html.contains("onclick"))
        XCTAssertFalse(html.contains("http://") || html.contains("https://"))
        // Every form control has a label.
        for id in ["text", "file", "token"] { XCTAssertTrue(html.contains("<label for=\"\(id)\""), id) }
      }
      for path in ["/app.js", "/app.css"] {
        try await client.execute(uri: path, method: .get) { response in
          let text = String(buffer: response.body)
          XCTAssertFalse(text.contains("http://") || text.contains("https://"), path)
          XCTAssertFalse(text.contains("@import") || text.contains("url("), path)
        }
      }
    }
  }

  func testTheGaugeAdmitsNoMoreThanItsLimit() {
    let gauge = RequestGauge(limit: 2)
    XCTAssertTrue(gauge.enter())
    XCTAssertTrue(gauge.enter())
    XCTAssertFalse(gauge.enter())
    XCTAssertEqual(gauge.current, 2)
    gauge.leave()
    XCTAssertTrue(gauge.enter())
  }

  func testASaturatedServerAnswers503WithRetryAfter() async throws {
    let service = try ServerFixture.service { $0.maxConcurrentRequests = 1 }
    XCTAssertTrue(service.gauge.enter())  // one request in flight
    let app = service.application()
    try await app.test(.router) { client in
      try await client.execute(uri: "/api/v1/healthz", method: .get) { response in
        XCTAssertEqual(response.status, .serviceUnavailable)
        XCTAssertEqual(response.headers[.retryAfter], "1")
      }
    }
    service.gauge.leave()
  }

  func testTokensCompareWholeAndTokenFilesAreChecked() throws {
    let tokens = BearerTokens(["abcdefghijklmnop"])
    XCTAssertTrue(tokens.accepts(Array("abcdefghijklmnop".utf8)))
    XCTAssertFalse(tokens.accepts(Array("abcdefghijklmno".utf8)))
    XCTAssertFalse(tokens.accepts(Array("abcdefghijklmnopq".utf8)))
    XCTAssertFalse(tokens.accepts(Array("".utf8)))
    XCTAssertFalse(tokens.accepts(Array("Abcdefghijklmnop".utf8)))
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("ds-tokens-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: file) }
    try "# tokens\n\nabcdefghijklmnop\n  qrstuvwxyz012345  \n".write(to: file, atomically: true, encoding: .utf8)
    XCTAssertEqual(try BearerTokens.read(file: file.path), ["abcdefghijklmnop", "qrstuvwxyz012345"])
    try "short\n".write(to: file, atomically: true, encoding: .utf8)
    XCTAssertThrowsError(try BearerTokens.read(file: file.path))
  }
}
