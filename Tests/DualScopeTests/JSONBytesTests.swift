import XCTest

@testable import DualScope

/// The batch writer's numbers: digits written directly must equal what Swift prints.
final class JSONBytesTests: XCTestCase {
  func text(_ write: (inout JSONBytes) -> Void) -> String {
    var j = JSONBytes()
    write(&j)
    return String(decoding: j.array, as: UTF8.self)
  }

  func testIntegersAsSwiftPrintsThem() {
    for v in [0, 7, 10, 99, 100, 12_345, -1, -450, Int.max, Int.min] {
      XCTAssertEqual(text { $0.int(v) }, String(v))
    }
  }

  func testFourDecimalScoresAsTheirShortestForm() {
    var values: [Double] = [0.5, 1.25, 1.0607, 2.9632, 0.0001, 0.001, 0.1, 123_456.7891, -0.5, -3.0005, 17]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<5_000 {
      let n = Double(Int.random(in: -100_000_000...100_000_000, using: &generator))
      values.append(n / 10_000)
    }
    for v in values {
      let expected = v == v.rounded() ? String(Int(v)) : String(v)
      XCTAssertEqual(text { $0.double(v) }, expected, "\(v)")
    }
  }

  func testOtherNumbersFallBackToDescription() {
    for v in [1e-5, 0.12345, 1.0 / 3, 2.5e9 + 0.5, 1e20] {
      let expected = v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
      XCTAssertEqual(text { $0.double(v) }, expected)
    }
    XCTAssertEqual(text { $0.double(.nan) }, "null")
    XCTAssertEqual(text { $0.double(-.infinity) }, "null")
  }

  func testKeysAndStrings() {
    XCTAssertEqual(text { $0.key("id"); $0.string("a\"b\\c\nd\u{1}") }, #""id":"a\"b\\c\nd\u0001""#)
  }
}
