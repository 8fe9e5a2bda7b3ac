/// A phrase that, found in a text, counts toward a field.
public struct Term: Sendable, Hashable {
  /// The phrase as written, without a trailing `*`.
  public var phrase: String
  /// Language code, one of the manifest's `languages`.
  public var language: String
  /// What one occurrence adds to the field's score (0 < weight ≤ 10).
  public var weight: Double
  /// Matches the original case only (acronyms).
  public var caseSensitive: Bool
  /// The last word may continue (`cryptograph*`).
  public var isPrefix: Bool
  /// May match as a part of a Dutch compound word.
  public var isCompoundPart: Bool
  /// Plurals are generated when compiling.
  public var inflects: Bool
  /// Counts only near a non-weak term of the same field.
  public var isWeak: Bool
  /// Phrases that cancel this term where they overlap it.
  public var exclusions: [String]
  /// Phrases that show the term used in a second, harmless meaning: any of them anywhere in the
  /// text cancels every match of the term (`drone` in a text on honeybees).
  public var secondMeanings: [String]
  /// Where the term was declared.
  public var location: SourceLocation

  public init(
    phrase: String, language: String, weight: Double = 1, caseSensitive: Bool = false,
    isPrefix: Bool = false, isCompoundPart: Bool = false, inflects: Bool = true,
    isWeak: Bool = false, exclusions: [String] = [], secondMeanings: [String] = [],
    location: SourceLocation = SourceLocation(file: "", line: 0, column: 0)
  ) {
    self.phrase = phrase
    self.language = language
    self.weight = weight
    self.caseSensitive = caseSensitive
    self.isPrefix = isPrefix
    self.isCompoundPart = isCompoundPart
    self.inflects = inflects
    self.isWeak = isWeak
    self.exclusions = exclusions
    self.secondMeanings = secondMeanings
    self.location = location
  }

  /// The phrase as the YAML writes it (with `*` for a prefix term).
  public var displayPhrase: String { isPrefix ? phrase + "*" : phrase }
}
