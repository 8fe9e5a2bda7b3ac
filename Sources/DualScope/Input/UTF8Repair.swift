/// Turns bytes into text, replacing invalid UTF-8 with U+FFFD and saying whether it did.
enum UTF8Repair {
  /// The text of the bytes, and whether any of them were not valid UTF-8.
  static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, invalid: Bool) {
    if isASCII(bytes) { return (String(decoding: bytes, as: UTF8.self), false) }
    if let s = String(validating: bytes, as: UTF8.self) { return (s, false) }
    return (String(decoding: bytes, as: UTF8.self), true)
  }

  /// Whether the bytes are valid UTF-8 (ASCII checked first, eight bytes at a time).
  static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil
  }

  /// Replaces every invalid sequence with U+FFFD's bytes.
  static func repaired(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    Array(String(decoding: bytes, as: UTF8.self).utf8)
  }

  static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let n = bytes.count
    var i = 0
    let raw = UnsafeRawPointer(base)
    while i + 8 <= n {
      if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
      i += 8
    }
    while i < n {
      if base[i] >= 0x80 { return false }
      i += 1
    }
    return true
  }
}
