import PhraseMatching
import Synchronization

/// Numbers for ``ScreeningScratch/owner``: never given twice in a process.
private let scratchNumbers = Atomic<Int>(0)

/// A portfolio worker's buffers and memo tables for screening, one per thread like
/// ``ClassifierScratch``: the facts of the record at hand, the cue scan's matches, and what was
/// worked out for values that recur from record to record (the measures a field puts in scope,
/// the list hits of a partner organisation, the programmes a funding names, what each set of
/// screening cells comes to, the lines of records without a cue). Each table is emptied when it
/// reaches ``memoLimit`` entries, the lines by cells and fields at four times that, so memory
/// stays bounded on any stream.
///
/// The tables belong to one screener; used with another, the scratch starts over.
///
/// A worker's own and used by that worker alone, so its properties are not checked for
/// overlapping access at run time (the checks were 2% of a screened record's instructions,
/// callgrind).
public final class ScreeningScratch {
  /// Entries a memo table holds before it is emptied.
  static let memoLimit = 16384

  @exclusivity(unchecked) var facts = ScreeningFacts()
  @exclusivity(unchecked) var match = MatchScratch()
  /// The screener the tables belong to.
  @exclusivity(unchecked) private var screener: Screener?
  /// This scratch's number, new with each screener: what it keeps in the records' cells
  /// (``ScreeningCells/keep(_:by:day:)``) is its own.
  @exclusivity(unchecked) private(set) var owner = ScreeningScratch.newOwner()
  /// The reader's screening cells by their bytes, for a worker that reads CSV records.
  let interner = CellInterner()
  @exclusivity(unchecked) private var fieldMeasures = FieldEntryTable()
  /// Per partner organisation: its list hits and their triage reasons.
  @exclusivity(unchecked) private var organisationHits: [String: PartnerEntry] = [:]
  @exclusivity(unchecked) private var fundingNames: [String: [Int]] = [:]
  /// What each distinct set of screening cells (and day) comes to, or why it cannot be used.
  @exclusivity(unchecked) private var cellsByValue = CellsTable()
  /// The measures' outcome tables (``ScreenedCells/outcomes``) by what of the cells they read.
  @exclusivity(unchecked) private var outcomeTables: [OutcomeKey: [UInt8]] = [:]
  /// What each distinct set of inputs comes to (a screening given its inputs, not cells).
  @exclusivity(unchecked) private var cellsByInput: [ScreeningInput: ScreenedCells] = [:]
  /// The triage reason of a measure, by what it read, with its serial number and JSON.
  @exclusivity(unchecked) private var reasonsByKey = MemoTable<ReasonKey, KeptReason>(limit: memoLimit)
  /// Whole screening lines with their JSON, by ``ScreeningFacts/lineKey``.
  @exclusivity(unchecked) private var lines = MemoTable<LineKey, ScreenedLine>(limit: memoLimit)
  @exclusivity(unchecked) private var nextSerial = 0
  /// The lines of records without a cue, by their cells and their fields' serial numbers: such a
  /// line follows from the cells and the fields alone. Emptied at four tables' worth.
  @exclusivity(unchecked) private var cellLines = MemoTable<CellLineKey, ScreenedLine>(limit: 4 * memoLimit)

  /// Whether the lines it makes keep their lists (``ScreenedLine/line``) besides their JSON: a
  /// batch worker that writes JSON lines reads only the bytes and the triage level, and making
  /// the lists was a third of making a new line.
  let keepsLines: Bool

  public init() { keepsLines = true }

  init(keepsLines: Bool) { self.keepsLines = keepsLines }

  /// Ready for a record screened by `screener`.
  func begin(_ screener: Screener) {
    if self.screener !== screener {
      self.screener = screener
      owner = Self.newOwner()
      fieldMeasures.removeAll()
      organisationHits = [:]
      fundingNames = [:]
      reasonsByKey.removeAll()
      lines.removeAll()
      cellsByValue.removeAll()
      cellsByInput = [:]
      cellLines.removeAll()
      outcomeTables = [:]
    }
  }

  /// What was worked out for one field: the measures it puts in scope, and the reasons it does,
  /// per measure, once asked for. Kept with the sensitivity and dual-use codes it was worked out
  /// for, so a field of the same ID that differs is worked out anew.
  final class FieldEntry {
    let id: String
    let sensitivity: Sensitivity
    let dualUse: [String]
    let measures: [Int]
    /// Its number in ``ReasonKey``s: never given twice by one scratch.
    let serial: Int
    var evidence: [Int: [String]] = [:]

    init(_ field: FieldScore, measures: [Int], serial: Int) {
      id = field.id
      sensitivity = field.sensitivity
      dualUse = field.dualUse
      self.measures = measures
      self.serial = serial
    }

