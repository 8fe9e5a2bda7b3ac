/// Folding of single scalars: case, diacritics, compatibility forms, dashes, apostrophes, spaces.
///
/// The common scripts (U+0080..U+2FFF and a few compatibility blocks) are folded once into a table
/// on first use, so folding text allocates nothing; other scalars are folded on the spot, which
/// allocates only for cased letters of rarer scripts (Deseret, Osage, Adlam, ...).
enum ScalarFolding {
  /// The folded form of an ASCII byte.
  @inline(__always)
  static func ascii(_ b: UInt8) -> FoldedScalar {
    switch b {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"):
      return FoldedScalar(folded: UInt64(b | 0x20), kept: UInt64(b), foldedCount: 1, keptCount: 1, cls: .word)
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return FoldedScalar(folded: UInt64(b), kept: UInt64(b), foldedCount: 1, keptCount: 1, cls: .word)
    case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, UInt8(ascii: "-"):
      return .gap
    default:
      return FoldedScalar(folded: UInt64(b), kept: UInt64(b), foldedCount: 1, keptCount: 1, cls: .other)
    }
  }

  /// The folded form of any scalar value (`UTF8Decoding.invalid` included).
  @inline(__always)
  static func fold(_ v: UInt32) -> FoldedScalar {
    if v < 0x80 { return ascii(UInt8(truncatingIfNeeded: v)) }
    return foldNonASCII(v)
  }

  static func foldNonASCII(_ v: UInt32) -> FoldedScalar {
    let table = FoldTable.shared
    if v < FoldTable.lowEnd { return table.low[Int(v &- 0x80)] }
    if v >= FoldTable.highStart && v < 0x10000 { return table.high[Int(v &- FoldTable.highStart)] }
    if v == UTF8Decoding.invalid { return .invalid }
    guard let s = Unicode.Scalar(v) else { return .invalid }
    return compute(s, bases: table.bases)
  }

  /// Folds one scalar from its Unicode properties; `bases` maps letters with diacritics to their base.
  static func compute(_ s: Unicode.Scalar, bases: [UInt32: UInt32]) -> FoldedScalar {
    let v = s.value
    if v < 0x80 { return ascii(UInt8(v)) }
    switch v {
    case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D, 0x2E3A, 0x2E3B, 0x058A, 0x2043:
      return .gap
    case 0x00AD, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xFE00...0xFE0F, 0x034F, 0x180B...0x180F:
      return .ignorable
    case 0x2018, 0x2019, 0x201B, 0x02BC, 0x2032, 0xFF07:
      return FoldedScalar(folded: 0x27, kept: 0x27, foldedCount: 1, keptCount: 1, cls: .other)
    case 0x200B:
      return .gap
    case 0xFF01...0xFF5E:
      return ascii(UInt8(v - 0xFEE0))
    case 0x00DF: return word("ss", "ss")
    case 0x1E9E: return word("ss", "SS")
    case 0x017F: return word("s", "s")
    case 0x03C2: return word("σ", "ς")
    case 0x00B5: return word("μ", "μ")
    case 0x0132: return word("ij", "IJ")
    case 0x0133: return word("ij", "ij")
    case 0xFB00: return word("ff", "ff")
    case 0xFB01: return word("fi", "fi")
    case 0xFB02: return word("fl", "fl")
    case 0xFB03: return word("ffi", "ffi")
    case 0xFB04: return word("ffl", "ffl")
    case 0xFB05, 0xFB06: return word("st", "st")
    default: break
    }
    let p = s.properties
    if p.isWhitespace { return .gap }
    switch p.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark:
      return .ignorable
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .decimalNumber, .letterNumber, .otherNumber:
      break
    default:
      if !p.isAlphabetic { return own(v, .other) }
    }
    if !p.changesWhenLowercased && bases[v] == nil { return own(v, .word) }
    @inline(__always) func base(_ x: Unicode.Scalar) -> Unicode.Scalar {
      if let b = bases[x.value], let u = Unicode.Scalar(b) { return u }
      return x
    }
    let lower: [Unicode.Scalar] =
      p.changesWhenLowercased ? Array(p.lowercaseMapping.unicodeScalars) : [s]
    var folded: [Unicode.Scalar] = []
    for x in lower {
      switch x.properties.generalCategory {
      case .nonspacingMark, .spacingMark, .enclosingMark: continue
      default: folded.append(base(x))
      }
    }
    guard let f = FoldedScalar.pack(folded), let k = FoldedScalar.pack([base(s)]) else { return own(v, .word) }
    return FoldedScalar(folded: f.0, kept: k.0, foldedCount: f.1, keptCount: k.1, cls: .word)
  }

  /// The scalar folded to itself (its own UTF-8), without allocating.
  static func own(_ v: UInt32, _ cls: CharClass) -> FoldedScalar {
    var bytes: UInt64
    var n: UInt8
    switch v {
    case ..<0x80: (bytes, n) = (UInt64(v), 1)
    case ..<0x800: (bytes, n) = (UInt64(0xC0 | v >> 6) | UInt64(0x80 | v & 0x3F) << 8, 2)
    case ..<0x10000:
      (bytes, n) = (UInt64(0xE0 | v >> 12) | UInt64(0x80 | (v >> 6) & 0x3F) << 8 | UInt64(0x80 | v & 0x3F) << 16, 3)
    default:
      bytes = UInt64(0xF0 | v >> 18) | UInt64(0x80 | (v >> 12) & 0x3F) << 8
      bytes |= UInt64(0x80 | (v >> 6) & 0x3F) << 16 | UInt64(0x80 | v & 0x3F) << 24
      n = 4
    }
    return FoldedScalar(folded: bytes, kept: bytes, foldedCount: n, keptCount: n, cls: cls)
  }

  private static func word(_ folded: String, _ kept: String) -> FoldedScalar {
    let f = FoldedScalar.pack(Array(folded.unicodeScalars))!
    let k = FoldedScalar.pack(Array(kept.unicodeScalars))!
    return FoldedScalar(folded: f.0, kept: k.0, foldedCount: f.1, keptCount: k.1, cls: .word)
  }
}

