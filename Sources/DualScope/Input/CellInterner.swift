import Foundation

/// A worker's screening cells of CSV records by their bytes as read: the records whose partner
/// country, partner organisation, nationality and funding fields repeat byte for byte get one
/// ``ScreeningCells`` object, made from strings once. A portfolio repeats its partners from
/// record to record (5,316 sets of cells among 100,000 records in the screening benchmark), so
/// most records neither make the cells' strings nor hash them as strings again: the screening
/// scratch finds what it worked the shared object out to in the object itself
/// (``ScreeningCells/worked(by:day:)``).
///
/// Open addressing over a hash of the fields' bytes, the hashes in an array of their own; the
/// fields of every entry are kept one after the other in one array of bytes and compared with
/// the row's in place. Emptied at ``limit`` entries, so memory stays bounded on any stream. One
/// per worker (``ScreeningScratch/interner``), used by that worker's reader alone, so its
/// properties are not checked for overlapping access at run time.
public final class CellInterner {
  static let limit = 16384

  /// Per slot: the hash with its lowest bit set, or 0 for an empty slot.
  @exclusivity(unchecked) private var hashes: [UInt64] = []
  /// Per slot: where its fields start in `bytes` and how many bytes they take.
  @exclusivity(unchecked) private var keys: [(start: Int, count: Int)] = []
  @exclusivity(unchecked) private var values: [ScreeningCells] = []
  /// Per slot: the fields held invalid UTF-8 (the record says so).
  @exclusivity(unchecked) private var invalid: [Bool] = []
  /// Every entry's fields, one after the other, each as a mark (0: the column is not in the
  /// input; 1: plain; 2: with doubled quotes), its length in eight bytes and its bytes.
  @exclusivity(unchecked) private var bytes: [UInt8] = []
  @exclusivity(unchecked) private(set) var count = 0

  init() { removeAll() }

  /// Where a row's screening fields are: the row's first field in `spans`, and the screening
  /// columns' places among the row's fields (nil: not in the input).
  struct Row {
    let b: UnsafeBufferPointer<UInt8>
    let spans: UnsafeBufferPointer<CSVParser.FieldSpan>
    let first: Int
    let at: UnsafeBufferPointer<Int?>
  }

  /// The cells kept for the row's screening fields and whether they held invalid UTF-8, or nil
  /// with the hash to ``keep(_:invalid:for:hash:)`` them by.
  @inline(__always) func find(_ row: Row) -> (found: (ScreeningCells, invalid: Bool)?, hash: UInt64) {
    var h = KeyMix()
    Self.forEachField(of: row) { mark, field in
      h.add(Int(mark))
      if mark != 0 { h.add(bytes: field) }
      return true
    }
    let mixed = h.value
    let tag = mixed | 1
    let mask = hashes.count - 1
    var slot = Int(truncatingIfNeeded: mixed >> 7) & mask
    while hashes[slot] != 0 {
      if hashes[slot] == tag && same(keys[slot], row) { return ((values[slot], invalid[slot]), mixed) }
      slot = (slot + 1) & mask
    }
    return (nil, mixed)
  }

  /// Keeps `cells`, read from `row`, whose fields ``find(_:)`` did not find.
  func keep(_ cells: ScreeningCells, invalid bad: Bool, for row: Row, hash mixed: UInt64) {
    if count >= Self.limit { removeAll() }
    if 2 * (count + 1) > hashes.count { grow() }
    let slot = emptySlot(mixed)
    let start = bytes.count
    Self.forEachField(of: row) { mark, field in
      bytes.append(mark)
      if mark != 0 {
        withUnsafeBytes(of: UInt64(field.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: field)
      }
      return true
    }
    hashes[slot] = mixed | 1
    keys[slot] = (start, bytes.count - start)
    values[slot] = cells
    invalid[slot] = bad
    count += 1
  }

  /// Calls `body` with each screening field of the row, in the columns' order, while it returns
  /// true: its mark (0: the column is not in the input; 1: plain; 2: with doubled quotes) and its
  /// bytes as read. Whether `body` returned true for every field.
  @inline(__always) @discardableResult
  private static func forEachField(of row: Row, _ body: (UInt8, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
    for column in row.at {
      guard let i = column else {
        if !body(0, UnsafeBufferPointer(start: nil, count: 0)) { return false }
        continue
      }
      let span = row.spans[row.first + i]
      if !body(span.escaped ? 2 : 1, UnsafeBufferPointer(rebasing: row.b[span.start..<span.end])) { return false }
    }
    return true
  }

  private func emptySlot(_ mixed: UInt64) -> Int {
    let mask = hashes.count - 1
    var slot = Int(truncatingIfNeeded: mixed >> 7) & mask
    while hashes[slot] != 0 { slot = (slot + 1) & mask }
    return slot
  }

  /// Whether the kept fields at `key` are the row's.
  private func same(_ key: (start: Int, count: Int), _ row: Row) -> Bool {
    bytes.withUnsafeBufferPointer { all in
      let k = UnsafeBufferPointer(rebasing: all[key.start..<key.start + key.count])
      var p = 0
      let matched = Self.forEachField(of: row) { mark, field in
        guard p < k.count, k[p] == mark else { return false }
        p += 1
        guard mark != 0 else { return true }
        let n = field.count
        guard p + 8 + n <= k.count,
          UInt64(littleEndian: UnsafeRawPointer(k.baseAddress! + p).loadUnaligned(as: UInt64.self)) == UInt64(n)
        else { return false }
        if n > 0 && memcmp(k.baseAddress! + p + 8, field.baseAddress!, n) != 0 { return false }
        p += 8 + n
        return true
      }
      return matched && p == k.count
    }
  }

  private func grow() {
    let old = (hashes, keys, values, invalid)
    let kept = count
    hashes = Array(repeating: 0, count: 2 * old.0.count)
    keys = Array(repeating: (0, 0), count: hashes.count)
    values = Array(repeating: ScreeningCells(), count: hashes.count)
    invalid = Array(repeating: false, count: hashes.count)
    for slot in old.0.indices where old.0[slot] != 0 {
      let at = emptySlot(old.0[slot])
      hashes[at] = old.0[slot]
      keys[at] = old.1[slot]
      values[at] = old.2[slot]
      invalid[at] = old.3[slot]
    }
    count = kept
  }

  func removeAll() {
    hashes = Array(repeating: 0, count: 1024)
    keys = Array(repeating: (0, 0), count: 1024)
    values = Array(repeating: ScreeningCells(), count: 1024)
    invalid = Array(repeating: false, count: 1024)
    bytes.removeAll(keepingCapacity: true)
    count = 0
  }
}
