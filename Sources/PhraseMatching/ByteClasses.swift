/// The byte tables shared by both automata: the class of each folded byte, and for each original
/// byte its class fused with ASCII case folding and its kind (word, gap, other, non-ASCII).
final class ByteClasses: @unchecked Sendable {
  static let kindOther: UInt8 = 0
  static let kindWord: UInt8 = 1
  static let kindGap: UInt8 = 2
  static let kindHigh: UInt8 = 3
  static let kindEnd: UInt8 = 4

  /// Per original byte: class in bits 0..7 (of its ASCII fold), kind in bits 8..15.
  let text: UnsafeMutableBufferPointer<UInt16>
  /// Per folded byte: its class (0 when no phrase uses it).
  let folded: UnsafeMutableBufferPointer<UInt8>
  /// Folded byte → class as an array (for building).
  let foldedClass: [UInt8]
  let classCount: Int
  let gapClass: UInt8

  init(forms: [PhraseForm]) {
    var used = [Bool](repeating: false, count: 256)
    used[0x20] = true
    for f in forms { for b in f.folded { used[Int(b)] = true } }
    var cls = [UInt8](repeating: 0, count: 256)
    var next = 1
    for b in 0..<256 where used[b] {
      cls[b] = UInt8(next)
      next += 1
    }
    self.classCount = next
    self.foldedClass = cls
    self.gapClass = cls[0x20]
    folded = .allocate(capacity: 256)
    for b in 0..<256 { folded[b] = cls[b] }
    text = .allocate(capacity: 256)
    for b in 0..<256 {
      if b >= 0x80 {
        text[b] = UInt16(Self.kindHigh) << 8
        continue
      }
      let f = ScalarFolding.ascii(UInt8(b))
      let kind: UInt8 =
        switch f.cls {
        case .word: Self.kindWord
        case .gap: Self.kindGap
        default: Self.kindOther
        }
      text[b] = UInt16(kind) << 8 | UInt16(cls[Int(f.foldedByte(0))])
    }
  }

  deinit {
    text.deallocate()
    folded.deallocate()
  }
}