    /// Worked out for a field of this sensitivity and these dual-use codes.
    func fits(_ sensitivity: Sensitivity, _ dualUse: [String]) -> Bool {
      self.sensitivity == sensitivity && self.dualUse == dualUse
    }
  }

  func entry(_ field: FieldScore, _ screener: Screener) -> FieldEntry {
    if let known = fieldMeasures.entry(field.id), known.fits(field.sensitivity, field.dualUse) { return known }
    let entry = FieldEntry(field, measures: screener.measures(inScopeOf: field), serial: takeSerial())
    if fieldMeasures.count >= Self.memoLimit { fieldMeasures.removeAll() }
    fieldMeasures.keep(entry)
    return entry
  }

  /// ``entry(_:_:)`` of `fields[f]`, read in place: the field copied for the lookup was a retain
  /// and a release for each of its strings and lists, for every field of every record.
  func entry(_ fields: UnsafeBufferPointer<FieldScore>, _ f: Int, _ screener: Screener) -> FieldEntry {
    if let known = fieldMeasures.entry(fields[f].id), known.fits(fields[f].sensitivity, fields[f].dualUse) {
      return known
    }
    return entry(fields[f], screener)
  }

  /// `body` with the record's facts, in place.
  @inline(__always) func withFacts<R>(_ body: (inout ScreeningFacts) -> R) -> R { body(&facts) }

  /// The triage reason for `key`, made by `make` the first time, with its serial number (one
  /// number per key while the scratch keeps it) and its JSON.
  func reason(_ key: ReasonKey, make: () -> ScreeningResult.TriageReason?) -> KeptReason {
    reasonsByKey.memo(key) { KeptReason(serial: takeSerial(), reason: make()) }
  }

  /// The screening line of `key` (``ScreeningFacts/lineKey``), made by `make` the first time.
  func line(_ key: [Int], make: () -> ScreenedLine) -> ScreenedLine {
    lines.memo(LineKey(key), make)
  }

  /// ``MeasureEvaluation/fieldEvidence(_:_:)``, worked out once per field and measure.
  func fieldEvidence(_ field: FieldScore, _ measure: CompiledMeasure) -> [String] {
    guard let screener else { return MeasureEvaluation.fieldEvidence(field, measure) }
    let entry = entry(field, screener)
    return Self.memo(&entry.evidence, measure.index) { MeasureEvaluation.fieldEvidence(field, measure) }
  }

  /// What was worked out for one partner organisation: its list hits, their triage reasons and
  /// its serial number.
  struct PartnerEntry {
    var hits: [ScreeningResult.OrganisationHit]
    var reasons: [ScreeningResult.TriageReason]
    var serial: Int
  }

  /// The list hits of the partner organisations, their triage reasons and each partner's serial
  /// number, each partner worked out once.
  func organisations(
    _ partners: [String], _ screener: Screener
  ) -> (hits: [ScreeningResult.OrganisationHit], reasons: [ScreeningResult.TriageReason], serials: ReasonKey.Serials) {
    var serials = ReasonKey.Serials()
    func known(_ partner: String) -> PartnerEntry {
      let entry = Self.memo(&organisationHits, partner) {
        let hits = screener.organisationHits([partner])
        return PartnerEntry(hits: hits, reasons: hits.map(Triage.reason(hit:)), serial: takeSerial())
      }
      serials.append(entry.serial)
      return entry
    }
    if partners.isEmpty { return ([], [], serials) }
    if partners.count == 1 {
      let entry = known(partners[0])
      return (entry.hits, entry.reasons, serials)
    }
    let each = partners.map(known)
    return (each.flatMap(\.hits), each.flatMap(\.reasons), serials)
  }

  /// A record's screening cells on `date`, worked out once per distinct set of cells: the
  /// partners' countries (each once), the nationality (the cell's first value), the partner
  /// organisations and the funding (trimmed); or the first country a cell names that is not known.
  ///
  /// What the cells came to is kept in them too: the records a worker's reader gave one object
  /// for repeated cells (``CellInterner``) find it there, without hashing the cells again.
  func cells(_ cells: ScreeningCells, date: CalendarDay, _ screener: Screener) -> Result<ScreenedCells, CellFailure> {
    if let known = cells.worked(by: owner, day: date.number) { return Self.again(known) }
    let mixed = CellsTable.hash(cells, date: date)
    if let known = cellsByValue.find(cells, date: date, mixed: mixed) {
      cells.keep(known, by: owner, day: date.number)
      return Self.again(known)
    }
    let made = workOut(cells, date: date, screener)
    if cellsByValue.count >= Self.memoLimit { cellsByValue.removeAll() }
    cellsByValue.keep(made, for: cells, date: date, mixed: mixed)
    cells.keep(made, by: owner, day: date.number)
    return made
  }

