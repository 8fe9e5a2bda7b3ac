/// Everything the triage reason of a measure that raises the level reads, so a portfolio run
/// writes the reason once and reuses it for every record that gives the measure the same inputs
/// (``ScreeningScratch/reason(_:make:)``): the measure; the assigned fields that put the record
/// in its scope, in order; the text each of its cues matched; and, only when the measure reads
/// them, the partner countries it names, the nationality, the funding and the partner
/// organisations.
///
/// All numbers but the cues' texts (none in most records): countries by position in the country
/// table, partners and fields by their serial numbers. A key of strings was hashed with all its
/// strings for every measure that raised a level (900 instructions a lookup, callgrind).
///
/// The period in force is not part of it: a result line's reasons leave the period out.
struct ReasonKey: MemoKey {
  var measure: Int
  /// ``ScreeningScratch`` serial numbers of the fields, in the classification's order.
  var fields: Serials
  /// Per cue of the measure, the text it matched first ("" when not found); empty when none was.
  var cues: [String]
  /// The first partner country in the measure's trigger countries, and in the countries it
  /// requires, by position (-1: none, or not read).
  var partner: Int
  var requiredPartner: Int
  /// The nationality by position when it is in the measure's scope (-1: none, outside the scope,
  /// or not read; below that, one the table does not know, by the serial of the inputs that
  /// name it).
  var nationality: Int
  /// The serial of the inputs (``ScreenedCells/serial``) when the measure reads the funding, else -1.
  var funding: Int
  /// The partner organisations' serial numbers when the measure reads them.
  var organisations: Serials

  /// The numbers mixed one after the other, then the cues' bytes when there are any.
  var mixed: UInt64 {
    var h = KeyMix()
    h.add(measure)
    fields.forEach { h.add($0) }
    h.add(-7)
    h.add(partner)
    h.add(requiredPartner)
    h.add(nationality)
    h.add(funding)
    organisations.forEach { h.add($0) }
    if !cues.isEmpty {
      h.add(cues.count)
      for cue in cues { h.add(bytesOf: cue) }
    }
    return h.value
  }
}

extension ReasonKey {
  /// A short list of numbers, the first three held inline: a record puts one to three fields in
  /// a measure's scope, and a key is made for every measure that raises a level.
  struct Serials: Hashable {
    private(set) var count = 0
    private var a = 0, b = 0, c = 0
    private var rest: [Int] = []

    mutating func append(_ n: Int) {
      switch count {
      case 0: a = n
      case 1: b = n
      case 2: c = n
      default: rest.append(n)
      }
      count += 1
    }

    func forEach(_ body: (Int) -> Void) {
      if count > 0 { body(a) }
      if count > 1 { body(b) }
      if count > 2 { body(c) }
      rest.forEach(body)
    }
  }
}
