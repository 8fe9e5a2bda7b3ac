/// The text normalisation the matcher uses, exposed for tests, explanations and callers that need
/// the folded form of a phrase.
///
/// Folding, scalar by scalar: full Unicode case folding (`ß` → `ss`, `İ` → `i`), diacritics removed
/// (`coördinatie` → `coordinatie`), compatibility forms (`ﬁ` → `fi`, full-width letters) folded;
/// every dash and hyphen and every run of white space becomes one space; curly apostrophes and
/// primes become `'`; combining marks, soft hyphens and joiners are dropped; invalid UTF-8 bytes
/// become U+FFFD. Everything else is kept.
public enum Normalizer {
  /// One character of the original text and its folded form.
  public struct Unit: Sendable, Hashable {
    /// Case-folded UTF-8 bytes (a single space for a gap, empty for an ignorable).
    public var folded: [UInt8]
    /// The same with the original case kept.
    public var kept: [UInt8]
    /// Letters and digits.
    public var isWord: Bool
    /// White space or a dash.
    public var isGap: Bool
    /// Dropped: combining marks, soft hyphens, joiners.
    public var isIgnorable: Bool
    /// UTF-8 byte range of the scalar in the original text.
    public var start: Int
    public var end: Int
  }

  /// The folded text and, per folded byte, the UTF-8 offset in the original where its character
  /// starts, plus one final entry: the original length.
  public static func fold(_ text: String) -> (bytes: [UInt8], originalOffsets: [Int]) {
    fold(text, keepingCase: false)
  }

  /// As `fold(_:)`; with `keepingCase` the letters keep their case (the form case-sensitive
  /// phrases are compared in).
  public static func fold(_ text: String, keepingCase: Bool) -> (bytes: [UInt8], originalOffsets: [Int]) {
    var bytes: [UInt8] = []
    var offsets: [Int] = []
    var utf8 = Array(text.utf8)
    let n = utf8.count
    utf8.withUnsafeMutableBufferPointer { buf in
      guard let base = buf.baseAddress else { return }
      var i = 0
      var lastGap = false
      while i < n {
        let (v, len) = UTF8Decoding.decode(base, i, n)
        let f = ScalarFolding.fold(v)
        switch f.cls {
        case .ignorable: break
        case .gap:
          if !lastGap {
            bytes.append(0x20)
            offsets.append(i)
          }
          lastGap = true
        case .word, .other:
          for k in 0..<f.count(keepingCase: keepingCase) {
            bytes.append(f.byte(k, keepingCase: keepingCase))
            offsets.append(i)
          }
          lastGap = false
        }
        i += len
      }
    }
    offsets.append(n)
    return (bytes, offsets)
  }

  /// The folded form of `text` as a string (see `fold(_:)`).
  public static func folded(_ text: String) -> String {
    String(decoding: fold(text).bytes, as: UTF8.self)
  }

  /// Every scalar of `text` (invalid bytes one by one) with its folded form and class; no gap
  /// collapsing, nothing dropped.
  public static func units(of text: UnsafeBufferPointer<UInt8>) -> [Unit] {
    guard let base = text.baseAddress else { return [] }
    var out: [Unit] = []
    var i = 0
    while i < text.count {
      let (v, len) = UTF8Decoding.decode(base, i, text.count)
      let f = ScalarFolding.fold(v)
      out.append(
        Unit(
          folded: (0..<Int(f.foldedCount)).map { f.foldedByte($0) },
          kept: (0..<Int(f.keptCount)).map { f.keptByte($0) },
          isWord: f.cls == .word, isGap: f.cls == .gap, isIgnorable: f.cls == .ignorable,
          start: i, end: i + len))
      i += len
    }
    return out
  }

  /// `units(of:)` for a string.
  public static func units(of text: String) -> [Unit] {
    var s = text
    return s.withUTF8 { units(of: $0) }
  }
}
