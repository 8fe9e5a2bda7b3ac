/// Everything the triage reason of a measure that raises the level reads, so a portfolio run
/// writes the reason once and reuses it for every record that gives the measure the same inputs
/// (``ScreeningScratch/reason(_:make:)``): the measure; the assigned fields that put the record
/// in its scope, in order; the text each of its cues matched; and, only when the measure reads
/// them, the partner countries it names, the nationality, the funding and the partner organisations.
///
/// The period in force is not part of it: a result line's reasons leave the period out.
struct ReasonKey: Hashable {
  var measure: Int
  /// ``ScreeningScratch`` serial numbers of the fields, in the classification's order.
  var fields: [Int]
  /// Per cue of the measure, the text it matched first ("" when not found); empty when none was.
  var cues: [String]
  /// The first partner country in the measure's trigger countries, and in the countries it requires.
  var partner: String?
  var requiredPartner: String?
  var nationality: String?
  var funding: String?
  var organisations: [String]
}
