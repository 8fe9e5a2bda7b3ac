/// A record's screening line and its JSON as a result line carries it (`"screening":{…}`, the
/// bytes ``JSONLinesResultWriter`` writes for it). A portfolio worker makes both once per distinct
/// line (``ScreeningScratch/line(_:make:)``) and copies the bytes into every result line that has it.
///
/// A class, so a record's line is one reference: as a struct of the line's three lists and the
/// bytes, every record that read it from a memo table retained and released all four.
final class ScreenedLine {
  let line: ScreeningLine
  let json: [UInt8]

  init(line: ScreeningLine, json: [UInt8]) {
    self.line = line
    self.json = json
  }
}
