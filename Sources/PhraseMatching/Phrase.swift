/// How one phrase may match; see the semantics at the top of `PhraseMatcher.swift`.
public struct PhraseOptions: OptionSet, Hashable, Sendable {
  public var rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Match the original case exactly (after the other normalisation steps): `GaN` is not `gan`,
  /// `AI` is not `Ai`.
  public static let caseSensitive = PhraseOptions(rawValue: 1 << 0)
  /// The last word of the phrase may continue with more word characters (`cryptograph` finds
  /// `cryptographic`). The phrase text carries no `*`; the caller strips it.
  public static let prefix = PhraseOptions(rawValue: 1 << 1)
  /// Dutch compounds: the phrase may be the leading part of a longer word (`kwantum` in
  /// `kwantumcomputer`) or its trailing part, the head (`laser` in `hoogvermogenlaser`).
  public static let compoundPart = PhraseOptions(rawValue: 1 << 2)
  /// Variants of the last word made when compiling: `-s`, `-es`, `-ies` (`y` → `ies`).
  public static let inflectEnglish = PhraseOptions(rawValue: 1 << 3)
  /// Variants of the last word made when compiling: `-en`, `-s`, `-'s`, `-ën`, `-n` after `e`.
  public static let inflectDutch = PhraseOptions(rawValue: 1 << 4)
}

/// A phrase to compile: its text, the caller's identifier and how it may match.
public struct Phrase: Sendable, Hashable {
  public var text: String
  public var id: TermID
  public var options: PhraseOptions
  public init(_ text: String, id: TermID, options: PhraseOptions = []) {
    self.text = text
    self.id = id
    self.options = options
  }
}

/// How a match was made.
public enum MatchKind: UInt8, Sendable, Hashable, Comparable {
  /// The phrase itself, whole words at both ends.
  case exact
  /// A generated plural or other inflected form of the last word.
  case inflected
  /// A prefix phrase whose last word continued (the span runs to the end of that word).
  case prefix
  /// A compound part: the phrase starts or ends inside a longer word.
  case compound

  public static func < (a: MatchKind, b: MatchKind) -> Bool { a.rawValue < b.rawValue }
}

/// One match: the phrase's identifier and its span in the original text.
public struct PhraseMatch: Sendable, Hashable, CustomStringConvertible {
  public var termID: TermID
  /// UTF-8 byte offset into the original text where the match starts.
  public var start: Int
  /// UTF-8 byte offset just past the match; the span covers whole characters of the original.
  public var end: Int
  public var kind: MatchKind
  /// Index of the word the match starts in, counting from 0 in the document.
  public var wordIndex: Int32

  public init(termID: TermID, start: Int, end: Int, kind: MatchKind, wordIndex: Int32) {
    self.termID = termID
    self.start = start
    self.end = end
    self.kind = kind
    self.wordIndex = wordIndex
  }

  public var description: String { "\(termID)@\(start)..<\(end)(\(kind),w\(wordIndex))" }
}
