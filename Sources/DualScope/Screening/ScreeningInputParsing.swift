/// A screening input that cannot be used as given: an unknown country, a date that is not a day.
/// The message names the input and, for a country, the closest names.
public struct ScreeningInputError: Error, Sendable, CustomStringConvertible {
  public let message: String
  public var description: String { message }

  public init(_ message: String) { self.message = message }
}

extension ScreeningInput {
  /// How the inputs are called where they come from, for the messages: command-line options
  /// (`--partner-country`) or the keys of a request body (`partner_countries`).
  public struct InputNames: Sendable {
    public var partnerCountry: String
    public var nationality: String
    public var date: String

    public init(partnerCountry: String, nationality: String, date: String) {
      self.partnerCountry = partnerCountry
      self.nationality = nationality
      self.date = date
    }

    public static let options = InputNames(
      partnerCountry: "--partner-country", nationality: "--person-nationality", date: "--date")
    public static let jsonKeys = InputNames(
      partnerCountry: "partner_countries", nationality: "person_nationality", date: "date")
  }

  /// The inputs as a user gave them: countries by ISO code or name (English, Dutch, an alias),
  /// organisations and funding as written, the date as `YYYY-MM-DD` (today in UTC when nil).
  /// A blank funding counts as none.
  public init(
    countries: CountryTable, partnerCountries: [String], partnerOrganisations: [String], nationality: String?,
    funding: String?, date: String?, names: InputNames
  ) throws(ScreeningInputError) {
    let day = try Self.day(date, name: names.date)
    var partners: [String] = []
    for text in partnerCountries { partners.append(try Self.code(text, in: countries, name: names.partnerCountry)) }
    var code: String?
    if let nationality { code = try Self.code(nationality, in: countries, name: names.nationality) }
    self.init(
      partnerCountries: partners, partnerOrganisations: partnerOrganisations, nationality: code,
      funding: funding.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }, date: day)
  }

  /// The day of `text` (`YYYY-MM-DD`, a real day), or today in UTC when nil.
  public static func day(_ text: String?, name: String = "date") throws(ScreeningInputError) -> CalendarDay {
    guard let text else { return CalendarDay.today() }
    guard let day = CalendarDay(text) else {
      throw ScreeningInputError("invalid date '\(text)': give a real day as YYYY-MM-DD")
    }
    return day
  }

  /// The ISO code of the country `text` names, or an error naming it with the closest names.
  public static func code(_ text: String, in countries: CountryTable, name: String) throws(ScreeningInputError)
    -> String
  {
    switch countries.code(for: text) {
    case .success(let code): return code
    case .failure(let unknown):
      throw ScreeningInputError("\(name): \(unknown.message); give an ISO 3166-1 alpha-2 code or a country name")
    }
  }
}
