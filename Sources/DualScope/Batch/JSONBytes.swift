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
    bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
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

  mutating func int(_ v: Int) { bytes.append(contentsOf: String(v).utf8) }

  /// A number as Swift prints it (shortest round-trip form), integers without `.0`.
  mutating func double(_ v: Double) {
    if v.isFinite, v == v.rounded(), abs(v) < 1e15 {
      int(Int(v))
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
