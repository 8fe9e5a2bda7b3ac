/// A small JSON writer straight into bytes, for the hot output path: keys are written in a fixed
/// order by the caller, so the output bytes depend only on the values.
struct JSONBytes {
  var bytes: [UInt8] = []

  mutating func raw(_ s: StaticString) {
    bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
  }

  /// `"key":` (the key is trusted to need no escaping).
  mutating func key(_ s: StaticString) {
    bytes.append(UInt8(ascii: "\""))
    raw(s)
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
  }

  mutating func string(_ s: String) {
    bytes.append(UInt8(ascii: "\""))
    // Most strings need no escape: copy them whole.
    var s = s
    let plain = s.withUTF8 { u in
      guard !u.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
      bytes.append(contentsOf: u)
      return true
    }
    if plain {
      bytes.append(UInt8(ascii: "\""))
      return
    }
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
      case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
      case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
      case 0..<0x20:
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
      default: bytes.append(b)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Decimal digits, written straight into the buffer (no `String` in between).
  mutating func int(_ v: Int) {
    if v < 0 {
      bytes.append(UInt8(ascii: "-"))
      if v == .min {
        bytes.append(contentsOf: String(v).utf8.dropFirst())
        return
      }
    }
    digits(UInt64(v.magnitude), minimum: 1)
  }

  /// At least `minimum` decimal digits of `v` (leading zeros to make them up).
  private mutating func digits(_ v: UInt64, minimum: Int) {
    var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
    withUnsafeMutableBytes(of: &buffer) { out in
      var n = v
      var i = out.count
      repeat {
        i -= 1
        out[i] = UInt8(truncatingIfNeeded: n % 10) &+ 0x30
        n /= 10
      } while n > 0 || out.count - i < minimum
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: out[i...]))
    }
  }

  /// A number as Swift prints it (shortest round-trip form), integers without `.0`.
  ///
  /// Scores and thresholds are rounded to four decimals, so most numbers are `n / 10_000`
  /// exactly: those are written from the integer `n` (the shortest form of such a double is
  /// that decimal), everything else through `description`.
  mutating func double(_ v: Double) {
    if v.isFinite, v == v.rounded(), abs(v) < 1e15 {
      int(Int(v))
    } else if v.isFinite, abs(v) < 1e9, case let n = (v * 10_000).rounded(), n / 10_000 == v {
      let scaled = Int64(n)
      if scaled < 0 { bytes.append(UInt8(ascii: "-")) }
      let m = scaled.magnitude
      digits(m / 10_000, minimum: 1)
      var fraction = m % 10_000
      var places = 4
      while fraction % 10 == 0 {
        fraction /= 10
        places -= 1
      }
      bytes.append(UInt8(ascii: "."))
      digits(fraction, minimum: places)
    } else if v.isFinite {
      bytes.append(contentsOf: String(v).utf8)
    } else {
      raw("null")
    }
  }

  mutating func bool(_ v: Bool) { v ? raw("true") : raw("false") }

  mutating func comma() { bytes.append(UInt8(ascii: ",")) }
  mutating func open() { bytes.append(UInt8(ascii: "{")) }
  mutating func close() { bytes.append(UInt8(ascii: "}")) }
  mutating func openArray() { bytes.append(UInt8(ascii: "[")) }
  mutating func closeArray() { bytes.append(UInt8(ascii: "]")) }
}
