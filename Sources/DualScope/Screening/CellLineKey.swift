/// A screening line's key for a record without a cue: its cells (``ScreenedCells/serial``) and
/// the serial numbers of its fields' entries, hashed as one word (``KeyMix``). One table of these
/// per worker replaced a dictionary per set of cells, which grew from nothing for each of them
/// and hashed its keys with SipHash (2,000 instructions a line kept, callgrind).
struct CellLineKey: Hashable {
  let cells: Int
  let fields: ReasonKey.Serials

  func hash(into hasher: inout Hasher) {
    var h = KeyMix()
    h.add(cells)
    fields.forEach { h.add($0) }
    hasher.combine(h.value)
  }
}
