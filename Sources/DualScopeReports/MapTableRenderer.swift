import DualScope
/// Renders an ``InstitutionMap`` as a text table, CSV or Markdown.
///
/// A cell reads `count (share%) level`; the first column is the unit, indented by its depth.
public enum MapTableRenderer {
  static func percent(_ x: Double) -> String {
    let p = (x * 1000).rounded() / 10
    return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
  }

  static func levelMark(_ l: DocumentLevel) -> String {
    switch l {
    case .none: ""
    case .low: "low"
    case .elevated: "elev"
    case .high: "HIGH"
    }
  }

  static func cellText(_ c: InstitutionMap.Cell) -> String {
    c.count == 0 ? "·" : "\(c.count) (\(percent(c.share))) \(levelMark(c.highest))".trimmingCharacters(in: .whitespaces)
  }

  /// The triage columns of a screened map, most pressing first.
  static let triageLevels: [TriageLevel] = [.consult, .check, .attention]

  static func triageCells(_ map: InstitutionMap, _ r: InstitutionMap.Row) -> [String] {
    map.screened ? triageLevels.map { String(r.triage[$0] ?? 0) } : []
  }

  static func triageHeader(_ map: InstitutionMap) -> [String] {
    map.screened ? triageLevels.map { "triage:\($0.rawValue)" } : []
  }

  static let triageNote =
    "triage: screened documents at each triage level (a working aid, not legal advice; no result is not clearance)\n"

  static func unitText(_ r: InstitutionMap.Row) -> String {
    String(repeating: "  ", count: r.depth) + r.label
  }

  /// A fixed-width table for the terminal.
  public static func text(_ map: InstitutionMap) -> String {
    let header = [map.unitColumns.joined(separator: " / "), "docs"] + map.columns.map(\.id) + triageHeader(map)
    var table = [header]
    for r in map.rows + [map.total] {
      table.append([unitText(r), String(r.documents)] + r.cells.map(cellText) + triageCells(map, r))
    }
    var widths = Array(repeating: 0, count: header.count)
    for row in table { for (i, v) in row.enumerated() { widths[i] = max(widths[i], v.count) } }
    var out = ""
    for (n, row) in table.enumerated() {
      if n == table.count - 1 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
      out += row.enumerated().map { i, v in
        i == 0 ? v.padding(toLength: widths[i], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[i] - v.count) + v
      }.joined(separator: "  ").trimmingTrailing() + "\n"
      if n == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
    }
    out += "cells: documents assigned (share of the unit's documents) and the highest level among them\n"
    if map.screened { out += triageNote }
    return out
  }

  /// Long-form CSV: one row per unit and column, loadable anywhere; a screened map adds one row
  /// per unit and triage level (column `triage:consult` ...; share of the unit's documents).
  public static func csv(_ map: InstitutionMap) -> String {
    var rows: [[String]] = [
      map.unitColumns + ["documents", map.area == nil ? "area" : "field", "count", "share", "highest_level", "top_projects"]
    ]
    func share(_ n: Int, _ of: Int) -> String { String((of == 0 ? 0 : Double(n) / Double(of) * 10000).rounded() / 10000) }
    for r in map.rows + [map.total] {
      let unit = (0..<map.unitColumns.count).map { i in i < r.unit.count ? r.unit[i] : (r.unit == ["all"] && i == 0 ? "all" : "") }
      for (c, cell) in zip(map.columns, r.cells) {
        rows.append(
          unit + [
            String(r.documents), c.id, String(cell.count), String((cell.share * 10000).rounded() / 10000),
            cell.highest.rawValue, cell.top.map(\.id).joined(separator: ";"),
          ])
      }
      if map.screened {
        for level in triageLevels {
          let n = r.triage[level] ?? 0
          rows.append(
            unit + [
              String(r.documents), "triage:\(level.rawValue)", String(n), share(n, r.documents), "",
              level >= .check ? r.triageProjects.filter { $0.level == level }.map(\.id).joined(separator: ";") : "",
            ])
        }
      }
    }
    var out: [UInt8] = []
    for row in rows { CSVResultWriter.row(row, into: &out) }
    return String(decoding: out, as: UTF8.self)
  }

  /// A Markdown table.
  public static func markdown(_ map: InstitutionMap) -> String {
    func esc(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
    let triage = triageHeader(map)
    var out = "| \(esc(map.unitColumns.joined(separator: " / "))) | docs | "
      + (map.columns.map { esc($0.name) } + triage).joined(separator: " | ") + " |\n"
    out += "|---|---:|" + String(repeating: "---:|", count: map.columns.count + triage.count) + "\n"
    for r in map.rows + [map.total] {
      let unit = String(repeating: "&nbsp;&nbsp;", count: r.depth) + (r.unit == ["all"] ? "**all**" : esc(r.label))
      out += "| \(unit) | \(r.documents) | " + (r.cells.map(cellText) + triageCells(map, r)).joined(separator: " | ") + " |\n"
    }
    out += "\nCells: documents assigned (share of the unit's documents) and the highest level among them.\n"
    if map.screened { out += "\n" + triageNote.prefix(1).uppercased() + triageNote.dropFirst() }
    return out
  }
}

extension String {
  fileprivate func trimmingTrailing() -> String {
    var s = Substring(self)
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