  /// Cells met again: from now on the lines of their records are kept by cells and fields.
  @inline(__always) private static func again(
    _ known: Result<ScreenedCells, CellFailure>
  ) -> Result<ScreenedCells, CellFailure> {
    if case .success(let cells) = known, !cells.repeated { cells.repeated = true }
    return known
  }

  private static func newOwner() -> Int { scratchNumbers.wrappingAdd(1, ordering: .relaxed).newValue }

  /// What a set of cells comes to, worked out.
  private func workOut(
    _ cells: ScreeningCells, date: CalendarDay, _ screener: Screener
  ) -> Result<ScreenedCells, CellFailure> {
    let countries = screener.rules.countries
    var partners: [String] = []
    if !Self.isBlank(cells.partnerCountryCell) {
      for name in ScreeningColumns.split(cells.partnerCountryCell, commas: true) {
        switch countries.code(for: name) {
        case .success(let code): if !partners.contains(code) { partners.append(code) }
        case .failure(let unknown): return .failure(.partnerCountry(unknown))
        }
      }
    }
    var nationality: String?
    if !Self.isBlank(cells.nationalityCell), let name = ScreeningColumns.split(cells.nationalityCell, commas: true).first {
      switch countries.code(for: name) {
      case .success(let code): nationality = code
      case .failure(let unknown): return .failure(.nationality(unknown))
      }
    }
    let organisations =
      Self.isBlank(cells.partnerOrganisationCell) ? [] : ScreeningColumns.split(cells.partnerOrganisationCell, commas: false)
    let funding = Self.isBlank(cells.fundingCell) ? "" : cells.fundingCell.text.trimmingSpaces()
    let input = ScreeningInput(
      partnerCountries: partners, partnerOrganisations: organisations, nationality: nationality,
      funding: funding.isEmpty ? nil : funding, date: date)
    return .success(ScreenedCells(input, screener, scratch: self))
  }

  /// The line kept for a record without a cue with these cells and fields (their entries'
  /// serial numbers), if any.
  @inline(__always) func line(_ cells: ScreenedCells, fields: ReasonKey.Serials) -> ScreenedLine? {
    cellLines.find(CellLineKey(cells: cells.serial, fields: fields))
  }

  /// Keeps `line` for records without a cue with these cells and fields; memory stays bounded:
  /// past ``memoLimit`` × 4 lines kept, they are all dropped.
  func remember(_ line: ScreenedLine, fields: ReasonKey.Serials, in cells: ScreenedCells) {
    cellLines.keep(line, for: CellLineKey(cells: cells.serial, fields: fields))
  }

  /// Outcome tables kept (tests).
  var outcomeTableCount: Int { outcomeTables.count }

  /// Lines kept by cells and fields (tests).
  var cellLineCount: Int { cellLines.count }

  /// Triage reasons kept (tests).
  var reasonCount: Int { reasonsByKey.count }

  /// The outcome table of `cells`, worked out once per distinct ``OutcomeKey``: a portfolio
  /// whose records name many different sets of partner countries (a consortium's) names few
  /// different sets of the countries a regime names.
  func outcomes(of cells: ScreenedCells, _ screener: Screener) -> [UInt8] {
    Self.memo(&outcomeTables, OutcomeKey(cells, screener)) { ScreenedCells.outcomeTable(cells, screener) }
  }

  /// The inputs of a screening, worked out once per distinct set of inputs.
  func cells(_ input: ScreeningInput, _ screener: Screener) -> ScreenedCells {
    if let known = cellsByInput[input] {
      known.repeated = true
      return known
    }
    let made = ScreenedCells(input, screener, scratch: self)
    Self.remember(&cellsByInput, input, made)
    return made
  }

  /// A number not given before by this scratch.
  func takeSerial() -> Int {
    defer { nextSerial += 1 }
    return nextSerial
  }

  /// A cell not given or empty: no input, and no lookup.
  private static func isBlank(_ cell: RecordValue) -> Bool {
    switch cell {
    case .null: true
    case .text(let s): s.isEmpty
    default: false
    }
  }

  /// The funding names (by index) a record's funding names.
  func fundingNamed(in funding: String, _ screener: Screener) -> [Int] {
    Self.memo(&fundingNames, funding) { screener.funding.find(in: funding).map(\.index) }
  }

  /// The value for `key`, made by `make` the first time.
  private static func memo<K: Hashable, V>(_ table: inout [K: V], _ key: K, _ make: () -> V) -> V {
    if let known = table[key] { return known }
    let made = make()
    remember(&table, key, made)
    return made
  }

  private static func remember<K: Hashable, V>(_ table: inout [K: V], _ key: K, _ value: V) {
    if table.count >= memoLimit { table.removeAll(keepingCapacity: true) }
    table[key] = value
  }
}
