/// One flag per measure (``CompiledMeasure/index``), the first 64 in one word held inline and
/// the rest in words of their own: a release's regimes have a few dozen measures, so clearing
/// the flags for a record is one store. As two `[Bool]` arrays cleared and written through
/// their buffers, the flags took 600 instructions a record (uniqueness checks, callgrind).
struct MeasureFlags {
  private var low: UInt64 = 0
  private var rest: [UInt64] = []

  /// All flags cleared, for `count` measures.
  mutating func reset(count: Int) {
    low = 0
    let words = max(0, (count - 64 + 63) / 64)
    if rest.count != words {
      rest = Array(repeating: 0, count: words)
    } else if words > 0 {
      for w in rest.indices { rest[w] = 0 }
    }
  }

  subscript(m: Int) -> Bool {
    @inline(__always) get {
      m < 64 ? low >> UInt64(m) & 1 != 0 : rest[(m - 64) >> 6] >> UInt64((m - 64) & 63) & 1 != 0
    }
  }

  /// Sets the flag of measure `m`.
  @inline(__always) mutating func set(_ m: Int) {
    if m < 64 {
      low |= 1 << UInt64(m)
    } else {
      rest[(m - 64) >> 6] |= 1 << UInt64((m - 64) & 63)
    }
  }
}
