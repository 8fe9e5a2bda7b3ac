import XCTest
@testable import TaxonomyYAML

final class RobustnessTests: XCTestCase {
  /// A small deterministic generator (SplitMix64), so failures reproduce.
  private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// Random YAML-like text never crashes the reader, and every error has a problem with a sane mark.
  func testRandomFragmentsNeverCrash() {
    let pieces = [
      "a", "b: ", ": ", "- ", "\n", "  ", "\t", "[", "]", "{", "}", ", ", "&x ", "*x", "&y ", "*y", "!!str ",
      "'q'", "\"d\\n\"", "|\n", ">-\n", "# c\n", "---\n", "...\n", "? ", "é", "\r\n", "%YAML 1.1\n", "<<: ",
    ]
    var generator = SplitMix(state: 42)
    var parsed = 0
    for _ in 0..<3000 {
      let count = Int.random(in: 1...30, using: &generator)
      let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
      do {
        _ = try parse(text)
        parsed += 1
      } catch {
        XCTAssertFalse(error.problems.isEmpty)
        for problem in error.problems {
          XCTAssertGreaterThanOrEqual(problem.mark.line, 1, text.debugDescription)
          XCTAssertGreaterThanOrEqual(problem.mark.column, 1, text.debugDescription)
          XCTAssertFalse(problem.message.isEmpty)
          XCTAssertFalse(problem.message.hasSuffix("."), problem.message)
        }
      }
    }
    XCTAssertGreaterThan(parsed, 0)
  }

  func testRandomBytesNeverCrash() {
    var generator = SplitMix(state: 7)
    for _ in 0..<2000 {
      let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
      do {
        _ = try YAMLReader.parseDocument(bytes, file: "t.yaml")
      } catch {
        XCTAssertFalse(error.problems.isEmpty)
      }
    }
  }
}
