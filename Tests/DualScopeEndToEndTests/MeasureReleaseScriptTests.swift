import DualScopeTestSupport
import Foundation
import XCTest

/// `Scripts/measure-release.sh`, the one command behind the quality figures of the README: run on
/// the own corpora (without the arXiv and CORDIS data, as in a clone), its rows must be the
/// figures `evaluate` gives for the same files, and its parts the files the README names.
final class MeasureReleaseScriptTests: XCTestCase {
  /// The script with the built binary and the own corpora only.
  private func measure(
    _ releases: [String], part: String? = nil, keep: String? = nil, bootstrap: Int? = nil, perFile: Bool = false
  ) throws -> CommandResult {
    var environment = [
      "DUALSCOPE": CommandRunner.productsDirectory.appendingPathComponent("dualscope").path, "SHARED": "none",
    ]
    if let part { environment["PART"] = part }
    if let bootstrap { environment["BOOTSTRAP"] = String(bootstrap) }
    if let keep { environment["KEEP"] = keep }
    if perFile { environment["PER_FILE"] = "1" }
    return try CommandRunner.runProgram(
      "/bin/bash", [CommandRunner.packageRoot.appendingPathComponent("Scripts/measure-release.sh").path] + releases,
      environment: environment)
  }

  /// `evaluate`'s macro P / R / F1 of a file and its harmless documents left unflagged, as the
  /// script prints them.
  private func expected(_ file: String, release: String) throws -> (macro: String, harmless: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("measure-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let predictions = folder.appendingPathComponent("p.jsonl").path
    let run = try CommandRunner.run([
      "evaluate", file, "--taxonomy", release, "--text-columns", "title,text", "--format", "json", "--predictions",
      predictions,
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    let report = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])["report"] as? [String: Any]
    let macro = try XCTUnwrap(report?["macro"] as? [String: Double])
    let figures = String(
      format: "%.3f / %.3f / %.3f", try XCTUnwrap(macro["precision"]), try XCTUnwrap(macro["recall"]),
      try XCTUnwrap(macro["f1"]))
    var harmless = 0
    var unflagged = 0
    for line in try String(contentsOfFile: predictions, encoding: .utf8).split(separator: "\n") {
      let d = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      guard (d["gold"] as? [String] ?? ["?"]).isEmpty else { continue }
      harmless += 1
      if (d["predicted"] as? [String] ?? ["?"]).isEmpty { unflagged += 1 }
    }
    return (figures, "\(unflagged) / \(harmless)")
  }

  /// The cells of the row that starts with `label`, one per release, split at two spaces.
  private func row(_ label: String, in output: String) throws -> [String] {
    let line = try XCTUnwrap(output.split(separator: "\n").first { $0.hasPrefix(label + "  ") }, "no row '\(label)'")
    return line.dropFirst(label.count).components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }

  /// The own files of one language and part (`train`, `validation`), joined in byte order of
  /// their names, as the script joins them.
  private func joinedFiles(_ lang: String, _ part: String) throws -> String {
    let corpora = CommandRunner.packageRoot.appendingPathComponent("Corpora")
    let files = try FileManager.default.contentsOfDirectory(atPath: corpora.path)
      .filter { $0.hasPrefix("projects-\(lang)-\(part)") && $0.hasSuffix(".jsonl") }
      .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    XCTAssertFalse(files.isEmpty)
    return try files.map { try String(contentsOf: corpora.appendingPathComponent($0), encoding: .utf8) }.joined()
  }

  func testPerFileRowsAreEachFilesOwnFigures() throws {
    let run = try measure(["2026.1"], perFile: true)
    XCTAssertEqual(run.status, 0, run.stderr)
    let corpora = CommandRunner.packageRoot.appendingPathComponent("Corpora")
    let files = try FileManager.default.contentsOfDirectory(atPath: corpora.path)
      .filter { $0.hasPrefix("projects-") && $0.contains("-validation") && $0.hasSuffix(".jsonl") }
    XCTAssertGreaterThanOrEqual(files.count, 6, "\(files)")
    for name in files {
      let figures = try expected(corpora.appendingPathComponent(name).path, release: "2026.1")
      XCTAssertEqual(try row("  \(name) macro P / R / F1", in: run.stdout), [figures.macro], name)
      XCTAssertEqual(try row("  \(name) harmless unflagged", in: run.stdout), [figures.harmless], name)
    }
    // Without PER_FILE the joined files alone.
    XCTAssertFalse(try measure(["2026.1"]).stdout.contains(".jsonl"))
  }

  func testTheValidationRowsAreEvaluatesFiguresForEachRelease() throws {
    let keep = FileManager.default.temporaryDirectory.appendingPathComponent("measure-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: keep) }
    let run = try measure(["2025.1", "2026.1"], keep: keep.path)
    XCTAssertEqual(run.status, 0, run.stderr)
    // Every validation file of a language, joined: the first 70 written with the train files,
    // later ones after them.
    let counts = try ["en", "nl"].map { try joinedFiles($0, "validation").split(separator: "\n").count }
    XCTAssertTrue(counts.allSatisfy { $0 > 70 }, "\(counts)")
    XCTAssertTrue(
      run.stdout.hasPrefix("part: validation (own-en \(counts[0]) documents, own-nl \(counts[1]) documents)\n"),
      run.stdout)
    // Without the arXiv and CORDIS data the script says nothing of them.
    XCTAssertFalse(run.stdout.contains("arXiv"))
    XCTAssertFalse(run.stdout.contains("CORDIS"))
    XCTAssertEqual(try row("measure", in: run.stdout), ["2025.1", "2026.1"])
    for (lang, label) in [("en", "English"), ("nl", "Dutch")] {
      let file = keep.appendingPathComponent("own-\(lang).jsonl").path
      XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), try joinedFiles(lang, "validation"))
      let old = try expected(file, release: "2025.1")
      let new = try expected(file, release: "2026.1")
      XCTAssertEqual(try row("own \(label) macro P / R / F1", in: run.stdout), [old.macro, new.macro])
      XCTAssertEqual(try row("own \(label) harmless unflagged", in: run.stdout), [old.harmless, new.harmless])
    }
  }

