/// UTF-8 decoding that never traps: an invalid or truncated sequence is one byte of "not a scalar".
enum UTF8Decoding {
  /// The value returned for a byte that does not start a valid scalar.
  static let invalid: UInt32 = 0xFFFF_FFFF

  /// Decodes the scalar starting at `i` (which must be `< count`); `length` is at least 1.
  @inline(__always)
  static func decode(_ p: UnsafePointer<UInt8>, _ i: Int, _ count: Int) -> (value: UInt32, length: Int) {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    return decodeMultibyte(p, i, count, b0)
  }

  @inline(never)
  static func decodeMultibyte(_ p: UnsafePointer<UInt8>, _ i: Int, _ count: Int, _ b0: UInt32) -> (value: UInt32, length: Int) {
    @inline(__always) func cont(_ j: Int) -> UInt32? {
      guard j < count else { return nil }
      let b = UInt32(p[j])
      return b & 0xC0 == 0x80 ? b & 0x3F : nil
    }
    if b0 >= 0xC2 && b0 <= 0xDF {
      guard let c1 = cont(i + 1) else { return (invalid, 1) }
      return ((b0 & 0x1F) << 6 | c1, 2)
    }
    if b0 >= 0xE0 && b0 <= 0xEF {
      guard let c1 = cont(i + 1), let c2 = cont(i + 2) else { return (invalid, 1) }
      let v = (b0 & 0x0F) << 12 | c1 << 6 | c2
      if v < 0x800 || (v >= 0xD800 && v <= 0xDFFF) { return (invalid, 1) }
      return (v, 3)
    }
    if b0 >= 0xF0 && b0 <= 0xF4 {
      guard let c1 = cont(i + 1), let c2 = cont(i + 2), let c3 = cont(i + 3) else { return (invalid, 1) }
      let v = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
      if v < 0x10000 || v > 0x10FFFF { return (invalid, 1) }
      return (v, 4)
    }
    return (invalid, 1)
  }
}
