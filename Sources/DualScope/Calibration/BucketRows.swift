/// Which hash buckets carry context weights, and the row of each: a bit per bucket and a running
/// count per 64 buckets, so a bucket's row is the count before its word plus the set bits below it
/// in the word.
///
/// A text's buckets are spread over the whole table, so each lookup is a likely cache miss. A
/// plain bucket → row table of `Int32` (1 MB at 18 bits) missed on every word of the text; this
/// is 48 KB and stays in the core's cache, and a bucket without weights (most of them) costs no
/// further memory access.
struct BucketRows: Sendable {
  private var bits: [UInt64] = []
  private var before: [Int32] = []

  init() {}

  /// `buckets` ascending and distinct, each below `1 << hashBits`.
  init(hashBits: Int, buckets: some Sequence<Int32>) {
    let words = max(1, (1 << hashBits) >> 6)
    bits = Array(repeating: 0, count: words)
    for b in buckets { bits[Int(b) >> 6] |= 1 << UInt64(Int(b) & 63) }
    before = Array(repeating: 0, count: words)
    var total: Int32 = 0
    for w in 0..<words {
      before[w] = total
      total += Int32(bits[w].nonzeroBitCount)
    }
  }

  /// The row of `bucket`, or -1 when it has no weights.
  @inline(__always) func row(_ bucket: Int32) -> Int {
    let b = Int(bucket)
    let word = bits[b >> 6]
    let bit: UInt64 = 1 << UInt64(b & 63)
    guard word & bit != 0 else { return -1 }
    return Int(before[b >> 6]) + (word & (bit &- 1)).nonzeroBitCount
  }
}
