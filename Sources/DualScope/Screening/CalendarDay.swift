/// A calendar day, `YYYY-MM-DD`: the dates of regime periods, sources and screenings.
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// Parses `YYYY-MM-DD`; `nil` unless it names a real day (so `2025-02-30` is refused).
  /// The day as the number `yyyymmdd`, which orders as the days do.
  var number: Int { year * 10_000 + month * 100 + day }

  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      (1...12).contains(m), d >= 1, d <= Self.days(inMonth: m, year: y)
    else { return nil }
    year = y
    month = m
    day = d
  }

  /// Today in UTC.
  public static func today() -> CalendarDay {
    let seconds = Int(Date().timeIntervalSince1970)
    return CalendarDay(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
  }

  /// The day `n` days after 1970-01-01 (civil calendar, proleptic Gregorian).
  init(daysSinceEpoch n: Int) {
    let z = n + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    year = yoe + era * 400 + (m <= 2 ? 1 : 0)
    month = m
    day = d
  }

  static func days(inMonth m: Int, year y: Int) -> Int {
    switch m {
    case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// YYYY-MM-DD, its digits written straight into the string's bytes (padded and joined as
  /// strings, one day took 2,600 instructions to write).
  public var description: String {
    guard (0...9999).contains(year) else { return "\(year)-\(Self.two(month))-\(Self.two(day))" }
    return String(unsafeUninitializedCapacity: 10) { out in
      var k = 0
      func put(_ v: Int, _ width: Int) {
        var divisor = width == 4 ? 1000 : 10
        while divisor > 0 {
          out[k] = UInt8(ascii: "0") + UInt8(v / divisor % 10)
          k += 1
          divisor /= 10
        }
      }
      put(year, 4)
      out[k] = UInt8(ascii: "-")
      k += 1
      put(month, 2)
      out[k] = UInt8(ascii: "-")
      k += 1
      put(day, 2)
      return k
    }
  }

  private static func two(_ v: Int) -> String { v < 10 && v >= 0 ? "0\(v)" : "\(v)" }

  public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let day = CalendarDay(text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
    }
    self = day
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}

import Foundation