  func testTheTrainPartIsEveryTrainFile() throws {
    let keep = FileManager.default.temporaryDirectory.appendingPathComponent("measure-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: keep) }
    let run = try measure(["2026.1"], part: "train", keep: keep.path)
    XCTAssertEqual(run.status, 0, run.stderr)
    // The train files of each language, joined: what the script measured is kept in KEEP.
    for lang in ["en", "nl"] {
      let joined = try joinedFiles(lang, "train")
      let measured = try String(contentsOf: keep.appendingPathComponent("own-\(lang).jsonl"), encoding: .utf8)
      XCTAssertEqual(measured, joined)
      let documents = joined.split(separator: "\n").count
      XCTAssertTrue(run.stdout.contains("own-\(lang) \(documents) documents"), run.stdout)
      let figures = try expected(keep.appendingPathComponent("own-\(lang).jsonl").path, release: "2026.1")
      let label = lang == "en" ? "English" : "Dutch"
      XCTAssertEqual(try row("own \(label) macro P / R / F1", in: run.stdout), [figures.macro])
      XCTAssertEqual(try row("own \(label) harmless unflagged", in: run.stdout), [figures.harmless])
    }
  }

  /// `BOOTSTRAP=N` adds each figure's 95% interval, which holds the figure itself, and each later
  /// release's difference to the first with its paired interval, and changes no other row;
  /// `evaluate --bootstrap` refuses a count it would not finish.
  func testBootstrapAddsIntervalsAroundTheFigures() throws {
    let plain = try measure(["2025.1", "2026.1"])
    let run = try measure(["2025.1", "2026.1"], bootstrap: 200)
    XCTAssertEqual(run.status, 0, run.stderr)
    for label in ["own English macro P / R / F1", "own English harmless unflagged", "own Dutch macro P / R / F1",
      "own Dutch harmless unflagged"]
    {
      XCTAssertEqual(try row(label, in: run.stdout), try row(label, in: plain.stdout))
    }
    for label in ["English", "Dutch"] {
      let f1 = try XCTUnwrap(Double(try row("own \(label) macro P / R / F1", in: run.stdout)[1].suffix(5)))
      let bounds = try row("own \(label) macro F1, 95% interval", in: run.stdout)[1].split(separator: "-").compactMap {
        Double($0)
      }
      XCTAssertEqual(bounds.count, 2)
      XCTAssertTrue(bounds[0] < f1 && f1 < bounds[1], "\(bounds) \(f1)")
      let unflagged = try row("own \(label) harmless unflagged", in: run.stdout)[1].split(separator: "/").compactMap {
        Double($0.trimmingCharacters(in: .whitespaces))
      }
      let share = 100 * unflagged[0] / unflagged[1]
      let percent = try row("own \(label) unflagged, 95% interval", in: run.stdout)[1].dropLast().split(separator: "-")
        .compactMap { Double($0) }
      XCTAssertTrue(percent[0] <= share && share <= percent[1], "\(percent) \(share)")
      // The second release against the first: the difference of the two rows above, inside
      // the interval of the paired resamples.
      let macro = try row("own \(label) macro P / R / F1", in: run.stdout).map { Double($0.suffix(5))! }
      let change = try row("own \(label) macro F1 - first, 95%", in: run.stdout)
      XCTAssertEqual(change.first, "-")
      let numbers = change[1].replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
        .split(separator: " ").compactMap { Double($0) }
      XCTAssertEqual(numbers.count, 3, change[1])
      XCTAssertEqual(numbers[0], macro[1] - macro[0], accuracy: 0.0015)
      XCTAssertTrue(numbers[1] <= numbers[0] && numbers[0] <= numbers[2], change[1])
    }
    let refused = try CommandRunner.run([
      "evaluate", "Corpora/projects-en-validation.jsonl", "--text-columns", "title,text", "--bootstrap", "100001",
    ])
    XCTAssertEqual(refused.status, 2)
    XCTAssertTrue(refused.stderr.contains("--bootstrap must be between 0 and 100000"), refused.stderr)
  }

  /// `evaluate --against`: both releases' decision figures on the same documents, each what
  /// `evaluate` gives for that release alone, and the paired intervals of their difference.
  func testEvaluateAgainstAnotherReleaseComparesOnTheSameDocuments() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("against-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = "Corpora/projects-nl-validation.jsonl"
    func decisions(_ arguments: [String], _ name: String) throws -> (text: String, json: [String: Any]) {
      let path = folder.appendingPathComponent(name).path
      let run = try CommandRunner.run(
        ["evaluate", file, "--text-columns", "title,text", "--calibration-report", path] + arguments)
      XCTAssertEqual(run.status, 0, run.stderr)
      let json = try XCTUnwrap(
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
      return (run.stdout, json)
    }
    func f1(_ decisions: Any?) throws -> Double {
      let d = try XCTUnwrap(decisions as? [String: Any])
      return try XCTUnwrap((d["micro"] as? [String: Any])?["f1"] as? Double)
    }
    let new = try decisions(["--taxonomy", "2026.1"], "new.json")
    let old = try decisions(["--taxonomy", "2025.1"], "old.json")
    let both = try decisions(["--taxonomy", "2026.1", "--against", "2025.1", "--bootstrap", "200"], "both.json")
    let against = try XCTUnwrap(both.json["against"] as? [String: Any])
    XCTAssertEqual(against["release"] as? String, "2025.1")
    XCTAssertEqual(against["documents"] as? Int, 70)
    XCTAssertEqual(try f1(against["this"]), try f1(new.json["decisions"]))
    XCTAssertEqual(try f1(against["other"]), try f1(old.json["decisions"]))
    let difference = try XCTUnwrap((against["difference"] as? [String: Any])?["micro_f1"] as? [String: Double])
    let gain = try f1(new.json["decisions"]) - f1(old.json["decisions"])
    XCTAssertTrue(difference["low"]! <= gain && gain <= difference["high"]!, "\(difference) \(gain)")
    XCTAssertTrue(both.text.contains("Against 2025.1 on the same 70 documents (95% intervals of the difference, 200 paired resamples):"), both.text)
    XCTAssertTrue(both.text.contains("documents whose areas differ: "), both.text)
    XCTAssertNil(new.json["against"])
    let unknown = try CommandRunner.run(["evaluate", file, "--text-columns", "title,text", "--against", "2099.9"])
    XCTAssertEqual(unknown.status, 2)
    XCTAssertTrue(unknown.stderr.contains("no shipped taxonomy release '2099.9'"), unknown.stderr)
  }

  func testAnUnknownPartOrReleaseIsAnError() throws {
    let part = try measure(["2026.1"], part: "test")
    XCTAssertEqual(part.status, 2)
    XCTAssertTrue(part.stderr.contains("PART must be train or validation, not 'test'"), part.stderr)
    let release = try measure(["2099.9"])
    XCTAssertEqual(release.status, 2)
    XCTAssertTrue(release.stderr.contains("no shipped taxonomy release '2099.9'"), release.stderr)
    XCTAssertEqual(release.stdout, "")
  }
}
