/// A screening line's key for a record without a cue: its cells (``ScreenedCells/serial``) and
/// the serial numbers of its fields' entries, with their hash (``KeyMix``) worked out once. One
/// table of these per worker replaced a dictionary per set of cells, which grew from nothing for
/// each of them and hashed its keys with SipHash (2,000 instructions a line kept, callgrind).
struct CellLineKey: MemoKey {
  let cells: Int
  let fields: ReasonKey.Serials
  let mixed: UInt64

  init(cells: Int, fields: ReasonKey.Serials) {
    self.cells = cells
    self.fields = fields
    var h = KeyMix()
    h.add(cells)
    fields.forEach { h.add($0) }
    mixed = h.value
  }

  static func == (a: CellLineKey, b: CellLineKey) -> Bool {
    a.mixed == b.mixed && a.cells == b.cells && a.fields == b.fields
  }
}
