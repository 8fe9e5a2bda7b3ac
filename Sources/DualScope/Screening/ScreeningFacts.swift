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

  /// Cleared for a new record, sized for `measures` measures, `funding` names and `lists` lists.
  mutating func reset(measures: Int, funding: Int, lists: Int) {
    Self.clear(&scope, measures)
    Self.clear(&exempt, measures)
    Self.clear(&fundingFound, funding)
    Self.clear(&listHit, lists)
    partners.removeAll(keepingCapacity: true)
    hasPartners = false
    hasNationality = false
    nationality = -1
    hasFunding = false
    hasPartnerOrganisations = false
  }

  private static func clear(_ flags: inout [Bool], _ count: Int) {
    if flags.count == count {
      for i in flags.indices { flags[i] = false }
    } else {
      flags = Array(repeating: false, count: count)
    }
  }
}
