/// The inflected forms made for the last word of a phrase when compiling: a fixed set of suffix
/// rules, not a stemmer. Each rule drops some letters from the end and appends a suffix.
public enum Inflection {
  /// A change to the last word: drop `drop` characters, then append `suffix` (folded, lower case).
  public struct Change: Hashable, Sendable {
    public var drop: Int
    public var suffix: String
    public init(drop: Int, suffix: String) {
      self.drop = drop
      self.suffix = suffix
    }
  }

  /// The changes for a last word in folded form (lower case, no diacritics).
  public static func changes(lastWord: String, options: PhraseOptions) -> [Change] {
    let w = Array(lastWord.unicodeScalars)
    guard let last = w.last, isLetter(last), w.count >= 2 else { return [] }
    var out: [Change] = []
    func add(_ drop: Int, _ suffix: String) {
      let c = Change(drop: drop, suffix: suffix)
      if !out.contains(c) { out.append(c) }
    }
    let l = Character(last)
    let before = w.count >= 2 ? Character(w[w.count - 2]) : " "
    if options.contains(.inflectEnglish) {
      if l == "y" && isLetter(w[w.count - 2]) && !isVowel(before) {
        add(1, "ies")  // battery → batteries
      } else {
        add(0, "s")  // qubit → qubits
      }
      if l == "s" || l == "x" || l == "z" || l == "o" || (l == "h" && (before == "c" || before == "s")) {
        add(0, "es")  // laser-pulse... process → processes
      }
    }
    if options.contains(.inflectDutch) {
      add(0, "en")  // techniek → technieken; technologie → technologieën (folded: technologieen)
      add(0, "s")  // halfgeleider → halfgeleiders
      if isVowel(l) { add(0, "'s") }  // foto → foto's
      if l == "e" { add(0, "n") }  // ziekte → ziekten
      if w.count >= 3 && !isVowel(l) && isLetter(w[w.count - 1]) && isVowel(before)
        && !isVowel(Character(w[w.count - 3])) && !"wxyj".contains(l)
      {
        add(0, String(l) + "en")  // cel → cellen, model → modellen
      }
      if w.count >= 4 && !isVowel(l) && isVowel(before) && Character(w[w.count - 3]) == before
        && !isVowel(Character(w[w.count - 4]))
      {
        add(2, String(l) + "en")  // molecuul → moleculen
      }
    }
    return out
  }

  static func isLetter(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic }
  static func isVowel(_ c: Character) -> Bool { "aeiouy".contains(c) }
}
