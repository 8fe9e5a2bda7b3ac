import DualScope
/// Renders an ``InstitutionMap`` as one self-contained HTML page: an inline SVG heat map (no
/// external assets, works offline), a table with a row per unit that sorts on a click of its
/// headers (a small inline script), and the top projects behind each cell with their evidence.
public enum MapHTMLRenderer {
  static func esc(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(c)
      }
    }
    return out
  }

  /// A colour from white to deep red by share, with a darker border for a high level.
  static func colour(_ share: Double) -> String {
    let t = max(0, min(1, share == 0 ? 0 : 0.12 + share * 1.6))
    let r = 255 - Int(t * 75)
    let g = 255 - Int(t * 200)
    let b = 255 - Int(t * 190)
    return "rgb(\(r),\(g),\(b))"
  }

  /// A self-contained HTML page: heat map, sortable table, top projects per cell.
  public static func render(_ map: InstitutionMap, title: String = "Where sensitive knowledge sits") -> String {
    let rows = map.rows + [map.total]
    // Labels are cut to what fits beside the cells; the full name is in the row's tooltip.
    let longest = rows.map { $0.label.count + 6 + 2 * $0.depth }.max() ?? 10
    let labelChars = min(48, max(16, longest))
    let labelWidth = labelChars * 7 + 16
    let cellW = 84
    let cellH = 26
    let headH = 120
    let longestColumn = map.columns.map(\.name.count).max() ?? 0
    let width = labelWidth + cellW * map.columns.count + min(260, longestColumn * 6)
    let height = headH + cellH * rows.count + 10
    var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"heat map\" font-family=\"system-ui,sans-serif\" font-size=\"12\">"
    for (j, c) in map.columns.enumerated() {
      let x = labelWidth + j * cellW + cellW / 2
      svg += "<text transform=\"translate(\(x),\(headH - 6)) rotate(-35)\" text-anchor=\"start\">\(esc(c.name))</text>"
    }
    for (i, r) in rows.enumerated() {
      let y = headH + i * cellH
      let weight = r.depth == 0 ? "600" : "400"
      let room = labelChars - 2 * r.depth - "\(r.documents)".count - 3
      let label = r.label.count > room ? String(r.label.prefix(max(4, room - 1))) + "…" : r.label
      svg += "<text x=\"\(6 + 14 * r.depth)\" y=\"\(y + 17)\" font-weight=\"\(weight)\"><title>\(esc(r.unit.joined(separator: " / ")))</title>\(esc(label)) (\(r.documents))</text>"
      for (j, cell) in r.cells.enumerated() {
        let x = labelWidth + j * cellW
        let stroke = cell.highest == .high ? "#7a0010" : (cell.highest == .elevated ? "#c05000" : "#ddd")
        let sw = cell.highest >= .elevated ? 2 : 1
        svg += "<a href=\"#cell-\(i)-\(j)\"><rect x=\"\(x + 1)\" y=\"\(y + 1)\" width=\"\(cellW - 2)\" height=\"\(cellH - 2)\" fill=\"\(colour(cell.share))\" stroke=\"\(stroke)\" stroke-width=\"\(sw)\"><title>\(esc(r.unit.joined(separator: " / "))) × \(esc(map.columns[j].name)): \(cell.count) of \(r.documents) (\(MapTableRenderer.percent(cell.share))), highest level \(cell.highest.rawValue)</title></rect>"
        if cell.count > 0 {
          let fill = cell.share > 0.35 ? "#fff" : "#222"
          svg += "<text x=\"\(x + cellW / 2)\" y=\"\(y + 17)\" text-anchor=\"middle\" fill=\"\(fill)\">\(cell.count) · \(MapTableRenderer.percent(cell.share))</text>"
        }
        svg += "</a>"
      }
    }
    svg += "</svg>"

    var table = "<table id=\"units\"><thead><tr><th data-type=\"text\">\(esc(map.unitColumns.joined(separator: " / ")))</th><th data-type=\"num\">docs</th><th data-type=\"num\">flagged</th>"
    for c in map.columns { table += "<th data-type=\"num\" title=\"\(esc(c.id))\">\(esc(c.name))</th>" }
    let triageLevels = map.screened ? MapTableRenderer.triageLevels : []
    for level in triageLevels { table += "<th data-type=\"num\" class=\"t\">triage: \(level.rawValue)</th>" }
    table += "</tr></thead><tbody>"
    for (i, r) in rows.enumerated() where i < rows.count - 1 {
      table += "<tr class=\"d\(r.depth)\"><td data-v=\"\(esc(r.unit.joined(separator: "/")))\">\(esc(r.label))</td><td>\(r.documents)</td><td>\(r.flagged)</td>"
      for (j, cell) in r.cells.enumerated() {
        table += "<td data-v=\"\(cell.count)\" class=\"l-\(cell.highest.rawValue)\">"
          + (cell.count == 0 ? "·" : "<a href=\"#cell-\(i)-\(j)\">\(cell.count)</a> <small>\(MapTableRenderer.percent(cell.share))</small>")
          + "</td>"
      }
      for level in triageLevels {
        let n = r.triage[level] ?? 0
        let ids = r.triageProjects.filter { $0.level == level }.map { "\($0.id) (\($0.regimes.joined(separator: ", ")))" }
        table += "<td data-v=\"\(n)\" class=\"t-\(level.rawValue)\"" + (ids.isEmpty ? "" : " title=\"\(esc(ids.joined(separator: "; ")))\"")
          + ">\(n == 0 ? "·" : String(n))</td>"
      }
      table += "</tr>"
    }
    let t = map.total
    table += "</tbody><tfoot><tr><td>all</td><td>\(t.documents)</td><td>\(t.flagged)</td>"
      + t.cells.map { "<td class=\"l-\($0.highest.rawValue)\">\($0.count) <small>\(MapTableRenderer.percent($0.share))</small></td>" }.joined()
      + triageLevels.map { "<td class=\"t-\($0.rawValue)\">\(t.triage[$0] ?? 0)</td>" }.joined()
      + "</tr></tfoot></table>"
      + (map.screened
        ? "<p class=\"note\">Triage columns: screened documents at each triage level. A working aid, not legal advice; no result is not clearance.</p>"
        : "")

    var details = ""
    for (i, r) in rows.enumerated() {
      for (j, cell) in r.cells.enumerated() where cell.count > 0 {
        details += "<section id=\"cell-\(i)-\(j)\"><h3>\(esc(r.unit.joined(separator: " / "))) × \(esc(map.columns[j].name)) <small>\(cell.count) of \(r.documents), highest level \(cell.highest.rawValue)</small></h3><ol>"
        for p in cell.top {
          details += "<li><b>\(esc(p.id))</b> score \(p.score) <span class=\"l-\(p.level.rawValue)\">\(p.level.rawValue)</span> — "
            + p.terms.map { "<code>\(esc($0))</code>" }.joined(separator: ", ") + "</li>"
        }
        details += "</ol></section>"
      }
    }
    var meta = ""
    if let m = map.metadata {
      meta = "<p class=\"meta\">Taxonomy \(esc(m.taxonomy.id)) \(esc(m.taxonomy.version)) (content \(esc(String(m.taxonomy.contentHash.prefix(12))))), dualscope \(esc(m.tool.version)).</p>"
    }
    let columnsWhat = map.area.map { "fields of the area <code>\(esc($0))</code>" } ?? "areas"
    return """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>\(esc(title))</title>
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <style>
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;max-width:1500px}
      h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin-top:28px} h3{font-size:14px;margin:14px 0 4px}
      .meta,small{color:#666} svg a:hover rect{stroke:#000;stroke-width:2}
      table{border-collapse:collapse;font-size:13px} th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}
      th{background:#f4f4f4;cursor:pointer;user-select:none;position:sticky;top:0} th:first-child,td:first-child{text-align:left}
      th.asc::after{content:" ▲"} th.desc::after{content:" ▼"}
      tr.d1 td:first-child{padding-left:24px} tr.d2 td:first-child{padding-left:40px} tr.d0 td:first-child{font-weight:600}
      tfoot td{font-weight:600;background:#fafafa}
      .l-high{background:#f9d5d8} .l-elevated{background:#fde7cf} .l-low{background:#f3f6fb}
      section{border-top:1px solid #eee} ol{margin:4px 0 8px} code{background:#f4f4f4;padding:0 3px;border-radius:3px}
      .legend span{display:inline-block;width:14px;height:14px;vertical-align:middle;margin:0 4px 0 10px;border:1px solid #ccc}
      </style></head><body>
      <h1>\(esc(title))</h1>
      <p>Units (\(esc(map.unitColumns.joined(separator: " › ")))) × \(columnsWhat): each cell counts the documents assigned, with their share of the unit's documents; a dark red border marks a cell with a high-level document, orange an elevated one. Click a cell for its top projects and their evidence.</p>
      \(meta)
      <p class="legend">share<span style="background:\(colour(0.05))"></span>5%<span style="background:\(colour(0.2))"></span>20%<span style="background:\(colour(0.5))"></span>50%</p>
      \(svg)
      <h2>Units</h2>
      <p><small>Click a header to sort.</small></p>
      \(table)
      <h2>Top projects per cell</h2>
      \(details)
      <script>
      (function(){var t=document.getElementById('units');var hs=t.tHead.rows[0].cells;
      for(let i=0;i<hs.length;i++){hs[i].addEventListener('click',function(){
      var asc=!this.classList.contains('asc');for(var h of hs){h.classList.remove('asc','desc');}
      this.classList.add(asc?'asc':'desc');var num=this.dataset.type==='num';var b=t.tBodies[0];
      var rs=Array.from(b.rows);rs.sort(function(x,y){var a=x.cells[i],c=y.cells[i];
      var u=a.dataset.v!==undefined?a.dataset.v:a.textContent,v=c.dataset.v!==undefined?c.dataset.v:c.textContent;
      var r=num?(parseFloat(u)-parseFloat(v)):u.localeCompare(v);return asc?r:-r;});
      rs.forEach(function(r){b.appendChild(r);});});}})();
      </script>
      </body></html>

      """
  }
}
