import PhraseMatching

/// The countries a release knows, their groups (`@eu`), and name lookup for user input.
public struct CountryTable: Sendable {
  public private(set) var countries: [Country] = []
  /// Group name (without `@`) → codes.
  public var groups: [String: [String]] = [:]
  private var byCode: [String: Int] = [:]
  private var byName: [String: Int] = [:]
  /// Codes, names and aliases exactly as written: most cells of a portfolio are, so the common
  /// case costs one lookup and no folding.
  private var byExactName: [String: Int] = [:]
  /// Code → `Iran (IR)`, as reasons name a country.
  private var labels: [String: String] = [:]
  /// Position by two-letter code (26 × 26 slots, -1 for none): read for every partner of every
  /// record a portfolio run screens, where a dictionary lookup would hash the string.
  private var byLetters = [Int32](repeating: -1, count: 26 * 26)

  public init(countries: [Country] = [], groups: [String: [String]] = [:]) {
    for c in countries { add(c) }
    self.groups = groups
  }

  mutating func add(_ country: Country) {
    let i = countries.count
    countries.append(country)
    byCode[country.code] = i
    if let slot = Self.slot(country.code) { byLetters[slot] = Int32(i) }
    labels[country.code] = country.label
    for name in [country.code, country.english, country.dutch] + country.aliases {
      let key = Self.key(name)
      if byName[key] == nil { byName[key] = i }
    }
    for name in [country.code, country.english, country.dutch] + country.aliases
    where byExactName[name] == nil && byName[Self.key(name)] == i {
      byExactName[name] = i
    }
  }

  /// The country with this code.
  public func country(code: String) -> Country? { byCode[code].map { countries[$0] } }

  /// How reasons name the country with this code: `Iran (IR)`, or the code when unknown.
  func label(code: String) -> String { labels[code] ?? code }

  /// The position of the country with this code in `countries`.
  func index(code: String) -> Int? {
    guard let slot = Self.slot(code) else { return byCode[code] }
    let i = byLetters[slot]
    return i < 0 ? nil : Int(i)
  }

  /// The slot of a code of two letters A–Z in `byLetters`.
  private static func slot(_ code: String) -> Int? {
    let u = code.utf8
    guard u.count == 2, let a = u.first, let b = u.last, (65...90).contains(a), (65...90).contains(b) else { return nil }
    return Int(a - 65) * 26 + Int(b - 65)
  }

  /// The country a user means: a code in any case, an English or Dutch name or an alias,
  /// compared after folding case and diacritics, with hyphens as spaces.
  public func resolve(_ input: String) -> Country? { position(of: input).map { countries[$0] } }

  /// Where the country a user means stands in `countries`.
  private func position(of input: String) -> Int? { byExactName[input] ?? byName[Self.key(input)] }

  /// The code of the country a user means, or why the input names none.
  public func code(for input: String) -> Result<String, UnknownCountry> {
    // The code alone, without copying the country: a portfolio asks for every partner.
    if let i = position(of: input) { return .success(countries[i].code) }
    return .failure(UnknownCountry(input: input, suggestions: suggestions(for: input)))
  }

  /// The English names of the countries closest to an unknown input, for "did you mean".
  public func suggestions(for input: String, limit: Int = 3) -> [String] {
    let key = Self.key(input)
    var scored: [(Int, String)] = []
    for c in countries {
      var best = Int.max
      for name in [c.english, c.dutch] + c.aliases {
        best = min(best, EditDistance.between(key, Self.key(name)))
      }
      if best <= max(2, key.count / 3) { scored.append((best, c.english)) }
    }
    // Only the closest names: "Irann" suggests Iran, not Iraq as well.
    guard let best = scored.map(\.0).min() else { return [] }
    return scored.filter { $0.0 == best }.map(\.1).sorted().prefix(limit).map { $0 }
  }

  /// The codes a list of codes and `@group` references stands for, in order, without repeats;
  /// `nil` for an unknown code or group, with the offending entry.
  func expand(_ entries: [String]) -> Result<[String], UnknownEntry> {
    var out: [String] = []
    for entry in entries {
      if entry.hasPrefix("@") {
        guard let codes = groups[String(entry.dropFirst())] else { return .failure(UnknownEntry(entry: entry)) }
        for code in codes where !out.contains(code) { out.append(code) }
      } else {
        guard byCode[entry] != nil else { return .failure(UnknownEntry(entry: entry)) }
        if !out.contains(entry) { out.append(entry) }
      }
    }
    return .success(out)
  }

  struct UnknownEntry: Error { var entry: String }

  /// A country name or code the table does not know, with the closest names.
  public struct UnknownCountry: Error, Sendable, Hashable {
    public var input: String
    public var suggestions: [String]

    /// `unknown country 'Chna' (did you mean 'China'?)`
    public var message: String {
      var text = "unknown country '\(input)'"
      if !suggestions.isEmpty {
        text += " (did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?)"
      }
      return text
    }
  }

  static func key(_ name: String) -> String {
    Normalizer.folded(name).split(separator: " ").joined(separator: " ")
  }
}
