/// What the quick evaluation of the measures knows about one record's text and classification, as
/// flags and indices: which measures an assigned field or a cue puts in scope and which have an
/// exemption cue in the text (what it knows of the partners, the person and the funding is in
/// ``ScreenedCells``). Its buffers live in a ``ScreeningScratch`` and are reused record after
/// record.
struct ScreeningFacts {
  /// Per measure (``CompiledMeasure/index``): an assigned field or a cue is in its scope.
  var scope = MeasureFlags()
  /// Per measure: a cue of one of its exemptions is in the text.
  var exempt = MeasureFlags()
  /// What the record's screening line is made of, as numbers (``Screener`` fills it): each
  /// regime that bears on it with its status and level, the serials of the raising measures'
  /// reasons, the serials of the partner organisations; whole lines are kept by it
  /// (``ScreeningScratch/line(_:make:)``).
  var lineKey: [Int] = []
  /// The record's assigned fields as the scratch knows them, in order.
  var fields: [ScreeningScratch.FieldEntry] = []
  /// The measures that raise the level (by index), and their reasons.
  var raising: [Int] = []
  var reasons: [KeptReason] = []

  /// Cleared for a new record, sized for `measures` measures.
  mutating func reset(measures: Int) {
    scope.reset(count: measures)
    exempt.reset(count: measures)
    // `removeAll(keepingCapacity:)` goes through the general `replaceSubrange`, 70 instructions
    // a call on a list of numbers and 190 on a list of references even when it is empty
    // (callgrind); the few entries of the lists below are taken off one by one instead.
    lineKey.removeAll(keepingCapacity: true)
    while fields.popLast() != nil {}
    while raising.popLast() != nil {}
    while reasons.popLast() != nil {}
  }

  /// The serial numbers of the record's fields that put it in the scope of measure `m`, in order.
  func fieldSerials(inScopeOf m: Int) -> ReasonKey.Serials {
    var out = ReasonKey.Serials()
    for entry in fields where entry.measures.contains(m) { out.append(entry.serial) }
    return out
  }
}
