/// What each distinct set of screening cells on a day comes to (``ScreeningScratch/cells(_:date:_:)``):
/// open addressing over a hash of the day and the cells' bytes, eight bytes a step
/// (``hash(_:date:)``), with the hashes in an array of their own, so a probe reads eight slots a
/// cache line and the cells are compared only when the hashes are equal, in place. Cells equal as
/// strings but not in their bytes (another Unicode normalisation) are two entries, each worked
/// out on its own. A dictionary keyed by the cells copied the record's four cells into every key
/// it looked up (four retains and four releases a record) and hashed the key again with SipHash.
struct CellsTable {
  /// Per slot: the cells' hash with its lowest bit set, or 0 for an empty slot.
  private var hashes: [UInt64] = []
  private var cells: [ScreeningCells] = []
  /// The days as `yyyymmdd`.
  private var days: [Int] = []
  private var values: [Result<ScreenedCells, CellFailure>?] = []
  private(set) var count = 0

  init() { removeAll() }

  /// The value kept for `cells` on `date`, whose hash is `mixed`.
  @inline(__always) func find(
    _ cells: borrowing ScreeningCells, date: CalendarDay, mixed: UInt64
  ) -> Result<ScreenedCells, CellFailure>? {
    let (slot, found) = probe(cells, date.number, mixed)
    return found ? values[slot] : nil
  }

  /// Keeps `value` for `cells` on `date`, whose hash is `mixed` and which the table does not hold.
  mutating func keep(_ value: Result<ScreenedCells, CellFailure>, for cells: ScreeningCells, date: CalendarDay, mixed: UInt64) {
    if 2 * (count + 1) > hashes.count { grow() }
    let (slot, _) = probe(cells, date.number, mixed)
    hashes[slot] = mixed | 1
    self.cells[slot] = cells
    days[slot] = date.number
    values[slot] = value
    count += 1
  }

  /// The slot holding `cells` on `day`, or the empty slot where they would go.
  @inline(__always) private func probe(_ cells: borrowing ScreeningCells, _ day: Int, _ mixed: UInt64) -> (Int, Bool) {
    let tag = mixed | 1
    let mask = hashes.count - 1
    var i = Int(truncatingIfNeeded: mixed >> 7) & mask
    while true {
      let h = hashes[i]
      if h == 0 { return (i, false) }
      if h == tag && days[i] == day && self.cells[i] == cells { return (i, true) }
      i = (i + 1) & mask
    }
  }

  mutating func removeAll() {
    hashes = Array(repeating: 0, count: 1024)
    cells = Array(repeating: ScreeningCells(), count: 1024)
    days = Array(repeating: 0, count: 1024)
    values = Array(repeating: nil, count: 1024)
    count = 0
  }

  /// The hash of `cells` on `date`: the day, then each cell's kind and bytes, eight a step.
  static func hash(_ cells: borrowing ScreeningCells, date: CalendarDay) -> UInt64 {
    var h = KeyMix()
    h.add(date.number)
    add(cells.partnerCountryCell, to: &h)
    add(cells.partnerOrganisationCell, to: &h)
    add(cells.nationalityCell, to: &h)
    add(cells.fundingCell, to: &h)
    return h.value
  }

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

  private mutating func grow() {
    let old = (hashes, cells, days, values)
    let size = 2 * hashes.count
    hashes = Array(repeating: 0, count: size)
    cells = Array(repeating: ScreeningCells(), count: size)
    days = Array(repeating: 0, count: size)
    values = Array(repeating: nil, count: size)
    count = 0
    for i in old.0.indices where old.0[i] != 0 {
      var free = Int(truncatingIfNeeded: old.0[i] >> 7) & (size - 1)
      while hashes[free] != 0 { free = (free + 1) & (size - 1) }
      hashes[free] = old.0[i]
      cells[free] = old.1[i]
      days[free] = old.2[i]
      values[free] = old.3[i]
      count += 1
    }
  }
}
