/// One phrase form that ends in an automaton state.
struct AcceptEntry: Sendable, Hashable {
  static let caseSensitive: UInt8 = 1 << 0
  static let prefix: UInt8 = 1 << 1
  static let compound: UInt8 = 1 << 2
  /// The form ends with a word character, so the text must not continue with one.
  static let rightBoundary: UInt8 = 1 << 3

  var termID: UInt32
  /// Index of the form in `PhraseMatcher.forms` (its bytes, for the case check and invariants).
  var form: UInt32
  /// `.exact` or `.inflected`.
  var kind: MatchKind
  var flags: UInt8

  @inline(__always) func has(_ flag: UInt8) -> Bool { flags & flag != 0 }

  /// Entries a state needs nothing more than a boundary after it for.
  var isSimple: Bool { flags == Self.rightBoundary }
}
