/// A rule of a release about what a record's metadata says of its text (`record_context` in the
/// manifest). A rule is one of two kinds:
///
/// - **Stronger evidence** (no `supports`): when a column the portfolio carries holds one of the
///   rule's values, every area (or the areas in `areas`) needs at least `areaScore` to be
///   assigned. A coordination and support action (`fundingScheme` `HORIZON-CSA`) funds networks,
///   roadmaps, training and dissemination about a technology and names it as often as a project
///   that develops it; the rule asks such a record for several strong terms. A call for services
///   built on satellite data names satellites without building them: a rule with `areas:
///   [space-propulsion]` asks that area alone for more.
/// - **Support** (`supports: [energy]`): the value says the record belongs to one of the listed
///   areas (a call of the energy-supply destination, a quantum call), so for those areas alone the
///   record needs `areaScore` instead of the area's threshold. It lowers the bar and never raises
///   it, and the area still needs a counted term of its own: the metadata never assigns an area
///   without evidence in the text. Stronger-evidence rules and the study context apply after it.
///
/// Only the rule-based scoring reads it; a calibrated release learns from metadata columns itself
/// (`--context-columns`). Without the column the text alone decides.
public struct RecordContextRule: Sendable, Hashable, Codable {
  /// The column or key of the record, as the portfolio names it.
  public var column: String
  /// Values as written in the release: compared without regard to ASCII case, each `*` standing
  /// for any run of characters (`*-CSA`, `HORIZON-CL5-*-D3-*`). A cell holding a list (`;`, `,`
  /// or `|`) matches when one of its values does.
  public var values: [String]
  /// The score an area of a matching record needs: every area's least score, or the supported
  /// areas' lowered bar.
  public var areaScore: Double
  /// The IDs of the areas the rule supports; empty for a rule that asks for stronger evidence.
  public var supports: [String]
  /// The IDs of the areas a stronger-evidence rule asks; empty for every area (and for a rule that
  /// supports areas).
  public var areas: [String]

  public init(column: String, values: [String], areaScore: Double, supports: [String] = [], areas: [String] = []) {
    self.column = column
    self.values = values
    self.areaScore = areaScore
    self.supports = supports
    self.areas = areas
  }

  /// Whether the rule bears on the area `id`: it supports it, or asks it for stronger evidence.
  public func concerns(area id: String) -> Bool {
    isSupport ? supports.contains(id) : areas.isEmpty || areas.contains(id)
  }

  /// Whether the rule lowers the bar of the areas it names rather than raising every area's.
  public var isSupport: Bool { !supports.isEmpty }

  enum CodingKeys: String, CodingKey {
    case column, values, supports, areas
    case areaScore = "area_score"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    column = try c.decode(String.self, forKey: .column)
    values = try c.decode([String].self, forKey: .values)
    areaScore = try c.decode(Double.self, forKey: .areaScore)
    supports = try c.decodeIfPresent([String].self, forKey: .supports) ?? []
    areas = try c.decodeIfPresent([String].self, forKey: .areas) ?? []
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(column, forKey: .column)
    try c.encode(values, forKey: .values)
    try c.encode(areaScore, forKey: .areaScore)
    if !supports.isEmpty { try c.encode(supports, forKey: .supports) }
    if !areas.isEmpty { try c.encode(areas, forKey: .areas) }
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

  /// Whether `value` matches `pattern` (ASCII case folded; each `*` any run of bytes, the empty
  /// one included), byte by byte in place. When the bytes after a `*` fail to match, the latest
  /// `*` takes one byte more and the match goes on from there; an earlier `*` never needs to be
  /// retried, since any run it could take, the later `*` can take instead.
  static func matches(_ pattern: String, _ value: Substring) -> Bool {
    let p = pattern.utf8
    let v = value.utf8
    let star = UInt8(ascii: "*")
    var pi = p.startIndex
    var vi = v.startIndex
    var retry: (pattern: String.UTF8View.Index, value: Substring.UTF8View.Index)?
    while vi != v.endIndex {
      if pi != p.endIndex && p[pi] == star {
        pi = p.index(after: pi)
        retry = (pi, vi)
      } else if pi != p.endIndex && fold(p[pi]) == fold(v[vi]) {
        pi = p.index(after: pi)
        vi = v.index(after: vi)
      } else if let r = retry {
        let next = v.index(after: r.value)
        retry = (r.pattern, next)
        pi = r.pattern
        vi = next
      } else {
        return false
      }
    }
    while pi != p.endIndex && p[pi] == star { pi = p.index(after: pi) }
    return pi == p.endIndex
  }

  private static func fold(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
}
