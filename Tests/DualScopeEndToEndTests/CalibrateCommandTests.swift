import DualScopeTestSupport
import Foundation
import XCTest

/// `dualscope calibrate` end to end: a small corpus, byte-identical reruns, a release that
/// validates, and clear errors for bad input.
final class CalibrateCommandTests: XCTestCase {
  var dir: URL!

  override func setUpWithError() throws {
    dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("ds-calibrate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

  func write(_ name: String, _ lines: [String]) throws -> String {
    let url = dir.appendingPathComponent(name)
    try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  func corpus() -> [String] {
    var lines: [String] = []
    for i in 0..<12 {
      lines.append(#"{"id": "q\#(i)", "title": "Qubit processor \#(i)", "text": "We develop a superconducting qubit processor and a quantum computer.", "labels": ["quantum"]}"#)
      lines.append(#"{"id": "s\#(i)", "title": "Opinion study \#(i)", "text": "A survey of public opinion about the quantum computer in newspapers.", "labels": []}"#)
      lines.append(#"{"id": "r\#(i)", "title": "Robot arm \#(i)", "text": "We build an autonomous robot arm with motion planning.", "labels": ["robotics-autonomy"]}"#)
    }
    return lines
  }

  func testCalibrateTwiceGivesTheSameBytesAndTheReleaseValidates() throws {
    let input = try write("corpus.jsonl", corpus())
    let a = dir.appendingPathComponent("a").path
    let b = dir.appendingPathComponent("b").path
    for out in [a, b] {
      let r = try CommandRunner.run(["calibrate", input, "--from", "2025.1", "--output", out, "--release", "2026.1", "--iterations", "50"])
      XCTAssertEqual(r.status, 0, r.stderr)
    }
    let fa = try Data(contentsOf: URL(fileURLWithPath: a + "/calibration.yaml"))
    let fb = try Data(contentsOf: URL(fileURLWithPath: b + "/calibration.yaml"))
    XCTAssertEqual(fa, fb)
    let v = try CommandRunner.run(["validate", a])
    XCTAssertEqual(v.status, 0, v.stderr)
    XCTAssertTrue(v.stdout.contains("2026.1"), v.stdout)
  }

  func testTheScreeningPartGoesAlong() throws {
    let input = try write("corpus.jsonl", corpus())
    let shipped = dir.appendingPathComponent("shipped").path
    let again = dir.appendingPathComponent("again").path
    var r = try CommandRunner.run(["calibrate", input, "--from", "2026.1", "--output", shipped, "--iterations", "20"])
    XCTAssertEqual(r.status, 0, r.stderr)
    // From a folder too: the one just written.
    r = try CommandRunner.run(["calibrate", input, "--from", shipped, "--output", again, "--iterations", "20"])
    XCTAssertEqual(r.status, 0, r.stderr)
    for out in [shipped, again] {
      for name in ["regimes/eu-iran.yaml", "regimes/countries.yaml", "lists/example-fictional.yaml"] {
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + name), "\(out): no \(name)")
      }
      let diff = try CommandRunner.run(["diff", "2026.1", out])
      XCTAssertFalse(diff.stdout.contains("regime eu-"), diff.stdout)
      let screened = try CommandRunner.run([
        "screen", "We develop a superconducting qubit processor.", "--taxonomy", out, "--regimes", out,
        "--partner-country", "Iran", "--date", "2026-01-15", "--format", "json",
      ])
      XCTAssertEqual(screened.status, 0, screened.stderr)
      XCTAssertTrue(screened.stdout.contains(#""id":"eu-iran""#) || screened.stdout.contains(#""id" : "eu-iran""#), screened.stdout)
    }
    // A release without a screening part gives none.
    let old = dir.appendingPathComponent("old").path
    r = try CommandRunner.run(["calibrate", input, "--from", "2025.1", "--output", old, "--iterations", "20"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: old + "/regimes"))
  }

  /// `--add-cut` goes into the release with the rules first, and is refused without them or at
  /// or below the cut, before anything is read.
  func testAddCutNeedsTheRulesFirstAndAHigherCut() throws {
    let input = try write("corpus.jsonl", corpus())
    let out = dir.appendingPathComponent("add").path
    let base = ["calibrate", input, "--from", "2025.1", "--output", out, "--iterations", "50"]
    let ok = try CommandRunner.run(base + ["--decision", "rules-then-probability", "--cut", "0.2", "--add-cut", "0.7"])
    XCTAssertEqual(ok.status, 0, ok.stderr)
    let file = try String(contentsOfFile: out + "/calibration.yaml", encoding: .utf8)
    XCTAssertTrue(file.contains("\ncut: 0.2\ndecision: rules-then-probability\nadd_cut: 0.7\n"), file)
    XCTAssertEqual(try CommandRunner.run(["validate", out]).status, 0)
    for (extra, message) in [
      (["--add-cut", "0.7"], "--add-cut needs --decision rules-then-probability"),
      (["--decision", "rules-then-probability", "--cut", "0.5", "--add-cut", "0.5"], "--add-cut must be above --cut and below 1"),
    ] {
      let r = try CommandRunner.run(base + extra)
      XCTAssertEqual(r.status, 2, r.stderr)
      XCTAssertTrue(r.stderr.contains(message), r.stderr)
    }
  }

  func testUnknownLabelsAreErrorsWithTheirLine() throws {
    var lines = corpus()
    lines[4] = #"{"id": "x", "title": "Typo", "text": "A qubit.", "labels": ["quantm"]}"#
    let input = try write("typo.jsonl", lines)
    let r = try CommandRunner.run(["calibrate", input, "--from", "2025.1", "--output", dir.appendingPathComponent("o").path])
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("typo.jsonl:5: error: label 'quantm' is not an area or field of the release"), r.stderr)
  }

  func testEmptyInputAndASingleClassAreRefused() throws {
    let empty = try write("empty.jsonl", [])
    let r = try CommandRunner.run(["calibrate", empty, "--from", "2025.1", "--output", dir.appendingPathComponent("o").path])
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("no records"), r.stderr)

    let negatives = try write("neg.jsonl", corpus().filter { $0.contains(#""labels": []"#) })
    let n = try CommandRunner.run(["calibrate", negatives, "--from", "2025.1", "--output", dir.appendingPathComponent("o").path])
    XCTAssertEqual(n.status, 2)
    XCTAssertTrue(n.stderr.contains("calibration needs positives and negatives"), n.stderr)
  }

  func testUnlabelledRowsAreWarnedAboutWithTheirLines() throws {
    let input = try write("corpus.jsonl", corpus())
    let r = try CommandRunner.run(["calibrate", input, "--from", "2025.1", "--output", dir.appendingPathComponent("o").path, "--iterations", "20"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stderr.contains("12 rows have no labels and count as negatives for every area (lines 2, 5, 8"), r.stderr)
  }
}
