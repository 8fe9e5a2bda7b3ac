/// Which hash buckets carry context weights, and the row of each: a bit per bucket and a running
/// count per 64 buckets, so a bucket's row is the count before its word plus the set bits below it
/// in the word.
///
/// A text's buckets are spread over the whole table, so each lookup is a likely cache miss. A
/// plain bucket → row table of `Int32` (1 MB at 18 bits) missed on every word of the text; this
/// is 64 KB and stays in the core's cache, and a bucket without weights (most of them) costs no
/// further memory access. Each word of bits sits beside its count, so a lookup reads one cache
/// line (two separate arrays of bits and counts read two).
struct BucketRows: Sendable {
  /// Per 64 buckets: the bits at `2w`, the rows before them at `2w + 1`.
  private var table: [UInt64] = []

  init() {}

  /// `buckets` ascending and distinct, each below `1 << hashBits`.
  init(hashBits: Int, buckets: some Sequence<Int32>) {
    let words = max(1, (1 << hashBits) >> 6)
    table = Array(repeating: 0, count: 2 * words)
    for b in buckets { table[2 * (Int(b) >> 6)] |= 1 << UInt64(Int(b) & 63) }
    var total: UInt64 = 0
    for w in 0..<words {
      table[2 * w + 1] = total
      total += UInt64(table[2 * w].nonzeroBitCount)
    }
  }

  /// The row of `bucket`, or -1 when it has no weights.
  @inline(__always) func row(_ bucket: Int32) -> Int {
    table.withUnsafeBufferPointer { Self.row(bucket, $0) }
  }

  /// Appends the row of each of `buckets` that has one, in order.
  func rows(of buckets: [Int32], into out: inout [Int32]) {
    table.withUnsafeBufferPointer { table in
      for b in buckets {
        let r = Self.row(b, table)
        if r >= 0 { out.append(Int32(truncatingIfNeeded: r)) }
      }
    }
  }

  @inline(__always) private static func row(_ bucket: Int32, _ table: UnsafeBufferPointer<UInt64>) -> Int {
    let b = Int(bucket)
    let w = 2 * (b >> 6)
    let word = table[w]
    let bit: UInt64 = 1 << UInt64(b & 63)
    guard word & bit != 0 else { return -1 }
    return Int(table[w + 1]) + (word & (bit &- 1)).nonzeroBitCount
  }
}
