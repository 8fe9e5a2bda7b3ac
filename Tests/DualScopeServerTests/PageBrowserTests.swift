import DualScopeTestSupport
import Foundation
import XCTest

/// The self-check page in headless Chromium against a running server: it loads, runs the
/// example text through the API, marks the evidence in the text, logs nothing to the console,
/// and draws something. Skipped when no Chromium is installed (`apt-get install chromium`).
final class PageBrowserTests: XCTestCase {
  var scratch: URL!

  override func setUpWithError() throws {
    scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("ds-page-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: scratch)
  }

  static var chromium: String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for name in ["chromium", "chromium-browser", "google-chrome"] {
      for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
        return "\(dir)/\(name)"
      }
    }
    return nil
  }

  /// Runs headless Chromium on a URL; answers standard output and standard error.
  func browse(_ url: String, _ arguments: [String]) throws -> (String, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try XCTUnwrap(Self.chromium))
    process.arguments =
      [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
        "--user-data-dir=\(scratch.appendingPathComponent("profile").path)", "--virtual-time-budget=10000",
        "--lang=en-GB",
      ] + arguments + [url]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let errBox = LogBox()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errBox.append(err.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    let output = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0)
    return (String(decoding: output, as: UTF8.self), errBox.text)
  }

  func consoleLines(_ log: String) -> [String] {
    log.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") || $0.contains("Content Security Policy") }
  }

  func testThePageClassifiesTheExampleAndMarksTheEvidence() throws {
    guard Self.chromium != nil else { throw XCTSkip("no chromium on PATH") }
    let server = try RunningServer(["--quiet"])
    defer { _ = server.stop() }

    let (dom, log) = try browse(server.base + "/#example", ["--dump-dom"])
    XCTAssertEqual(consoleLines(log), [], log)
    let marks = dom.components(separatedBy: "<mark").count - 1
    XCTAssertGreaterThan(marks, 0, dom)
    XCTAssertTrue(dom.contains("dualscope-"), "the release is shown")
    XCTAssertFalse(dom.contains("id=\"results\" hidden"), "the results are shown")

    // Dutch interface.
    let (dutch, _) = try browse(server.base + "/#example-nl", ["--dump-dom"])
    XCTAssertTrue(dutch.contains("lang=\"nl\""))
    XCTAssertTrue(dutch.contains("Projectbeschrijving"))
    XCTAssertGreaterThan(dutch.components(separatedBy: "<mark").count - 1, 0, dutch)

    // A screenshot that is not blank.
    let shot = scratch.appendingPathComponent("page.png")
    let (_, shotLog) = try browse(server.base + "/#example", ["--screenshot=\(shot.path)", "--window-size=1200,1400"])
    XCTAssertEqual(consoleLines(shotLog), [], shotLog)
    let png = try Data(contentsOf: shot)
    XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
    XCTAssertGreaterThan(png.count, 20_000, "a blank page compresses to a few kilobytes")
  }
}
