/// A small JSON writer straight into bytes, for the hot output path: keys are written in a fixed
/// order by the caller, so the output bytes depend only on the values.
///
/// It writes into a ``ByteBuffer`` rather than an `[UInt8]`: an array append checks that its
/// storage is uniquely referenced on every byte, and those checks were 1.2 % of a one-thread
/// batch run on their own (encoding as a whole about a sixth of it).
struct JSONBytes: ~Copyable {
  var bytes = ByteBuffer()

  init() {}

  /// The bytes written so far, as an array.
  var array: [UInt8] { bytes.array }

  mutating func reserve(_ count: Int) { bytes.reserve(count) }

  mutating func byte(_ b: UInt8) { bytes.append(b) }

  /// Bytes written already (JSON made before).
  mutating func raw(_ b: [UInt8]) { b.withUnsafeBytes { bytes.append($0) } }

  /// Bytes written already, read in place.
  mutating func raw(_ b: UnsafeRawBufferPointer) { bytes.append(b) }

  mutating func raw(_ s: StaticString) {
    bytes.append(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
  }

  /// `"key":` (the key is trusted to need no escaping).
  mutating func key(_ s: StaticString) {
    bytes.append(UInt8(ascii: "\""))
    raw(s)
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
  }

  /// Whether any byte is a control character, `"` or `\`. Eight bytes at a time: per word,
  /// a byte below 0x20, or equal to 0x22 or 0x5C after an XOR, sets its high bit in the usual
  /// "has a byte less than" bit trick, whose whole-word answer is exact (a byte-by-byte
  /// `contains(where:)` was most of the cost of writing long reason texts).
  static func needsEscape(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = u.baseAddress else { return false }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func less(_ w: UInt64, _ n: UInt64) -> UInt64 { (w &- ones &* n) & ~w & highs }
    var i = 0
    while i + 8 <= u.count {
      let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
      if less(w, 0x20) | less(w ^ (ones &* 0x22), 1) | less(w ^ (ones &* 0x5C), 1) != 0 { return true }
      i += 8
    }
    while i < u.count {
      let b = base[i]
      if b < 0x20 || b == 0x22 || b == 0x5C { return true }
      i += 1
    }
    return false
  }

  /// A JSON string, escaped as Foundation's `JSONEncoder` escapes it (with
  /// `.withoutEscapingSlashes`): `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, other control
  /// characters as `\u00xx`; so the server's hand-written answers equal the Codable ones.
  mutating func string(_ s: String) {
    bytes.append(UInt8(ascii: "\""))
    // Most strings need no escape: copy them whole.
    var s = s
    let plain = s.withUTF8 { u in
      guard !Self.needsEscape(u) else { return false }
      bytes.append(UnsafeRawBufferPointer(u))
      return true
    }
    if plain {
      bytes.append(UInt8(ascii: "\""))
      return
    }
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): raw("\\\"")
      case UInt8(ascii: "\\"): raw("\\\\")
      case 0x0A: raw("\\n")
      case 0x0D: raw("\\r")
      case 0x09: raw("\\t")
      case 0x08: raw("\\b")
      case 0x0C: raw("\\f")
      case 0..<0x20:
        let hex: StaticString = "0123456789abcdef"
        raw("\\u00")
        bytes.append(hex.utf8Start[Int(b >> 4)])
        bytes.append(hex.utf8Start[Int(b & 15)])
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
        var text = String(v)
        text.removeFirst()
        text.withUTF8 { bytes.append(UnsafeRawBufferPointer($0)) }
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
      bytes.append(UnsafeRawBufferPointer(rebasing: out[i...]))
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
      var text = String(v)
      text.withUTF8 { bytes.append(UnsafeRawBufferPointer($0)) }
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
