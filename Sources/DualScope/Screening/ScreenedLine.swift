/// A record's screening line and its JSON as a result line carries it (`"screening":{…}`, the
/// bytes ``JSONLinesResultWriter`` writes for it). A portfolio worker makes both once per distinct
/// line (``ScreeningScratch/line(_:make:)``) and copies the bytes into every result line that has it;
/// a worker that writes JSON lines only keeps the bytes and the triage level, not the line's lists
/// (``ScreeningScratch/keepsLines``).
///
/// A class, so a record's line is one reference: as a struct of the line's three lists and the
/// bytes, every record that read it from a memo table retained and released all four.
final class ScreenedLine {
  private let kept: ScreeningLine?
  let level: TriageLevel
  let json: [UInt8]

  init(line: ScreeningLine, json: [UInt8]) {
    kept = line
    level = line.triage.level
    self.json = json
  }

  /// The bytes and the level alone.
  init(level: TriageLevel, json: [UInt8]) {
    kept = nil
    self.level = level
    self.json = json
  }

  /// The line; only for a scratch that keeps lines.
  var line: ScreeningLine {
    guard let kept else { preconditionFailure("a screening line asked of a scratch that keeps its JSON only") }
    return kept
  }
}
