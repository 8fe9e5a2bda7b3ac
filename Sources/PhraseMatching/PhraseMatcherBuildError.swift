/// Why a phrase list could not be compiled. A struct with an internal kind, so that new reasons
/// break no caller.
public struct PhraseMatcherBuildError: Error, Sendable, CustomStringConvertible, Equatable {
  enum Kind: Sendable, Equatable {
    case emptyPhrase
    case noWordCharacters
    case tooManyPhrases(limit: Int)
    case tooLong(limit: Int)
    case tooManyStates
  }

  let kind: Kind
  /// Index of the offending phrase in the list given to `PhraseMatcher.init`, when there is one.
  public let phraseIndex: Int?
  /// The offending phrase's text, when there is one.
  public let phrase: String?

  init(_ kind: Kind, index: Int?, phrase: String?) {
    self.kind = kind
    self.phraseIndex = index
    self.phrase = phrase
  }

  /// True when the phrase is empty or only white space.
  public var isEmptyPhrase: Bool { kind == .emptyPhrase }
  /// True when the phrase has text but no letter or digit.
  public var hasNoWordCharacters: Bool { kind == .noWordCharacters }

  public var description: String {
    let at = phraseIndex.map { " at index \($0)" } ?? ""
    let quoted = phrase.map { " '\($0)'" } ?? ""
    switch kind {
    case .emptyPhrase:
      return "empty phrase\(at): a phrase needs at least one letter or digit"
    case .noWordCharacters:
      return "phrase\(quoted)\(at) has no letter or digit, so it can never match a word"
    case .tooManyPhrases(let limit):
      return "too many phrases: at most \(limit) can be compiled into one matcher"
    case .tooLong(let limit):
      return "phrase\(at) is too long: at most \(limit) bytes after normalisation"
    case .tooManyStates:
      return "the phrase list is too large: the automaton would exceed 2^24 words"
    }
  }
}
