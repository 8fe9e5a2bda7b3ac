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
    var h = KeyMix()
    h.add(date.year * 10_000 + date.month * 100 + date.day)
    Self.add(cells.partnerCountryCell, to: &h)
    Self.add(cells.partnerOrganisationCell, to: &h)
    Self.add(cells.nationalityCell, to: &h)
    Self.add(cells.fundingCell, to: &h)
    self.cells = cells
    self.date = date
    mixed = h.value
  }

  func hash(into hasher: inout Hasher) { hasher.combine(mixed) }

  static func == (a: CellsKey, b: CellsKey) -> Bool { a.mixed == b.mixed && a.date == b.date && a.cells == b.cells }

  private static func add(_ cell: RecordValue, to h: inout KeyMix) {
    switch cell {
    case .null: h.add(1)
    case .text(let s):
      h.add(2)
      h.add(bytesOf: s)
    case .list(let items):
      h.add(3 ^ items.count << 8)
      for item in items { h.add(bytesOf: item) }
    }
  }
}
