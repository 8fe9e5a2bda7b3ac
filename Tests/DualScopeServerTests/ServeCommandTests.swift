import DualScopeTestSupport
import Foundation
import XCTest

/// `dualscope serve` as a process: refusing an unsafe start, serving, the access log, SIGTERM.
final class ServeCommandTests: XCTestCase {
  func testANonLoopbackHostWithoutTokensOrNoAuthRefusesToStart() throws {
    for host in ["0.0.0.0", "192.0.2.1", "::"] {
      let result = try CommandRunner.run(["serve", "--host", host, "--port", "0"])
      XCTAssertEqual(result.status, 2, result.stderr)
      XCTAssertTrue(result.stderr.contains("--token-file"), result.stderr)
      XCTAssertFalse(result.stderr.contains("listening"), result.stderr)
    }
    let both = try CommandRunner.run(["serve", "--host", "0.0.0.0", "--no-auth", "--token-file", "/dev/null"])
    XCTAssertEqual(both.status, 2, both.stderr)
    let missing = try CommandRunner.run(["serve", "--host", "0.0.0.0", "--token-file", "/nonexistent/tokens"])
    XCTAssertEqual(missing.status, 2, missing.stderr)
    XCTAssertTrue(missing.stderr.contains("token file"), missing.stderr)
  }

  func testItServesLogsNoTextAndStopsOnSIGTERM() throws {
    let server = try RunningServer()
    let secret = "Confidential quantum repeater plan 8d1f"
    let body = try JSONSerialization.data(withJSONObject: ["text": secret])
    let (status, data) = try server.request("/api/v1/classify", method: "POST", body: body, type: "application/json")
    XCTAssertEqual(status, 200)
    XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("dualscope.classification/2"))
    let (health, _) = try server.request("/api/v1/healthz")
    XCTAssertEqual(health, 200)
    XCTAssertEqual(server.stop(), 0)
    let log = server.stderr
    XCTAssertTrue(log.contains("POST /api/v1/classify 200 "), log)
    XCTAssertTrue(log.contains("GET /api/v1/healthz 200 "), log)
    XCTAssertFalse(log.contains("8d1f") || log.contains("Confidential"), "the text must not reach the log")
  }
}
