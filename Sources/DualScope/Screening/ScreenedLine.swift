/// A record's screening line and its JSON as a result line carries it (`"screening":{…}`, the
/// bytes ``JSONLinesResultWriter`` writes for it). A portfolio worker makes both once per distinct
/// line (``ScreeningScratch/line(_:make:)``) and copies the bytes into every result line that has it.
struct ScreenedLine {
  var line: ScreeningLine
  var json: [UInt8]
}
