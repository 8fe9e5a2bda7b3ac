import DualScopeTestSupport
import Foundation
import XCTest

/// The Spark recipe (`Examples/spark/classify_portfolio.py`) in PySpark's local mode, `local[2]`,
/// against a direct `dualscope batch` of the same input, record for record: same ids, same
/// status, same document level, same areas and fields with their scores and levels, and the
/// same number of error records.
///
/// Needs Java, PySpark, pyarrow and pandas. Without `java` the tests skip; without the Python
/// packages they skip too, except when the environment variable CI is set (`.ci/run` installs
/// them), where they fail.
final class SparkRecipeTests: XCTestCase {
  static let script = "Examples/spark/classify_portfolio.py"
  /// The built `dualscope`, the sample funder portfolio and its columns, as most tests use them.
  static var binary: String { CommandRunner.productsDirectory.appendingPathComponent("dualscope").path }
  static var funderPortfolio: String { CommandRunner.packageRoot.appendingPathComponent("Corpora/portfolio-funder.jsonl").path }
  static let funderLayout = ["--id-column", "project_id", "--text-columns", "title,summary"]

  func testFunderPortfolioEqualsADirectBatchRun() throws {
    try Self.requireSpark()
    let folder = try TemporaryFolder("ds-spark")
    defer { folder.remove() }
    let binary = Self.binary
    let layout = Self.funderLayout
    let input = Self.funderPortfolio

    let direct = try Self.run(
      binary, ["batch", input, "--input-format", "jsonl"] + layout
        + ["--carry-columns", "institution", "--quiet", "-o", folder.path("direct.jsonl")])
    XCTAssertEqual(direct.status, 0, direct.stderr)

    // Three partitions from one small file: the rows are spread, the results are not reordered.
    let spark = try Self.runRecipe(
      input, out: folder.path("out"), binary: binary,
      layout + ["--carry-columns", "institution", "--partitions", "3"])
    XCTAssertEqual(spark.status, 0, spark.stderr)

    let expected = try Self.results(jsonLines: String(contentsOfFile: folder.path("direct.jsonl"), encoding: .utf8))
    let actual = try Self.sparkResults(folder.path("out"))
    XCTAssertEqual(expected.count, 80)
    Self.assertSame(actual, expected)
    XCTAssertEqual(actual["NWO-20230"]?.carried, "institution=UvA")

    let meta = try Self.metadata(folder.path("out"))
    let check = meta["check"] as? [String: Any]
    XCTAssertEqual(check?["records_in"] as? Int, 80)
    XCTAssertEqual(check?["errors"] as? Int, 0)
    XCTAssertEqual(check?["balanced"] as? Bool, true)
    let taxonomy = (meta["metadata"] as? [String: Any])?["taxonomy"] as? [String: Any]
    XCTAssertEqual(taxonomy?["id"] as? String, "dualscope-risk-fields")
    XCTAssertNotNil(taxonomy?["content_hash"] as? String)
  }

