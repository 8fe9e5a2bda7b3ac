import Foundation

/// The columns of a portfolio that hold what a screening needs besides the text: the partners'
/// countries and organisations, the person's nationality and the funding (`batch` and `map` with
/// `--partner-country-column` and the like).
///
/// A cell may hold several values: a JSON array, or a text separated by `;` or `|` (countries
/// also by `,`; organisation names keep their commas). Empty cells are no input.
public struct ScreeningColumns: Sendable, Hashable, Codable {
  public var partnerCountry: String?
  public var partnerOrganisation: String?
  public var nationality: String?
  public var funding: String?

  public init(
    partnerCountry: String? = nil, partnerOrganisation: String? = nil, nationality: String? = nil,
    funding: String? = nil
  ) {
    self.partnerCountry = partnerCountry
    self.partnerOrganisation = partnerOrganisation
    self.nationality = nationality
    self.funding = funding
  }

  /// The columns named, in a fixed order.
  public var columns: [String] { [partnerCountry, partnerOrganisation, nationality, funding].compactMap { $0 } }

  public var isEmpty: Bool { columns.isEmpty }

  enum CodingKeys: String, CodingKey {
    case partnerCountry = "partner_country"
    case partnerOrganisation = "partner_organisation"
    case nationality
    case funding
  }

  /// The cells of one record, split into values.
  func cells(_ value: (String) -> RecordValue) -> ScreeningCells {
    ScreeningCells(
      partnerCountries: partnerCountry.map { Self.split(value($0), separators: ";|,") } ?? [],
      partnerOrganisations: partnerOrganisation.map { Self.split(value($0), separators: ";|") } ?? [],
      nationality: nationality.map { Self.split(value($0), separators: ";|,").first ?? "" } ?? "",
      funding: funding.map { value($0).text.trimmingCharacters(in: .whitespaces) } ?? "")
  }

  static func split(_ value: RecordValue, separators: String) -> [String] {
    let parts: [String]
    switch value {
    case .null: return []
    case .list(let items): parts = items
    case .text(let s): parts = s.split(whereSeparator: { separators.contains($0) }).map(String.init)
    }
    return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}

/// The screening cells of one record, as written in the portfolio.
public struct ScreeningCells: Sendable, Hashable {
  public var partnerCountries: [String]
  public var partnerOrganisations: [String]
  /// Empty when not given.
  public var nationality: String
  /// Empty when not given.
  public var funding: String
}
