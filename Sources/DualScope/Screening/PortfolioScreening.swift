import PhraseMatching

/// Screening a whole portfolio: the screener, the day screened for, and the columns that hold each
/// record's partners, nationality and funding. `batch`, `map` and `diff --impact` screen every
/// record with it after classifying.
public struct PortfolioScreening: Sendable {
  public let screener: Screener
  public let columns: ScreeningColumns
  public let date: CalendarDay
  /// One matcher of a release's phrases and the screener's cues, built ahead of the classifier
  /// that scans with it (``preparingJointScan(for:)``), and the phrases it was built from.
  private(set) var preparedScan: PreparedScan?

  /// A joint matcher and the classifier phrases it was built from.
  struct PreparedScan: Sendable {
    let phrases: [Phrase]
    let joint: JointMatcher
  }

  public init(screener: Screener, columns: ScreeningColumns, date: CalendarDay) {
    self.screener = screener
    self.columns = columns
    self.date = date
  }

  /// This screening with the joint matcher of `taxonomy`'s phrases and the cues built: what a
  /// portfolio run scans each text with. Built here, it can be built on another thread while
  /// the classifier of `taxonomy` compiles its own matcher (one after the other, the two builds
  /// made a screened run start 12–17 ms later than a plain one); a run whose classifier matches
  /// other phrases builds its own.
  public func preparingJointScan(for taxonomy: Taxonomy) -> PortfolioScreening {
    var prepared = self
    let phrases = TaxonomyIndex.phrases(of: taxonomy)
    if let joint = try? JointMatcher(phrases, screener.cues.phrases) {
      prepared.preparedScan = PreparedScan(phrases: phrases, joint: joint)
    }
    return prepared
  }

  /// The joint matcher for a classifier matching `phrases`, when one was built for them.
  func preparedJointScan(matching phrases: [Phrase]) -> JointMatcher? {
    guard let preparedScan, preparedScan.phrases == phrases else { return nil }
    return preparedScan.joint
  }

  /// The screening inputs of a record, or an error record naming the cell it cannot use (an
  /// unknown country, with the closest names).
  public func input(_ record: PortfolioRecord) -> Result<ScreeningInput, RecordError> {
    cells(record, scratch: ScreeningScratch()).map(\.input)
  }

  /// What a record's screening cells come to, worked out once per distinct set of cells by the
  /// worker's scratch, or the error record of a cell it cannot use.
  func cells(_ record: PortfolioRecord, scratch: ScreeningScratch) -> Result<ScreenedCells, RecordError> {
    switch cells(record.screening, scratch: scratch) {
    case .success(let cells): .success(cells)
    case .failure(let failure): .failure(error(failure, of: record))
    }
  }

  /// What screening cells (none: the record names no partner, nationality or funding) come to,
  /// or the cell that cannot be used. Takes the cells, not their record: a batch worker hands
  /// them on from its chunk, where a whole record handed on was copied, a retain and a release
  /// for each of its strings (measured).
  func cells(_ cells: ScreeningCells?, scratch: ScreeningScratch) -> Result<ScreenedCells, CellFailure> {
    scratch.begin(screener)
    guard let cells else { return .success(scratch.cells(ScreeningInput(date: date), screener)) }
    return scratch.cells(cells, date: date, screener)
  }

  /// The error record of a record whose cell cannot be used.
  func error(_ failure: CellFailure, of record: borrowing PortfolioRecord) -> RecordError {
    switch failure {
    case .partnerCountry(let unknown): Self.failure(record, columns.partnerCountry, unknown)
    case .nationality(let unknown): Self.failure(record, columns.nationality, unknown)
    }
  }

  private static func failure(
    _ record: borrowing PortfolioRecord, _ column: String?, _ unknown: CountryTable.UnknownCountry
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
    // A switch, not `map`: a closure would copy the record. (A batch worker, whose joint scan
    // found the cues already, screens the record's parts itself: ``ClassifyWork``.)
    switch cells(record, scratch: scratch) {
    case .success(let cells):
      .success(
        screener.screenLine(
          text: record.text, classification: classification, cells: cells, scratch: scratch, cuesScanned: false
        ).line)
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
