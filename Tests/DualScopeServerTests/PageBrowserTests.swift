import DualScopeTestSupport
import Foundation
import XCTest

/// The self-check page in headless Chromium against a running server: it loads, runs the
/// example text through the API, marks the evidence in the text, screens a text with a partner
/// country and shows the triage, logs nothing to the console, and draws something. Skipped when
/// no Chromium is installed (`apt-get install chromium`).
final class PageBrowserTests: XCTestCase {
  var scratch: URL!

  override func setUpWithError() throws {
    scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("ds-page-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: scratch)
  }

  /// Runs headless Chromium on a URL; answers standard output and its log.
  func browse(_ url: String, _ arguments: [String]) throws -> (String, String) {
    let run = try HeadlessChromium.load(
      url, profile: scratch.appendingPathComponent("profile"), ["--virtual-time-budget=10000"] + arguments)
    XCTAssertEqual(run.status, 0)
    return (run.stdout, run.stderr)
  }

  func consoleLines(_ log: String) -> [String] {
    log.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") || $0.contains("Content Security Policy") }
  }

  func testThePageClassifiesTheExampleAndMarksTheEvidence() throws {
    guard HeadlessChromium.path != nil else { throw XCTSkip("no chromium on PATH") }
    let server = try RunningServer(["--quiet"])
    defer { _ = server.stop() }

    let (dom, log) = try browse(server.base + "/#example", ["--dump-dom"])
    XCTAssertEqual(consoleLines(log), [], log)
    let marks = dom.components(separatedBy: "<mark").count - 1
    XCTAssertGreaterThan(marks, 0, dom)
    XCTAssertTrue(dom.contains("dualscope-"), "the release is shown")
    XCTAssertFalse(dom.contains("id=\"results\" hidden"), "the results are shown")
    // The shipped release is calibrated: each assigned area shows its probability.
    XCTAssertTrue(dom.contains(" · probability 0.") || dom.contains(" · probability &gt; 0.99"), dom)

    // Dutch interface.
    let (dutch, _) = try browse(server.base + "/#example-nl", ["--dump-dom"])
    XCTAssertTrue(dutch.contains("lang=\"nl\""))
    XCTAssertTrue(dutch.contains("Projectbeschrijving"))
    XCTAssertGreaterThan(dutch.components(separatedBy: "<mark").count - 1, 0, dutch)
    XCTAssertTrue(dutch.contains(" · kans 0.") || dutch.contains(" · kans &gt; 0.99"), dutch)

    // A partner country: the page screens the text too and shows the triage and the disclaimer.
    let (screened, screenLog) = try browse(server.base + "/#screen-example", ["--dump-dom"])
    XCTAssertEqual(consoleLines(screenLog), [], screenLog)
    XCTAssertFalse(screened.contains("id=\"screening\" hidden"), "the screening is shown")
    XCTAssertTrue(screened.contains("Triage: consult"), screened)
    XCTAssertTrue(screened.contains("class=\"triage-consult\""), screened)
    XCTAssertTrue(screened.contains("no result is not clearance"), screened)
    XCTAssertTrue(screened.contains("eu-iran"), screened)
    let (dutchScreened, dutchLog) = try browse(server.base + "/#screen-example-nl", ["--dump-dom"])
    XCTAssertEqual(consoleLines(dutchLog), [], dutchLog)
    XCTAssertTrue(dutchScreened.contains("Triage: overleggen"), dutchScreened)
    XCTAssertTrue(dutchScreened.contains("Partnerlanden"), dutchScreened)

    // A screenshot that is not blank.
    let shot = scratch.appendingPathComponent("page.png")
    let (_, shotLog) = try browse(server.base + "/#example", ["--screenshot=\(shot.path)", "--window-size=1200,1400"])
    XCTAssertEqual(consoleLines(shotLog), [], shotLog)
    let png = try Data(contentsOf: shot)
    XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
    XCTAssertGreaterThan(png.count, 20_000, "a blank page compresses to a few kilobytes")
  }
}
