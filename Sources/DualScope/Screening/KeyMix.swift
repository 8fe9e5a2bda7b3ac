/// A 64-bit state that numbers and bytes are mixed into, a multiplication and a shift each (each
/// step a bijection of the state): how the screening's memo keys (``LineKey``, ``ReasonKey``,
/// ``CellsTable``) work out once the one word their tables hash, instead of feeding every number
/// and string through the dictionary's SipHash on every lookup.
struct KeyMix {
  private(set) var value: UInt64

  init(_ seed: UInt64 = 0x243F_6A88_85A3_08D3) { value = seed }

  @inline(__always) mutating func add(_ word: UInt64) {
    value = (value ^ word) &* 0xFF51_AFD7_ED55_8CCD
    value ^= value >> 29
  }

  @inline(__always) mutating func add(_ n: Int) { add(UInt64(bitPattern: Int64(n))) }

  /// A text's UTF-8 bytes and its length (``add(bytes:)``).
  mutating func add(bytesOf s: String) {
    let done: Void? = s.utf8.withContiguousStorageIfAvailable { add(bytes: $0) }
    if done == nil {
      for b in s.utf8 { add(UInt64(b)) }
      add(s.utf8.count)
    }
  }

  /// Bytes, eight a step (the last step overlapping the one before), and their count.
  mutating func add(bytes: UnsafeBufferPointer<UInt8>) {
    let n = bytes.count
    guard let base = bytes.baseAddress else {
      add(UInt64(0))
      return
    }
    var i = 0
    while i + 8 <= n {
      add(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
      i += 8
    }
    if i < n {
      if n >= 8 {
        // The last eight bytes, overlapping the step before: no loop of a varying length (its
        // exit was a mispredicted branch a record, cachegrind).
        add(UInt64(littleEndian: UnsafeRawPointer(base + n - 8).loadUnaligned(as: UInt64.self)))
      } else {
        var last: UInt64 = 0
        for j in 0..<n { last |= UInt64(base[j]) << UInt64(8 * j) }
        add(last)
      }
    }
    add(n)
  }
}
