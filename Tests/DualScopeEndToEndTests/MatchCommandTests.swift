import DualScopeTestSupport
import XCTest

/// `dualscope match` end to end: positions, counts, standard input, options and exit codes.
final class MatchCommandTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("match-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try write("terms.txt", "# phrases\nquantum computer\ncryptograph*\nlaser\n\nGaN\n")
    try write("a.txt", "Intro.\nCoördinatie: één quantum computers? No — a Quantum Computer.\nCryptography and lasers.\n")
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  func write(_ name: String, _ text: String) throws {
    try Data(text.utf8).write(to: folder.appendingPathComponent(name))
  }

  func testPrintsFileLineAndCharacterColumnOfEachLeftmostLongestMatch() throws {
    let r = try CommandRunner.run(["match", "--terms", "terms.txt", "a.txt"], in: folder)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(
      r.stdout,
      """
      a.txt:2:44: quantum computer
      a.txt:3:1: cryptograph*

      """, "plurals only with --inflect; columns count characters, not bytes")
  }

  func testInflectionCountAndStandardInputFromAPipe() throws {
    let text = String(repeating: "Quantum computers and a laser. ", count: 50_000)  // 1.5 MB: more than one block
    let r = try CommandRunner.run(["match", "--terms", "terms.txt", "--inflect", "en", "--count"], stdin: text, in: folder)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stdout, "100000\n")
    let lines = try CommandRunner.run(["match", "--terms", "terms.txt", "--inflect", "en"], stdin: "a\nlasers\n", in: folder)
    XCTAssertEqual(lines.stdout, "<stdin>:2:1: laser\n")
  }

  func testCaseSensitiveAndCompoundOptions() throws {
    try write("b.txt", "gan GaN hoogvermogenlaser\n")
    let plain = try CommandRunner.run(["match", "--terms", "terms.txt", "b.txt"], in: folder)
    XCTAssertEqual(plain.stdout, "b.txt:1:1: GaN\nb.txt:1:5: GaN\n")
    let exact = try CommandRunner.run(["match", "--terms", "terms.txt", "--case-sensitive", "--compounds", "b.txt"], in: folder)
    XCTAssertEqual(exact.stdout, "b.txt:1:5: GaN\nb.txt:1:21: laser\n")
  }

  func testExitCodesForNoMatchAndUnreadableFiles() throws {
    try write("none.txt", "Nothing relevant here.\n")
    let none = try CommandRunner.run(["match", "--terms", "terms.txt", "none.txt"], in: folder)
    XCTAssertEqual(none.status, 1)
    XCTAssertEqual(none.stdout, "")
    let missing = try CommandRunner.run(["match", "--terms", "terms.txt", "missing.txt", "a.txt"], in: folder)
    XCTAssertEqual(missing.status, 2)
    XCTAssertTrue(missing.stderr.contains("missing.txt: error: cannot read"), missing.stderr)
    XCTAssertTrue(missing.stdout.contains("a.txt:2:44: quantum computer"), "the other files are still searched")
    let noTerms = try CommandRunner.run(["match", "--terms", "absent.txt", "a.txt"], in: folder)
    XCTAssertEqual(noTerms.status, 2)
    XCTAssertTrue(noTerms.stderr.contains("absent.txt: error: cannot read the terms file"), noTerms.stderr)
  }
}
