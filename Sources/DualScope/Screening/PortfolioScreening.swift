/// Screening a whole portfolio: the screener, the day screened for, and the columns that hold each
/// record's partners, nationality and funding. `batch`, `map` and `diff --impact` screen every
/// record with it after classifying.
public struct PortfolioScreening: Sendable {
  public let screener: Screener
  public let columns: ScreeningColumns
  public let date: CalendarDay

  public init(screener: Screener, columns: ScreeningColumns, date: CalendarDay) {
    self.screener = screener
    self.columns = columns
    self.date = date
  }

  /// The screening inputs of a record, or an error record naming the cell it cannot use (an
  /// unknown country, with the closest names).
  public func input(_ record: PortfolioRecord) -> Result<ScreeningInput, RecordError> {
    input(record, scratch: ScreeningScratch())
  }

  /// ``input(_:)`` with a worker's memo tables: each distinct cell is split and resolved once.
  func input(_ record: PortfolioRecord, scratch: ScreeningScratch) -> Result<ScreeningInput, RecordError> {
    // The cells and the country table are read in place: bound to local names, each would be
    // copied (a retain and a release per string and table) for every record.
    guard record.screening != nil else { return .success(ScreeningInput(date: date)) }
    scratch.begin(screener)
    let partners: [String]
    switch scratch.cell(partnerCountries: record.screening!.partnerCountryCell, screener.rules.countries) {
    case .success(let codes): partners = codes
    case .failure(let unknown): return .failure(Self.failure(record, columns.partnerCountry, unknown))
    }
    let nationality: String?
    switch scratch.cell(nationality: record.screening!.nationalityCell, screener.rules.countries) {
    case .success(let code): nationality = code
    case .failure(let unknown): return .failure(Self.failure(record, columns.nationality, unknown))
    }
    let funding = scratch.cell(funding: record.screening!.fundingCell)
    return .success(
      ScreeningInput(
        partnerCountries: partners, partnerOrganisations: scratch.cell(organisations: record.screening!.partnerOrganisationCell),
        nationality: nationality, funding: funding.isEmpty ? nil : funding, date: date))
  }

  private static func failure(
    _ record: PortfolioRecord, _ column: String?, _ unknown: CountryTable.UnknownCountry
  ) -> RecordError {
    RecordError(
      .invalidValue, source: record.source, line: record.line,
      message: "\(unknown.message) in column '\(column ?? "")'; give an ISO 3166-1 alpha-2 code or a country name",
      id: record.id)
  }

  /// Screens a classified record: its screening line, or the error record of a cell it cannot use.
  public func screen(_ record: PortfolioRecord, _ classification: Classification) -> Result<ScreeningLine, RecordError> {
    screen(record, classification, scratch: ScreeningScratch())
  }

  /// ``screen(_:_:)`` with a worker's screening buffers.
  public func screen(
    _ record: PortfolioRecord, _ classification: Classification, scratch: ScreeningScratch
  ) -> Result<ScreeningLine, RecordError> {
    screen(record, classification, scratch: scratch, cuesScanned: false).map(\.line)
  }

  /// With `cuesScanned`, `scratch.match` holds the cue matches of the record's text already.
  func screen(
    _ record: PortfolioRecord, _ classification: Classification, scratch: ScreeningScratch, cuesScanned: Bool
  ) -> Result<ScreenedLine, RecordError> {
    // A switch, not `map`: a closure would copy the record.
    switch input(record, scratch: scratch) {
    case .success(let input):
      .success(
        screener.screenLine(
          text: record.text, classification: classification, input: input, scratch: scratch, cuesScanned: cuesScanned))
    case .failure(let error): .failure(error)
    }
  }
}

/// What a portfolio run screened with, in its metadata: the day, the columns, the regimes and
/// lists with their hashes, and the disclaimer that no result is clearance.
public struct ScreeningRunInfo: Sendable, Codable, Hashable {
  public var disclaimer = ScreeningResult.disclaimer
  public var date: CalendarDay
  public var columns: ScreeningColumns
  public var regimes: ScreeningMetadata.RegimesInfo
  public var lists: [ScreeningMetadata.ListInfo]
  public var listsHash: String

  enum CodingKeys: String, CodingKey {
    case disclaimer, date, columns, regimes, lists
    case listsHash = "lists_hash"
  }

  public init(_ screening: PortfolioScreening, taxonomy: Taxonomy) {
    let m = ScreeningMetadata(taxonomy: taxonomy, rules: screening.screener.rules)
    date = screening.date
    columns = screening.columns
    regimes = m.regimes
    lists = m.lists
    listsHash = m.listsHash
  }
}
