/// A fixed bitmap of hash slots, shared by the word and head filters. A plain value over memory
/// its owner allocates and frees (`allocate`, `deallocate`), so testing a slot on the hot path is
/// one load with no reference to follow.
struct SlotBits: @unchecked Sendable {
  let words: UnsafeMutableBufferPointer<UInt64>

  /// A zeroed bitmap of `1 << log2` bits (at least 64).
  static func allocate(log2: Int) -> SlotBits {
    let words = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(1, (1 << log2) / 64))
    words.initialize(repeating: 0)
    return SlotBits(words: words)
  }

  func deallocate() { words.deallocate() }

  func set(_ slot: Int) { words[slot >> 6] |= 1 << UInt64(slot & 63) }

  @inline(__always)
  func test(_ slot: Int) -> Bool { words[slot >> 6] & (1 << UInt64(slot & 63)) != 0 }
}
