/// A dated period of a regime (both ends inclusive, either may be open) and what it covers.
public struct RegimePeriod: Sendable, Hashable {
  public var id: String
  public var from: CalendarDay?
  public var to: CalendarDay?
  public var covers: String
  /// After this day the period needs checking (a listing that ran out, a review date).
  public var reviewBy: CalendarDay?

  public func contains(_ day: CalendarDay) -> Bool {
    if let from, day < from { return false }
    if let to, to < day { return false }
    return true
  }

  /// `2016-01-16 to 2025-09-29`, `from 2025-09-30`, `until 2016-01-15`, `open`.
  public var span: String {
    switch (from, to) {
    case (let f?, let t?): "\(f) to \(t)"
    case (let f?, nil): "from \(f)"
    case (nil, let t?): "until \(t)"
    case (nil, nil): "no dates"
    }
  }
}
