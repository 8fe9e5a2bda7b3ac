/// What a screening is about besides the text: partners, the person, funding and the date.
public struct ScreeningInput: Sendable, Hashable {
  /// ISO codes of the partners' countries.
  public var partnerCountries: [String]
  /// Partner organisations as the user wrote them.
  public var partnerOrganisations: [String]
  /// ISO code of the person's nationality.
  public var nationality: String?
  /// The funding programme or call, as written.
  public var funding: String?
  public var date: CalendarDay

  public init(
    partnerCountries: [String] = [], partnerOrganisations: [String] = [], nationality: String? = nil,
    funding: String? = nil, date: CalendarDay
  ) {
    self.partnerCountries = partnerCountries
    self.partnerOrganisations = partnerOrganisations
    self.nationality = nationality
    self.funding = funding
    self.date = date
  }
}
