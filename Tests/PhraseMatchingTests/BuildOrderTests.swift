import XCTest

@testable import PhraseMatching

/// The order the matcher inserts its forms in: byte-wise, a prefix before what extends it.
final class BuildOrderTests: XCTestCase {
  func testPrecedesIsTheStandardLibrarysLexicographicOrder() {
    // Every array of up to three bytes from {0, 1, 255}: equal arrays, prefixes, and a first
    // difference at each position.
    var arrays: [[UInt8]] = [[]]
    var last: [[UInt8]] = [[]]
    for _ in 0..<3 {
      last = last.flatMap { a in [0, 1, 255].map { a + [$0] } }
      arrays += last
    }
    XCTAssertEqual(arrays.count, 40)
    for a in arrays {
      for b in arrays {
        XCTAssertEqual(PhraseMatcher.precedes(a, b), a.lexicographicallyPrecedes(b), "\(a) \(b)")
      }
    }
  }
}
