import XCTest
@testable import TaxonomyYAML

/// Parses `text` as the file `t.yaml`.
func parse(_ text: String, limits: YAMLLimits = YAMLLimits()) throws(YAMLError) -> YAMLNode? {
  try YAMLReader.parseDocument(Array(text.utf8), file: "t.yaml", limits: limits)
}

/// The error `bytes` raise, failing the test if they parse.
func parseError(
  _ bytes: [UInt8], limits: YAMLLimits = YAMLLimits(), file: StaticString = #filePath, line: UInt = #line
) -> YAMLError? {
  do {
    let node = try YAMLReader.parseDocument(bytes, file: "t.yaml", limits: limits)
    XCTFail("expected an error, parsed \(String(describing: node))", file: file, line: line)
    return nil
  } catch {
    XCTAssertFalse(error.problems.isEmpty, file: file, line: line)
    return error
  }
}

/// The error `text` raises, failing the test if it parses.
func parseError(
  _ text: String, limits: YAMLLimits = YAMLLimits(), file: StaticString = #filePath, line: UInt = #line
) -> YAMLError? {
  parseError(Array(text.utf8), limits: limits, file: file, line: line)
}

/// Asserts that `text` fails with exactly the diagnostics `expected` (one per problem).
func assertProblems(
  _ text: String, _ expected: [String], kind: YAMLError.Kind? = nil, limits: YAMLLimits = YAMLLimits(),
  file: StaticString = #filePath, line: UInt = #line
) {
  assertProblems(Array(text.utf8), expected, kind: kind, limits: limits, file: file, line: line)
}

/// Asserts that `bytes` fail with exactly the diagnostics `expected` (one per problem).
func assertProblems(
  _ bytes: [UInt8], _ expected: [String], kind: YAMLError.Kind? = nil, limits: YAMLLimits = YAMLLimits(),
  file: StaticString = #filePath, line: UInt = #line
) {
  guard let error = parseError(bytes, limits: limits, file: file, line: line) else { return }
  XCTAssertEqual(error.problems.map(\.description), expected, file: file, line: line)
  XCTAssertEqual(error.description, expected.joined(separator: "\n"), file: file, line: line)
  if let kind {
    XCTAssertEqual(error.kind, kind, file: file, line: line)
  }
}

/// A node's shape without marks, for compact structural assertions:
/// scalars as their text, sequences as `[a, b]`, mappings as `{k: v}`.
func shape(_ node: YAMLNode?) -> String {
  guard let node else { return "nil" }
  switch node.content {
  case .scalar(let text, _): return text
  case .sequence(let items): return "[" + items.map(shape).joined(separator: ", ") + "]"
  case .mapping(let pairs): return "{" + pairs.map { "\(shape($0.key)): \(shape($0.value))" }.joined(separator: ", ") + "}"
  }
}

func mark(_ line: Int, _ column: Int) -> YAMLMark {
  YAMLMark(line: line, column: column)
}
