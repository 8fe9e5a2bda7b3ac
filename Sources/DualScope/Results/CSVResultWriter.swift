/// Encodes one CSV row per result line (RFC 4180, comma-separated, a header row), atomically.
///
/// Columns: `id`, `source`, `line`, `status`, `level`, `areas` and `area_scores` (assigned areas,
/// best first, `;`-separated), with a calibrated release `area_probabilities` (each assigned
/// area's probability, in the same order), `fields` and `field_scores` (likewise), `terms` (the top five
/// evidence terms), when the run screens `triage_level`, `triage_regimes` (`id:status` of every
/// regime that bears on the record, `;`-separated) and `triage_organisations` (`list:organisation`),
/// then the carried columns, then `invalid_utf8` (`true`/`false`). The run's
/// metadata goes to a sidecar file (`OUTPUT.meta.json` by default), not a comment line, so the
/// file loads as it is in spreadsheets and data-frame readers.
public enum CSVResultWriter {
  /// The header row.
  static func header(_ carry: [String], screening: Bool = false, calibrated: Bool = false) -> [UInt8] {
    var out: [UInt8] = []
    row(
      ["id", "source", "line", "status", "level", "areas", "area_scores"]
        + (calibrated ? ["area_probabilities"] : []) + ["fields", "field_scores", "terms"]
        + (screening ? ["triage_level", "triage_regimes", "triage_organisations"] : []) + carry + ["invalid_utf8"],
      into: &out)
    return out
  }

  static func encode(
    _ d: ResultLine, carry: [String], screening: Bool = false, calibrated: Bool = false, into out: inout [UInt8]
  ) {
    let c = d.classification
    var values = [
      d.id, d.source, String(d.line), c.status.rawValue, c.level.rawValue,
      c.areas.map(\.id).joined(separator: ";"), c.areas.map { number($0.score) }.joined(separator: ";"),
    ]
    if calibrated { values.append(c.areas.map { $0.probability.map(number) ?? "" }.joined(separator: ";")) }
    values += [
      c.fields.map(\.id).joined(separator: ";"), c.fields.map { number($0.score) }.joined(separator: ";"),
      d.topTerms(5).joined(separator: ";"),
    ]
    if screening {
      let s = d.screening
      values.append(s?.triage.level.rawValue ?? "")
      values.append((s?.regimes ?? []).map { "\($0.id):\($0.status.rawValue)" }.joined(separator: ";"))
      values.append((s?.organisations ?? []).map { "\($0.list):\($0.organisation)" }.joined(separator: ";"))
    }
    for column in carry { values.append(d.carried(column)) }
    values.append(d.invalidUTF8 ? "true" : "false")
    row(values, into: &out)
  }

  static func number(_ x: Double) -> String { NumberText.plain(x) }

  /// One row; a field is quoted when it holds a comma, a quote or a line break.
  public static func row(_ values: [String], into out: inout [UInt8]) {
    for (k, v) in values.enumerated() {
      if k > 0 { out.append(UInt8(ascii: ",")) }
      let needsQuotes = v.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
      if needsQuotes {
        out.append(UInt8(ascii: "\""))
        for b in v.utf8 {
          if b == UInt8(ascii: "\"") { out.append(b) }
          out.append(b)
        }
        out.append(UInt8(ascii: "\""))
      } else {
        out.append(contentsOf: v.utf8)
      }
    }
    out.append(0x0A)
  }
}