/// The precomputed folds of the common scripts, built once per process.
final class FoldTable: Sendable {
  static let lowEnd: UInt32 = 0x3000
  static let highStart: UInt32 = 0xFB00
  static let shared = FoldTable()

  let low: [FoldedScalar]
  let high: [FoldedScalar]
  /// Letters with diacritics (Latin, Greek, Cyrillic) to their base letter, derived from the
  /// Unicode names: "LATIN SMALL LETTER E WITH DIAERESIS" → "LATIN SMALL LETTER E".
  let bases: [UInt32: UInt32]

  private init() {
    let ranges: [ClosedRange<UInt32>] = [
      0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x370...0x52F, 0x1E00...0x1FFF,
    ]
    var byName: [String: UInt32] = [:]
    var named: [(UInt32, String)] = []
    for r in ranges {
      for v in r {
        guard let s = Unicode.Scalar(v), let name = s.properties.name else { continue }
        byName[name] = v
        if let base = Self.nameBeforeWith(name) { named.append((v, base)) }
      }
    }
    var bases: [UInt32: UInt32] = [:]
    for (v, base) in named {
      if let b = byName[base] { bases[v] = b }
    }
    self.bases = bases
    self.low = (UInt32(0x80)..<Self.lowEnd).map { v in
      guard let s = Unicode.Scalar(v) else { return .invalid }
      return ScalarFolding.compute(s, bases: bases)
    }
    self.high = (Self.highStart..<0x10000).map { v in
      guard let s = Unicode.Scalar(v) else { return .invalid }
      return ScalarFolding.compute(s, bases: bases)
    }
  }

  /// The part of a (ASCII) Unicode name before " WITH ", if it has one. A plain byte search:
  /// `String.contains` and `firstRange(of:)` took half of this table's build, which every
  /// process pays at its first compile.
  static func nameBeforeWith(_ name: String) -> String? {
    let with = Array(" WITH ".utf8)
    let bytes = Array(name.utf8)
    guard bytes.count > with.count else { return nil }
    for i in 0...(bytes.count - with.count) where bytes[i] == with[0] {
      var j = 1
      while j < with.count && bytes[i + j] == with[j] { j += 1 }
      if j == with.count { return String(decoding: bytes[..<i], as: UTF8.self) }
    }
    return nil
  }
}
