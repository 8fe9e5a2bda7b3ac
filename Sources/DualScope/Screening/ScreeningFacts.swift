/// What the quick evaluation of the measures knows about one record, as flags and indices: which
/// measures an assigned field or a cue puts in scope, which have an exemption cue in the text,
/// the partners' and the person's countries by their position in the country table, the funding
/// programmes named and the lists with a hit. Its buffers live in a ``ScreeningScratch`` and are
/// reused record after record.
struct ScreeningFacts {
  /// Per measure (``CompiledMeasure/index``): an assigned field or a cue is in its scope.
  var scope: [Bool] = []
  /// Per measure: a cue of one of its exemptions is in the text.
  var exempt: [Bool] = []
  var hasPartners = false
  /// The partners' countries the table knows, by position.
  var partners: [Int] = []
  var hasNationality = false
  /// The nationality's position in the country table, -1 when it has none.
  var nationality = -1
  var hasFunding = false
  /// Per funding name of the screener: named by the record's funding.
  var fundingFound: [Bool] = []
  var hasPartnerOrganisations = false
  /// Per list: one of the record's partner organisations is on it.
  var listHit: [Bool] = []
  /// What the record's screening line is made of, as numbers (``Screener`` fills it): each
  /// regime that bears on it with its status and level, the serials of the raising measures'
  /// reasons, the serials of the partner organisations; whole lines are kept by it
  /// (``ScreeningScratch/line(_:make:)``).
  var lineKey: [Int] = []
  /// The record's assigned fields as the scratch knows them, in order.
  var fields: [ScreeningScratch.FieldEntry] = []
  /// The measures that raise the level (by index), and their reasons.
  var raising: [Int] = []
  var reasons: [ScreeningResult.TriageReason?] = []

  /// Cleared for a new record, sized for `measures` measures, `funding` names and `lists` lists.
  mutating func reset(measures: Int, funding: Int, lists: Int) {
    Self.clear(&scope, measures)
    Self.clear(&exempt, measures)
    Self.clear(&fundingFound, funding)
    Self.clear(&listHit, lists)
    partners.removeAll(keepingCapacity: true)
    lineKey.removeAll(keepingCapacity: true)
    fields.removeAll(keepingCapacity: true)
    raising.removeAll(keepingCapacity: true)
    reasons.removeAll(keepingCapacity: true)
    hasPartners = false
    hasNationality = false
    nationality = -1
    hasFunding = false
    hasPartnerOrganisations = false
  }

  /// The serial numbers of the record's fields that put it in the scope of measure `m`, in order.
  func fieldSerials(inScopeOf m: Int) -> ReasonKey.Serials {
    var out = ReasonKey.Serials()
    for entry in fields where entry.measures.contains(m) { out.append(entry.serial) }
    return out
  }

  private static func clear(_ flags: inout [Bool], _ count: Int) {
    if flags.count == count {
      flags.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
    } else {
      flags = Array(repeating: false, count: count)
    }
  }
}
