import XCTest

@testable import TaxonomyYAML

/// Inputs the YAMLReader and TaxonomyLoader fuzz harnesses (Fuzz/) found, minimised, with the
/// property each one broke.
final class FuzzRegressionTests: XCTestCase {
  /// An error at the end of a file without a final line break sits at the end of its last line:
  /// libyaml puts the end of such a stream on a line of its own, past the end of the file, where
  /// no source line can be shown under the message.
  func testErrorAtEndOfFileWithoutLineBreakStaysInTheFile() throws {
    for (text, line, column) in [("a: {b: c", 1, 9), ("a:\n  n: {en: er", 2, 13), ("k: [1, 2", 1, 9)] {
      let error = try XCTUnwrap(parseError(text))
      let mark = try XCTUnwrap(error.problems.last?.mark)
      XCTAssertEqual(mark, YAMLMark(line: line, column: column), text.debugDescription)
    }
    // With the line break the end is the start of the next line, as before.
    XCTAssertEqual(parseError("a: {b: c\n")?.problems.last?.mark, YAMLMark(line: 2, column: 1))
  }

  /// The same for nodes: a value left empty at the end of such a file (`b:`, a `? key` without
  /// a value) had its mark on a line past the end.
  func testEmptyValueAtEndOfFileWithoutLineBreakStaysInTheFile() throws {
    let root = try XCTUnwrap(parse("a: 1\nb:"))
    let value = try XCTUnwrap(root.value(forKey: "b"))
    XCTAssertTrue(value.isNull)
    XCTAssertEqual(value.mark, YAMLMark(line: 2, column: 3))

    let complex = try XCTUnwrap(parse("x: 1\n? key"))
    let empty = try XCTUnwrap(complex.value(forKey: "key"))
    XCTAssertTrue(empty.isNull)
    XCTAssertEqual(empty.mark, YAMLMark(line: 2, column: 6))
  }
}
