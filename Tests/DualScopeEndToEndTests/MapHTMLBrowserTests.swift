import DualScopeTestSupport
import Foundation
import XCTest

/// The HTML map in a real browser: headless Chromium loads the report of the sample university
/// portfolio with no console errors, draws it, and its table sorts when a header is clicked.
/// Skipped when no Chromium is installed (`apt-get install chromium`).
final class MapHTMLBrowserTests: XCTestCase {
  var scratch: URL!

  override func setUpWithError() throws {
    scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("ds-html-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: scratch)
  }

  /// Runs headless Chromium on a file; returns its log (where console messages go).
  func browse(_ file: URL, _ arguments: [String]) throws -> String {
    let run = try HeadlessChromium.load(file.absoluteString, profile: scratch.appendingPathComponent("profile"), arguments)
    XCTAssertEqual(run.status, 0)
    return run.stderr
  }

  /// Console lines Chromium logged for the page.
  func consoleLines(_ log: String) -> [String] {
    log.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") }
  }

  func testTheMapLoadsWithoutConsoleErrorsDrawsAndSorts() throws {
    guard HeadlessChromium.path != nil else { throw XCTSkip("no chromium on PATH") }
    let university = CommandRunner.packageRoot.appendingPathComponent("Corpora/portfolio-university.csv").path
    let page = scratch.appendingPathComponent("map.html")
    let made = try CommandRunner.run([
      "map", university, "--unit-columns", "faculty,department", "--format", "html", "--output", page.path,
    ])
    XCTAssertEqual(made.status, 0, made.stderr)

    // Load and draw: no console message at all, and a screenshot that is not blank.
    let shot = scratch.appendingPathComponent("map.png")
    let log = try browse(page, ["--screenshot=\(shot.path)", "--window-size=1400,1000"])
    XCTAssertEqual(consoleLines(log), [], log)
    let png = try Data(contentsOf: shot)
    XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
    XCTAssertGreaterThan(png.count, 20_000, "a blank page compresses to a few kilobytes")

    // Behaviour: click the first area's header twice and report the column's order.
    var html = try String(contentsOf: page, encoding: .utf8)
    let probe = """
      <script>
      (function(){var t=document.getElementById('units');var h=t.tHead.rows[0].cells[3];
      function col(){return Array.from(t.tBodies[0].rows).map(function(r){return parseFloat(r.cells[3].dataset.v);});}
      function sorted(a,up){for(var i=1;i<a.length;i++){if(up?a[i-1]>a[i]:a[i-1]<a[i])return false;}return true;}
      h.click();var up=sorted(col(),true);h.click();var down=sorted(col(),false);
      console.log('DS-PROBE rows='+t.tBodies[0].rows.length+' asc='+up+' desc='+down+' svg='+document.querySelectorAll('svg').length);})();
      </script>
      """
    html = html.replacingOccurrences(of: "</body>", with: probe + "</body>")
    let probed = scratch.appendingPathComponent("probed.html")
    try html.write(to: probed, atomically: true, encoding: .utf8)
    let lines = consoleLines(try browse(probed, ["--dump-dom"]))
    XCTAssertEqual(lines.count, 1, lines.joined(separator: "\n"))
    let report = lines.first ?? ""
    XCTAssertTrue(report.contains("asc=true desc=true"), report)
    XCTAssertFalse(report.contains("rows=0"), report)
    XCTAssertFalse(report.contains("svg=0"), report)
  }
}
