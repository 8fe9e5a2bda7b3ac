import Foundation
import XCTest

@testable import DualScope

/// The Markdown memo of the fixture diff, compared with a file under Snapshots/.
///
/// Re-record on purpose with `RECORD_SNAPSHOTS=1 swift test --filter DiffSnapshot`; a missing
/// snapshot fails rather than being written silently.
final class DiffSnapshotTests: XCTestCase {
  func testMarkdownMemo() throws {
    let diff = TaxonomyDiff(from: DiffFixtures.old, to: DiffFixtures.new)
    try assertSnapshot(DiffMarkdownRenderer().render(diff), named: "diff-fixture.md")
  }

  func testMarkdownMemoReversed() throws {
    let diff = TaxonomyDiff(from: DiffFixtures.new, to: DiffFixtures.old)
    try assertSnapshot(DiffMarkdownRenderer().render(diff), named: "diff-fixture-reversed.md")
  }

  func testMarkdownMemoOfIdenticalReleases() throws {
    let diff = TaxonomyDiff(from: DiffFixtures.old, to: DiffFixtures.old)
    try assertSnapshot(DiffMarkdownRenderer().render(diff), named: "diff-identical.md")
  }

  func testTextReport() throws {
    let diff = TaxonomyDiff(from: DiffFixtures.old, to: DiffFixtures.new)
    try assertSnapshot(DiffTextRenderer(colour: false).render(diff), named: "diff-fixture.txt")
  }

  private func assertSnapshot(_ actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
      .appendingPathComponent("Snapshots").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      XCTFail("missing snapshot \(name); record it with RECORD_SNAPSHOTS=1", file: file, line: line)
      return
    }
    if expected != actual {
      XCTFail("snapshot \(name) differs:\n--- expected\n\(expected)\n--- actual\n\(actual)", file: file, line: line)
    }
  }
}
