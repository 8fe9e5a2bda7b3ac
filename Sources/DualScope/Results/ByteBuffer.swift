/// A growable run of bytes that owns its memory: an append checks only the capacity.
///
/// Not copyable, so two values never share (and write) one allocation.
struct ByteBuffer: ~Copyable {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int = 4096) {
    self.capacity = max(16, capacity)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  /// Makes room for `extra` more bytes.
  mutating func reserve(_ extra: Int) {
    guard count + extra > capacity else { return }
    var grown = capacity * 2
    while grown < count + extra { grown *= 2 }
    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
    bigger.update(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity = grown
  }

  @inline(__always)
  mutating func append(_ b: UInt8) {
    if count == capacity { reserve(1) }
    base[count] = b
    count &+= 1
  }

  @inline(__always)
  mutating func append(_ bytes: UnsafeRawBufferPointer) {
    let n = bytes.count
    guard n > 0, let source = bytes.baseAddress else { return }
    if count + n > capacity { reserve(n) }
    UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: n)
    count &+= n
  }

  /// The bytes as an array (one copy).
  var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