  /// Screening columns passed through to `batch`: the Parquet results carry the same triage as a
  /// direct run, and a record with an unknown country is an error record on both sides. Read by
  /// Spark's text reader and written by Spark's own Parquet writer (`--reader spark --writer
  /// spark`); the other tests use the defaults, each task reading its byte ranges of the input
  /// and writing its part with pyarrow.
  func testScreenedPortfolioEqualsADirectBatchRun() throws {
    try Self.requireSpark()
    let folder = try TemporaryFolder("ds-spark")
    defer { folder.remove() }
    let binary = Self.binary
    let sample = try String(
      contentsOf: CommandRunner.packageRoot.appendingPathComponent("Corpora/portfolio-funder.jsonl"), encoding: .utf8)
    let countries = ["CN", "Iran", "Germany", "", "Russia; Belarus", "Atlantis"]
    var lines: [String] = []
    for (i, line) in sample.split(separator: "\n").enumerated() {
      var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      object["partner_country"] = countries[i % countries.count]
      lines.append(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
    }
    let input = try folder.write("screened.jsonl", lines.joined(separator: "\n") + "\n")
    let layout = Self.funderLayout
    let screening = "--partner-country-column partner_country --date 2026-12-01"
    let direct = try Self.run(
      binary, ["batch", input] + layout + screening.split(separator: " ").map(String.init)
        + ["--quiet", "-o", folder.path("direct.jsonl")])
    XCTAssertEqual(direct.status, 1, "Atlantis is an error record: " + direct.stderr)

    let spark = try Self.runRecipe(
      input, out: folder.path("out"), binary: binary, layout + ["--batch-args", screening, "--reader", "spark", "--writer", "spark"])
    XCTAssertEqual(spark.status, 0, spark.stderr)
    let expected = try Self.results(jsonLines: String(contentsOfFile: folder.path("direct.jsonl"), encoding: .utf8))
    let actual = try Self.sparkResults(folder.path("out"))
    XCTAssertEqual(expected.count, lines.count - lines.indices.filter { $0 % countries.count == 5 }.count)
    XCTAssertTrue(expected.values.contains { $0.triage.hasPrefix("consult") })
    XCTAssertFalse(expected.values.contains { $0.triage.isEmpty })
    Self.assertSame(actual, expected)
    let check = try Self.metadata(folder.path("out"))["check"] as? [String: Any]
    XCTAssertEqual(check?["errors"] as? Int, lines.count - expected.count)
  }

  /// A generated portfolio of 30,000 records with an empty ID every 997 records (error records).
  /// Classified with the release binary (`.build-batch/release/dualscope`) when it exists, else
  /// with the debug binary `swift test` builds (about ten times slower).
  func testGeneratedPortfolioEqualsADirectBatchRun() throws {
    try Self.requireSpark()
    let folder = try TemporaryFolder("ds-spark")
    defer { folder.remove() }
    let release = CommandRunner.packageRoot.appendingPathComponent(".build-batch/release/dualscope").path
    let useRelease = FileManager.default.isExecutableFile(atPath: release)
    let binary = useRelease ? release : CommandRunner.productsDirectory.appendingPathComponent("dualscope").path
    let count = 30_000
    let input = try Self.generatedPortfolio(count, in: folder)
    let errorCount = (0..<count).filter { $0 % 997 == 500 }.count

    let direct = try Self.run(
      binary, ["batch", input, "--input-format", "jsonl", "--threads", "2", "--quiet", "-o", folder.path("direct.jsonl")])
    XCTAssertEqual(direct.status, 1, "empty ids are error records: " + direct.stderr)

    let spark = try Self.runRecipe(input, out: folder.path("out"), binary: binary, ["--id-column", "id"])
    XCTAssertEqual(spark.status, 0, spark.stderr)

    let expected = try Self.results(jsonLines: String(contentsOfFile: folder.path("direct.jsonl"), encoding: .utf8))
    let actual = try Self.sparkResults(folder.path("out"))
    XCTAssertEqual(expected.count, count - errorCount)
    Self.assertSame(actual, expected)
    let check = try Self.metadata(folder.path("out"))["check"] as? [String: Any]
    XCTAssertEqual(check?["records_in"] as? Int, count)
    XCTAssertEqual(check?["errors"] as? Int, errorCount)
    XCTAssertEqual(check?["balanced"] as? Bool, true)
    print("spark recipe: \(count) records with the \(useRelease ? "release" : "debug") binary")
  }

  /// A folder of JSONL files (and what Spark and Hadoop leave beside their parts: `_SUCCESS`, a
  /// hidden checksum), read by the tasks in byte ranges of about a seventh of the bytes
  /// (`--partitions 7`): the large plain file is cut in the middle of lines, three small files
  /// whose last line has no newline are packed into one partition, the gzip file is a partition
  /// of its own, the other two names are skipped. Every record is read once: the results equal
  /// direct runs of the files.
  func testAFolderCutIntoByteRangesIsReadRecordByRecord() throws {
    try Self.requireSpark()
    let folder = try TemporaryFolder("ds-spark")
    defer { folder.remove() }
    let binary = Self.binary
    let layout = Self.funderLayout
    let sample = try String(
      contentsOf: CommandRunner.packageRoot.appendingPathComponent("Corpora/portfolio-funder.jsonl"), encoding: .utf8)
    let lines = sample.split(separator: "\n").map(String.init)
    try FileManager.default.createDirectory(atPath: folder.path("in"), withIntermediateDirectories: true)
    // Some blank lines too: `batch` skips them, wherever a range starts.
    var inputs = [try folder.write("in/a.jsonl", lines[..<45].joined(separator: "\n\n") + "\n")]
    for k in 0..<3 { inputs.append(try folder.write("in/c\(k).jsonl", lines[45 + k])) }
    let second = try folder.write("b.jsonl", lines[48...].joined(separator: "\n") + "\n")
    let gzip = try Self.run("/bin/sh", ["-c", "gzip -c '\(second)' > '\(folder.path("in/b.jsonl.gz"))'"])
    XCTAssertEqual(gzip.status, 0, gzip.stderr)
    inputs.append(folder.path("in/b.jsonl.gz"))
    _ = try folder.write("in/_SUCCESS", "")
    _ = try folder.write("in/.a.jsonl.crc", "not json\n")

    var expected: [String: Reduced] = [:]
    for (n, input) in inputs.enumerated() {
      let direct = try Self.run(binary, ["batch", input] + layout + ["--quiet", "-o", folder.path("direct-\(n).jsonl")])
      XCTAssertEqual(direct.status, 0, direct.stderr)
      expected.merge(
        try Self.results(jsonLines: String(contentsOfFile: folder.path("direct-\(n).jsonl"), encoding: .utf8))) { a, _ in a }
    }
    let spark = try Self.runRecipe(folder.path("in"), out: folder.path("out"), binary: binary, layout + ["--partitions", "7"])
    XCTAssertEqual(spark.status, 0, spark.stderr)
    XCTAssertEqual(expected.count, 80)
    Self.assertSame(try Self.sparkResults(folder.path("out")), expected)
    let meta = try Self.metadata(folder.path("out"))
    let check = meta["check"] as? [String: Any]
    XCTAssertEqual(check?["records_in"] as? Int, 80)
    XCTAssertEqual(check?["balanced"] as? Bool, true)
    let partitions = (meta["spark"] as? [String: Any])?["partitions"] as? Int ?? 0
    XCTAssertGreaterThan(partitions, 3, "the plain file in several ranges, the gzip file in one")
  }

  /// An input the tasks cannot read themselves (here a bzip2 file, a codec `batch` does not read)
  /// is read by Spark's text reader instead, with a note: the results equal a direct run of the
  /// uncompressed file.
  func testABzip2InputIsReadBySpark() throws {
    try Self.requireSpark()
    let folder = try TemporaryFolder("ds-spark")
    defer { folder.remove() }
    let binary = Self.binary
    let layout = Self.funderLayout
    let input = Self.funderPortfolio
    let compressed = folder.path("funder.jsonl.bz2")
    let python = try XCTUnwrap(Self.which("python3"))
    let made = try Self.run(
      python, ["-c", "import bz2, sys; open(sys.argv[2], 'wb').write(bz2.compress(open(sys.argv[1], 'rb').read()))", input, compressed])
    XCTAssertEqual(made.status, 0, made.stderr)

    let direct = try Self.run(binary, ["batch", input] + layout + ["--quiet", "-o", folder.path("direct.jsonl")])
    XCTAssertEqual(direct.status, 0, direct.stderr)
    let spark = try Self.runRecipe(compressed, out: folder.path("out"), binary: binary, layout)
    XCTAssertEqual(spark.status, 0, spark.stderr)
    XCTAssertTrue(spark.stderr.contains("compressed with a codec other than gzip; Spark's text reader reads it"), spark.stderr)
    let expected = try Self.results(jsonLines: String(contentsOfFile: folder.path("direct.jsonl"), encoding: .utf8))
    XCTAssertEqual(expected.count, 80)
    Self.assertSame(try Self.sparkResults(folder.path("out")), expected)
  }

  /// Every record an error record: no task has a result to write, and the results folder still
  /// reads as the result schema with no row (an empty part), marked complete; what an earlier run
  /// left in it (a part, a failed attempt's hidden file) is gone, as with Spark's `overwrite`.
  func testAPortfolioOfErrorsOnlyLeavesAnEmptyResultsFolder() throws {
    try Self.requireSpark()
    let folder = try TemporaryFolder("ds-spark")
    defer { folder.remove() }
    let binary = Self.binary
    let lines = (0..<6).map { "{\"id\": \"\", \"title\": \"Qubit control \($0)\", \"abstract\": \"We build qubits.\"}" }
    let input = try folder.write("errors.jsonl", lines.joined(separator: "\n") + "\n")
    let results = URL(fileURLWithPath: folder.path("out/results"))
    try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
    try Data("stale".utf8).write(to: results.appendingPathComponent("part-00007.parquet"))
    try Data("stale".utf8).write(to: results.appendingPathComponent(".part-00001.parquet.9"))

    let spark = try Self.runRecipe(input, out: folder.path("out"), binary: binary, ["--id-column", "id"])
    XCTAssertEqual(spark.status, 0, spark.stderr)
    XCTAssertEqual(try Self.sparkResults(folder.path("out")).count, 0)
    let names = try FileManager.default.contentsOfDirectory(atPath: results.path).sorted()
    XCTAssertEqual(names, ["_SUCCESS", "part-00000.parquet"])
    let check = try Self.metadata(folder.path("out"))["check"] as? [String: Any]
    XCTAssertEqual(check?["records_in"] as? Int, 6)
    XCTAssertEqual(check?["results"] as? Int, 0)
    XCTAssertEqual(check?["errors"] as? Int, 6)
    XCTAssertEqual(check?["balanced"] as? Bool, true)
  }

  /// A task whose process fails after its results were written (here: every partition's first
  /// process exits with 2 once it has classified) fails, Spark runs it again (`local[2,2]`: two
  /// attempts a task), and the second attempt's part is the one that counts: the results equal a
  /// direct run, each record once, and the failed attempts' hidden files are gone.
  func testARetriedTaskReplacesItsFailedAttempt() throws {
    try Self.requireSpark()
    let folder = try TemporaryFolder("ds-spark")
    defer { folder.remove() }
    let binary = Self.binary
    let input = Self.funderPortfolio
    let layout = Self.funderLayout
    let marks = folder.path("marks")
    try FileManager.default.createDirectory(atPath: marks, withIntermediateDirectories: true)
    // The first process of each partition (told apart by the start of its input) fails after its
    // work, leaving a mark; the partition's second process runs as usual.
    let flaky = try folder.write(
      "flaky-dualscope",
      """
      #!/bin/sh
      input=$(mktemp)
      cat > "$input"
      key=$(head -c 200 "$input" | cksum | cut -d' ' -f1)
      "\(binary)" "$@" < "$input"
      status=$?
      rm -f "$input"
      if [ ! -e "\(marks)/$key" ]; then touch "\(marks)/$key"; exit 2; fi
      exit $status

      """)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: flaky)

    let direct = try Self.run(binary, ["batch", input] + layout + ["--quiet", "-o", folder.path("direct.jsonl")])
    XCTAssertEqual(direct.status, 0, direct.stderr)
    let temporary = folder.path("tmp")
    try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
    let spark = try Self.runRecipe(
      input, out: folder.path("out"), binary: flaky, layout + ["--partitions", "2"], master: "local[2,2]",
      temporary: temporary)
    XCTAssertEqual(spark.status, 0, spark.stderr)
    XCTAssertEqual(try Self.scratchLeft(in: temporary), [], "the failed attempts' scratch folders are removed too")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: marks).count, 2, "each partition failed once")
    let expected = try Self.results(jsonLines: String(contentsOfFile: folder.path("direct.jsonl"), encoding: .utf8))
    Self.assertSame(try Self.sparkResults(folder.path("out")), expected)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path("out/results")).sorted()
    XCTAssertEqual(names, ["_SUCCESS", "part-00000.parquet", "part-00001.parquet"])
    let check = try Self.metadata(folder.path("out"))["check"] as? [String: Any]
    XCTAssertEqual(check?["records_in"] as? Int, 80)
    XCTAssertEqual(check?["balanced"] as? Bool, true)
  }

  /// A partition whose process cannot run (here: a release folder that does not exist) fails
  /// its task, and so the job, with the process's message: nothing is written as if it were done,
  /// and no scratch folder is left behind.
  func testAFailingProcessFailsTheJob() throws {
    try Self.requireSpark()
    let folder = try TemporaryFolder("ds-spark")
    defer { folder.remove() }
    let binary = Self.binary
    let input = Self.funderPortfolio
    let temporary = folder.path("tmp")
    try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
    let spark = try Self.runRecipe(
      input, out: folder.path("out"), binary: binary,
      ["--id-column", "project_id", "--text-columns", "title,summary", "--batch-args", "--taxonomy /nonexistent-release"],
      temporary: temporary)
    XCTAssertNotEqual(spark.status, 0)
    XCTAssertEqual(try Self.scratchLeft(in: temporary), [], "a failed task removes its scratch folder")
    XCTAssertTrue(spark.stderr.contains("dualscope batch on partition"), spark.stderr)
    XCTAssertTrue(spark.stderr.contains("exit status 2"), spark.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path("out/_metadata.json")))
  }

  // MARK: - Helpers

  /// One result reduced to what must agree between the two runs.
  struct Reduced: Equatable, CustomStringConvertible {
    var status: String
    var level: String
    var areas: [String]
    var fields: [String]
    var carried: String
    /// The triage level and the regimes' statuses, when screened.
    var triage: String = ""
    var description: String { "\(status) \(level) areas \(areas) fields \(fields) carried \(carried) triage \(triage)" }
  }

  static func reduce(_ object: [String: Any]) -> Reduced {
    func list(_ key: String) -> [String] {
      ((object[key] as? [[String: Any]]) ?? []).map { item in
        let score = (item["score"] as? NSNumber)?.doubleValue ?? .nan
        return "\(item["id"] as? String ?? "?") \(item["level"] as? String ?? "?") \(score)"
      }
    }
    let carried = ((object["carried"] as? [String: Any]) ?? [:]).map { "\($0.key)=\($0.value)" }.sorted()
    var triage = ""
    if let s = object["screening"] as? [String: Any] {
      let level = (s["triage"] as? [String: Any])?["level"] as? String ?? "?"
      let regimes = ((s["regimes"] as? [[String: Any]]) ?? []).map { "\($0["id"] as? String ?? "?"):\($0["status"] as? String ?? "?")" }
      triage = ([level] + regimes).joined(separator: " ")
    }
    return Reduced(
      status: object["status"] as? String ?? "?", level: object["level"] as? String ?? "?", areas: list("areas"),
      fields: list("fields"), carried: carried.joined(separator: ","), triage: triage)
  }

  /// Results by id from JSON lines; a repeated id is a failure.
  static func results(jsonLines text: String) throws -> [String: Reduced] {
    var byID: [String: Reduced] = [:]
    for line in text.split(separator: "\n") where !line.isEmpty {
      let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let id = try XCTUnwrap(object["id"] as? String)
      XCTAssertNil(byID[id], "id \(id) twice")
      byID[id] = reduce(object)
    }
    return byID
  }

  /// The Spark run's results, from the JSON copy it writes beside the Parquet with --also-json.
  static func sparkResults(_ out: String) throws -> [String: Reduced] {
    let folder = URL(fileURLWithPath: out).appendingPathComponent("results-json")
    let parts = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasPrefix("part-") && $0.hasSuffix(".json") }.sorted()
    var text = ""
    for part in parts {
      text += try String(contentsOf: folder.appendingPathComponent(part), encoding: .utf8)
      if !text.hasSuffix("\n") { text += "\n" }
    }
    XCTAssertTrue(
      FileManager.default.fileExists(atPath: URL(fileURLWithPath: out).appendingPathComponent("results/_SUCCESS").path),
      "the Parquet results")
    return try results(jsonLines: text)
  }

  static func assertSame(
    _ actual: [String: Reduced], _ expected: [String: Reduced], file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(Set(actual.keys), Set(expected.keys), "the same ids", file: file, line: line)
    var differences = 0
    for (id, e) in expected.sorted(by: { $0.key < $1.key }) where actual[id] != nil && actual[id] != e {
      differences += 1
      if differences <= 5 {
        XCTFail("\(id): spark \(actual[id]!)\n  batch \(e)", file: file, line: line)
      }
    }
    XCTAssertEqual(differences, 0, "records that differ", file: file, line: line)
  }

  static func metadata(_ out: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("_metadata.json"))
    return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// `count` JSONL records built from the funder portfolio's texts, numbered so that no two are
  /// the same, with an empty id every 997 records.
  static func generatedPortfolio(_ count: Int, in folder: TemporaryFolder) throws -> String {
    let sample = try String(
      contentsOf: CommandRunner.packageRoot.appendingPathComponent("Corpora/portfolio-funder.jsonl"), encoding: .utf8)
    let texts = try sample.split(separator: "\n").map { line -> (String, String) in
      let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      return (object["title"] as? String ?? "", object["summary"] as? String ?? "")
    }
    func quoted(_ s: String) -> String {
      String(decoding: try! JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed]), as: UTF8.self)
        .dropFirst().dropLast().description
    }
    var lines: [String] = []
    lines.reserveCapacity(count)
    for i in 0..<count {
      let (title, summary) = texts[i % texts.count]
      let id = i % 997 == 500 ? "" : "g\(i)"
      lines.append(
        "{\"id\": \(quoted(id)), \"title\": \(quoted("\(title) (\(i))")), \"abstract\": \(quoted(summary + " Work package \(i % 7)."))}")
    }
    return try folder.write("generated.jsonl", lines.joined(separator: "\n") + "\n")
  }

  /// Skips without Java; without PySpark skips, or fails when CI is set.
  static func requireSpark() throws {
    guard which("java") != nil else {
      throw XCTSkip("the Spark recipe needs Java (java is not on PATH)")
    }
    guard let python = which("python3") else {
      throw XCTSkip("the Spark recipe needs python3 (not on PATH)")
    }
    let probe = try run(python, ["-c", "import pyspark, pyarrow, pandas"])
    if probe.status != 0 {
      let message = "the Spark recipe needs PySpark, pyarrow and pandas (the import failed: \(probe.stderr.suffix(200)))"
      if ProcessInfo.processInfo.environment["CI"] != nil {
        XCTFail(message + "; .ci/run installs it")
        throw XCTSkip("failed above: " + message)
      }
      throw XCTSkip(message + "; install them with pip install pyspark==4.0.1 pyarrow==26.0.1 pandas==3.1.1")
    }
  }

  static func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Runs the recipe; with `temporary`, its tasks make their scratch folders there (`TMPDIR`).
  /// Unless PYSPARK_SUBMIT_ARGS says otherwise, the driver's JVM compiles with its first JIT tier
  /// only: these jobs are seconds long on a fresh JVM, and each run took about a sixth less
  /// (15.5–15.8 s against 17.9–18.6 s for the funder portfolio).
  static func runRecipe(
    _ input: String, out: String, binary: String, _ arguments: [String], master: String = "local[2]",
    temporary: String? = nil
  ) throws -> CommandResult {
    let python = try XCTUnwrap(which("python3"))
    var environment = temporary.map { ["TMPDIR": $0] } ?? [:]
    if ProcessInfo.processInfo.environment["PYSPARK_SUBMIT_ARGS"] == nil {
      environment["PYSPARK_SUBMIT_ARGS"] = "--driver-java-options -XX:TieredStopAtLevel=1 pyspark-shell"
    }
    return try run(
      python,
      [CommandRunner.packageRoot.appendingPathComponent(script).path, input, out, "--binary", binary, "--master",
        master, "--also-json"] + arguments, environment: environment)
  }

  /// The tasks' scratch folders left in `folder`: none, once a job has ended, however it ended.
  static func scratchLeft(in folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("dualscope-part-") }
  }

  /// Runs a program to its end.
  static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws
    -> CommandResult
  {
    try CommandRunner.runProgram(executable, arguments, environment: environment)
  }
}
