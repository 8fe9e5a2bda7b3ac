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

  /// The four columns in a fixed order (partner country, partner organisation, nationality,
  /// funding), nil where none is named.
  var ordered: [String?] { [partnerCountry, partnerOrganisation, nationality, funding] }

  /// The columns named, in that order.
  public var columns: [String] { ordered.compactMap { $0 } }

  public var isEmpty: Bool { columns.isEmpty }

  enum CodingKeys: String, CodingKey {
    case partnerCountry = "partner_country"
    case partnerOrganisation = "partner_organisation"
    case nationality
    case funding
  }

  /// The cells of one record, as read: `value(k, column)` for each column named, `k` its place in
  /// ``ordered`` (a reader that found the columns' positions once reads by place), `.null` for the
  /// others.
  func cells(_ value: (_ k: Int, _ column: String) -> RecordValue) -> ScreeningCells {
    func cell(_ k: Int, _ column: String?) -> RecordValue { column.map { value(k, $0) } ?? .null }
    return ScreeningCells(
      partnerCountryCell: cell(0, partnerCountry), partnerOrganisationCell: cell(1, partnerOrganisation),
      nationalityCell: cell(2, nationality), fundingCell: cell(3, funding))
  }

  /// The values of a cell: a JSON array's items, or the parts of a text between `;` and `|`
  /// (and `,` with `commas`), without surrounding white space, empty ones left out.
  static func split(_ value: RecordValue, commas: Bool) -> [String] {
    switch value {
    case .null: return []
    case .list(let items): return items.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    case .text(let s):
      // The separators and the usual spaces around values are ASCII: the text splits and trims
      // on its bytes, read in place, and only a value that still starts or ends with a non-ASCII
      // character is trimmed by its Unicode properties. (Walked through the string's UTF-8 view
      // and its slices, a cell of partner countries took about 1,500 instructions a country.)
      var out: [String] = []
      var text = s
      text.withUTF8 { bytes in
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        let n = bytes.count
        var start = 0
        while start < n {
          var end = start
          while end < n {
            let b = bytes[end]
            if b == 0x3B || b == 0x7C || (commas && b == 0x2C) { break }
            end += 1
          }
          var lo = start
          var hi = end
          while lo < hi && isSpace(bytes[lo]) { lo += 1 }
          while hi > lo && isSpace(bytes[hi - 1]) { hi -= 1 }
          if lo < hi {
            let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self).trimmingSpaces()
            if !value.isEmpty { out.append(value) }
          }
          start = end + 1
        }
      }
      return out
    }
  }
}

/// The screening cells of one record as written in the portfolio (`.null` for a column not
/// named). The cells are kept as read: a portfolio repeats them from record to
/// record, and a worker works out each distinct set of cells once (``ScreenedCells``).
public struct ScreeningCells: Sendable, Hashable {
  /// The four cells in one object that a record and its copies share: held as four values, a
  /// record's cells were four retains and four releases at every copy of the record.
  ///
  /// `worked` is what a portfolio worker's screening scratch worked the cells out to
  /// (``ScreeningScratch/cells(_:date:_:)``), so the records that share these cells (a worker's
  /// reader gives the records whose cells repeat one object, ``CellInterner``) find it without a
  /// lookup. Only the worker that read the record writes or reads it; the cells themselves are
  /// never changed, which is what other threads read.
  private final class Cells: @unchecked Sendable {
    let partnerCountry: RecordValue
    let partnerOrganisation: RecordValue
    let nationality: RecordValue
    let funding: RecordValue
    var worked: WorkedCells?

    init(_ partnerCountry: RecordValue, _ partnerOrganisation: RecordValue, _ nationality: RecordValue, _ funding: RecordValue) {
      self.partnerCountry = partnerCountry
      self.partnerOrganisation = partnerOrganisation
      self.nationality = nationality
      self.funding = funding
    }
  }

  private var cells: Cells

  public var partnerCountryCell: RecordValue {
    get { cells.partnerCountry }
    set { cells = Cells(newValue, cells.partnerOrganisation, cells.nationality, cells.funding) }
  }
  public var partnerOrganisationCell: RecordValue {
    get { cells.partnerOrganisation }
    set { cells = Cells(cells.partnerCountry, newValue, cells.nationality, cells.funding) }
  }
  public var nationalityCell: RecordValue {
    get { cells.nationality }
    set { cells = Cells(cells.partnerCountry, cells.partnerOrganisation, newValue, cells.funding) }
  }
  public var fundingCell: RecordValue {
    get { cells.funding }
    set { cells = Cells(cells.partnerCountry, cells.partnerOrganisation, cells.nationality, newValue) }
  }

  public init(
    partnerCountryCell: RecordValue = .null, partnerOrganisationCell: RecordValue = .null,
    nationalityCell: RecordValue = .null, fundingCell: RecordValue = .null
  ) {
    cells = Cells(partnerCountryCell, partnerOrganisationCell, nationalityCell, fundingCell)
  }

  /// What the scratch numbered `owner` worked these cells out to on the day `day`, if it did.
  func worked(by owner: Int, day: Int) -> Result<ScreenedCells, CellFailure>? {
    guard let w = cells.worked, w.owner == owner, w.day == day else { return nil }
    return w.value
  }

  /// Keeps what the scratch numbered `owner` worked these cells out to on `day`.
  func keep(_ value: Result<ScreenedCells, CellFailure>, by owner: Int, day: Int) {
    cells.worked = WorkedCells(owner: owner, day: day, value: value)
  }

  public static func == (a: ScreeningCells, b: ScreeningCells) -> Bool {
    a.cells === b.cells
      || (a.cells.partnerCountry == b.cells.partnerCountry && a.cells.partnerOrganisation == b.cells.partnerOrganisation
        && a.cells.nationality == b.cells.nationality && a.cells.funding == b.cells.funding)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(cells.partnerCountry)
    hasher.combine(cells.partnerOrganisation)
    hasher.combine(cells.nationality)
    hasher.combine(cells.funding)
  }
}

/// What a set of screening cells came to for one worker's screening scratch (by its number,
/// ``ScreeningScratch/owner``) on one day.
struct WorkedCells {
  let owner: Int
  let day: Int
  let value: Result<ScreenedCells, CellFailure>
}
