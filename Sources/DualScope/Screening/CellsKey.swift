/// A day's screening cells as the key of what they come to (``ScreeningScratch/cells(_:date:_:)``),
/// with a hash of their bytes worked out once, eight bytes a step. Hashed as `ScreeningCells`, the
/// four cells went through the dictionary's SipHash string by string (1,300 instructions a record,
/// callgrind); here the table hashes one word. Two keys are equal only when their hashes are, so
/// cells that are equal as strings but differ in their bytes (another Unicode normalisation) are
/// two keys, each worked out on its own, and equal keys always hash alike.
struct CellsKey: Hashable {
  let cells: ScreeningCells
  let date: CalendarDay
  private let mixed: UInt64

  init(_ cells: ScreeningCells, date: CalendarDay) {
    var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(date.year * 10_000 + date.month * 100 + date.day)
    Self.mix(&h, cells.partnerCountryCell)
    Self.mix(&h, cells.partnerOrganisationCell)
    Self.mix(&h, cells.nationalityCell)
    Self.mix(&h, cells.fundingCell)
    self.cells = cells
    self.date = date
    mixed = h
  }

  func hash(into hasher: inout Hasher) { hasher.combine(mixed) }

  static func == (a: CellsKey, b: CellsKey) -> Bool { a.mixed == b.mixed && a.date == b.date && a.cells == b.cells }

  @inline(__always) private static func step(_ h: inout UInt64, _ word: UInt64) {
    h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 29
  }

  private static func mix(_ h: inout UInt64, _ value: RecordValue) {
    switch value {
    case .null: step(&h, 1)
    case .text(let s):
      step(&h, 2)
      mix(&h, s)
    case .list(let items):
      step(&h, 3 ^ UInt64(items.count) << 8)
      for item in items { mix(&h, item) }
    }
  }

  /// A text's bytes, eight a step, and its length.
  private static func mix(_ h: inout UInt64, _ s: String) {
    let done = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
      let n = bytes.count
      guard let base = bytes.baseAddress else {
        step(&h, 0)
        return true
      }
      var i = 0
      while i + 8 <= n {
        step(&h, UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
        i += 8
      }
      var last: UInt64 = 0
      for j in 0..<(n - i) { last |= UInt64(base[i + j]) << UInt64(8 * j) }
      step(&h, last)
      step(&h, UInt64(n))
      return true
    }
    if done == nil {
      for b in s.utf8 { step(&h, UInt64(b)) }
      step(&h, UInt64(s.utf8.count))
    }
  }
}
