/// A rule of a release about what a record's metadata says of its text (`record_context` in the
/// manifest): when a column the portfolio carries holds one of the rule's values, every area needs
/// at least `areaScore` to be assigned. A coordination and support action (`fundingScheme`
/// `HORIZON-CSA`) funds networks, roadmaps, training and dissemination about a technology and names
/// it as often as a project that develops it; the rule asks such a record for several strong terms.
///
/// Only the rule-based scoring reads it; a calibrated release learns from metadata columns itself
/// (`--context-columns`). Without the column the text alone decides.
public struct RecordContextRule: Sendable, Hashable, Codable {
  /// The column or key of the record, as the portfolio names it.
  public var column: String
  /// Values as written in the release: compared without regard to ASCII case, `*` at the start
  /// or the end for any ending or beginning (`*-CSA`). A cell holding a list (`;`, `,` or `|`)
  /// matches when one of its values does.
  public var values: [String]
  /// The score every area of a matching record needs.
  public var areaScore: Double

  public init(column: String, values: [String], areaScore: Double) {
    self.column = column
    self.values = values
    self.areaScore = areaScore
  }

  enum CodingKeys: String, CodingKey {
    case column, values
    case areaScore = "area_score"
  }

  /// The value of `cell` the rule matches, if any. Read in place: a portfolio run asks this of
  /// every record that carries the column, so the cell is neither split into a list nor copied.
  public func matchedValue(in cell: String) -> Substring? {
    var start = cell.startIndex
    while true {
      let end = cell[start...].firstIndex { $0 == ";" || $0 == "," || $0 == "|" } ?? cell.endIndex
      var value = cell[start..<end]
      while let c = value.first, c == " " || c == "\t" { value = value.dropFirst() }
      while let c = value.last, c == " " || c == "\t" { value = value.dropLast() }
      if !value.isEmpty && values.contains(where: { Self.matches($0, value) }) { return value }
      if end == cell.endIndex { return nil }
      start = cell.index(after: end)
    }
  }

  /// Whether `value` matches `pattern` (ASCII case folded; `*` first or last), byte by byte in
  /// place.
  static func matches(_ pattern: String, _ value: Substring) -> Bool {
    let p = pattern.utf8
    let v = value.utf8
    func equal(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
      a.count == b.count && zip(a, b).allSatisfy { fold($0) == fold($1) }
    }
    if p.first == UInt8(ascii: "*") {
      let rest = p.dropFirst()
      return v.count >= rest.count && equal(rest, v.suffix(rest.count))
    }
    if p.last == UInt8(ascii: "*") {
      let rest = p.dropLast()
      return v.count >= rest.count && equal(rest, v.prefix(rest.count))
    }
    return equal(p, v)
  }

  private static func fold(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
}
