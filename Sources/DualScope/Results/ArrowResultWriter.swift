/// Result lines as an Apache Arrow IPC stream (`batch --format arrow`): a schema message, one
/// record batch per chunk, an end-of-stream marker. The columns are the JSON result line's keys
/// with the same nesting (docs/result-schema.md), so pyarrow, pandas, Polars, DuckDB or Spark read
/// the results without parsing any text.
///
/// Written by hand, not with a library: the stream is two kinds of message over a fixed set of
/// column types (``FlatBuffer``, ``ArrowColumn``).
enum ArrowResultWriter {
  /// The stream's first bytes: its schema.
  static func schemaMessage(screening: Bool, calibrated: Bool) -> [UInt8] {
    let columns = Columns(screening: screening, calibrated: calibrated).top
    // Schema: endianness little (0), fields.
    let schema = FlatNode.table([(0, .int16(0)), (1, .node(.vector(columns.map(\.field))))])
    var out: [UInt8] = []
    message(headerType: 1, header: schema, body: [], into: &out)
    return out
  }

  /// The end-of-stream marker.
  static let endOfStream: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]

  /// One record batch of `lines`; nothing for no lines.
  static func encode(_ lines: [ResultLine], carry: [String], screening: Bool, calibrated: Bool, into out: inout [UInt8]) {
    guard !lines.isEmpty else { return }
    let c = Columns(screening: screening, calibrated: calibrated)
    for i in lines.indices { c.append(lines[i], carry: carry) }
    var nodes: [(Int64, Int64)] = []
    var buffers: [(Int64, Int64)] = []
    var body: [UInt8] = []
    for column in c.top { column.write(nodes: &nodes, buffers: &buffers, body: &body) }
    // RecordBatch: length, nodes, buffers.
    let batch = FlatNode.table([(0, .int64(Int64(lines.count))), (1, .node(.pairs(nodes))), (2, .node(.pairs(buffers)))])
    message(headerType: 3, header: batch, body: body, into: &out)
  }

  /// An encapsulated message: continuation marker, metadata length, the `Message` table (version
  /// V5, the header, the body's length), padding to 8, the body.
  private static func message(headerType: UInt8, header: FlatNode, body: [UInt8], into out: inout [UInt8]) {
    let metadata = FlatBuffer.bytes(
      root: .table([(0, .int16(4)), (1, .uint8(headerType)), (2, .node(header)), (3, .int64(Int64(body.count)))]))
    out.reserveCapacity(out.count + 8 + metadata.count + body.count)
    out += [0xFF, 0xFF, 0xFF, 0xFF]
    FlatBuffer.append(Int32(metadata.count), &out)
    out += metadata
    out += body
  }

  /// The column builders of one batch, named as the JSON keys.
  private final class Columns {
    let id = ArrowColumn("id", .utf8), source = ArrowColumn("source", .utf8), line = ArrowColumn("line", .int64)
    let status = ArrowColumn("status", .utf8), level = ArrowColumn("level", .utf8), words = ArrowColumn("words", .int64)
    let areaID = ArrowColumn("id", .utf8), areaName = ArrowColumn("name", .utf8)
    let areaScore = ArrowColumn("score", .float64), areaThreshold = ArrowColumn("threshold", .float64)
    let areaLevel = ArrowColumn("level", .utf8), areaProbability = ArrowColumn("probability", .float64)
    let area: ArrowColumn, areas: ArrowColumn
    let fieldID = ArrowColumn("id", .utf8), fieldArea = ArrowColumn("area", .utf8), fieldName = ArrowColumn("name", .utf8)
    let fieldScore = ArrowColumn("score", .float64), fieldThreshold = ArrowColumn("threshold", .float64)
    let fieldSensitivity = ArrowColumn("sensitivity", .utf8), fieldLevel = ArrowColumn("level", .utf8)
    let dualUseCode = ArrowColumn("item", .utf8), dualUse: ArrowColumn
    let term = ArrowColumn("term", .utf8), language = ArrowColumn("language", .utf8)
    let weight = ArrowColumn("weight", .float64), contribution = ArrowColumn("contribution", .float64)
    let weak = ArrowColumn("weak", .bool)
    let start = ArrowColumn("start", .int64), end = ArrowColumn("end", .int64)
    let text = ArrowColumn("text", .utf8), kind = ArrowColumn("kind", .utf8)
    let match: ArrowColumn, matches: ArrowColumn, evidence: ArrowColumn, evidenceList: ArrowColumn
    let field: ArrowColumn, fields: ArrowColumn
    let carried = ArrowColumn.stringMap("carried"), invalidUTF8 = ArrowColumn("invalid_utf8", .bool)
    let screening: ScreeningColumns?
    /// Whether the areas have a `probability` column (a calibrated release).
    let calibrated: Bool
    let top: [ArrowColumn]

    init(screening: Bool, calibrated: Bool) {
      self.calibrated = calibrated
      area = .structure(
        "item", [areaID, areaName, areaScore, areaThreshold, areaLevel] + (calibrated ? [areaProbability] : []))
      areas = .list("areas", of: area)
      dualUse = .list("dual_use", of: dualUseCode)
      match = .structure("item", [start, end, text, kind])
      matches = .list("matches", of: match)
      evidence = .structure("item", [term, language, weight, contribution, weak, matches])
      evidenceList = .list("evidence", of: evidence)
      field = .structure(
        "item", [fieldID, fieldArea, fieldName, fieldScore, fieldThreshold, fieldSensitivity, fieldLevel, dualUse, evidenceList])
      fields = .list("fields", of: field)
      self.screening = screening ? ScreeningColumns() : nil
      top = [id, source, line, status, level, words, areas, fields] + (self.screening.map { [$0.screening] } ?? [])
        + [carried, invalidUTF8]
    }

    func append(_ d: ResultLine, carry: [String]) {
      let c = d.classification
      id.append(d.id)
      source.append(d.source)
      line.append(d.line)
      status.append(c.status.rawValue)
      level.append(c.level.rawValue)
      words.append(c.words)
      // Each element bound once: `c.fields[k].id`, `c.fields[k].name`, … each copied the whole
      // element with its strings (measured).
      for a in c.areas {
        areaID.append(a.id)
        areaName.append(a.name)
        areaScore.append(a.score)
        areaThreshold.append(a.threshold)
        areaLevel.append(a.level.rawValue)
        if calibrated {
          if let p = a.probability { areaProbability.append(p) } else { areaProbability.appendNull() }
        }
        area.closeStruct()
      }
      areas.closeList()
      for f in c.fields {
        fieldID.append(f.id)
        fieldArea.append(f.area)
        fieldName.append(f.name)
        fieldScore.append(f.score)
        fieldThreshold.append(f.threshold)
        fieldSensitivity.append(f.sensitivity.rawValue)
        fieldLevel.append(f.level.rawValue)
        for code in f.dualUse { dualUseCode.append(code) }
        dualUse.closeList()
        for x in f.evidence {
          term.append(x.term)
          language.append(x.language)
          weight.append(x.weight)
          contribution.append(x.contribution)
          weak.append(x.weak)
          for m in x.matches {
            start.append(m.start)
            end.append(m.end)
            text.append(m.text)
            kind.append(m.kind)
            match.closeStruct()
          }
          matches.closeList()
          evidence.closeStruct()
        }
        evidenceList.closeList()
        field.closeStruct()
      }
      fields.closeList()
      if let screening {
        // A run that screens has a screening line for every result (a record it cannot screen
        // is an error record, not a result).
        guard let s = d.screening else { preconditionFailure("a result line of a screening run without its screening") }
        screening.append(s)
      }
      let entries = carried.children[0]
      for name in carry {
        entries.children[0].append(name)
        entries.children[1].append(d.carried(name))
        entries.closeStruct()
      }
      carried.closeList()
      invalidUTF8.append(d.invalidUTF8)
    }
  }

  /// The `screening` object's columns.
  private final class ScreeningColumns {
    let triageLevel = ArrowColumn("level", .utf8)
    let reasonLevel = ArrowColumn("level", .utf8), reasonRegime = ArrowColumn("regime", .utf8)
    let reasonMeasure = ArrowColumn("measure", .utf8), reasonText = ArrowColumn("text", .utf8)
    let reason: ArrowColumn, reasons: ArrowColumn, triage: ArrowColumn
    let regimeID = ArrowColumn("id", .utf8), regimeStatus = ArrowColumn("status", .utf8)
    let regimeLevel = ArrowColumn("level", .utf8)
    let regime: ArrowColumn, regimes: ArrowColumn
    let partner = ArrowColumn("partner", .utf8), list = ArrowColumn("list", .utf8)
    let organisation = ArrowColumn("organisation", .utf8), alias = ArrowColumn("alias", .utf8)
    let organisationLevel = ArrowColumn("level", .utf8)
    let organisationItem: ArrowColumn, organisations: ArrowColumn
    let screening: ArrowColumn

    init() {
      reason = .structure("item", [reasonLevel, reasonRegime, reasonMeasure, reasonText])
      reasons = .list("reasons", of: reason)
      triage = .structure("triage", [triageLevel, reasons])
      regime = .structure("item", [regimeID, regimeStatus, regimeLevel])
      regimes = .list("regimes", of: regime)
      organisationItem = .structure("item", [partner, list, organisation, alias, organisationLevel])
      organisations = .list("organisations", of: organisationItem)
      screening = .structure("screening", [triage, regimes, organisations])
    }

    func append(_ s: ScreeningLine) {
      triageLevel.append(s.triage.level.rawValue)
      for x in s.triage.reasons {
        reasonLevel.append(x.level.rawValue)
        if let v = x.regime { reasonRegime.append(v) } else { reasonRegime.appendNull() }
        if let v = x.measure { reasonMeasure.append(v) } else { reasonMeasure.appendNull() }
        reasonText.append(x.text)
        reason.closeStruct()
      }
      reasons.closeList()
      triage.closeStruct()
      for r in s.regimes {
        regimeID.append(r.id)
        regimeStatus.append(r.status.rawValue)
        regimeLevel.append(r.level.rawValue)
        regime.closeStruct()
      }
      regimes.closeList()
      for o in s.organisations {
        partner.append(o.partner)
        list.append(o.list)
        organisation.append(o.organisation)
        alias.append(o.alias)
        organisationLevel.append(o.level.rawValue)
        organisationItem.closeStruct()
      }
      organisations.closeList()
      screening.closeStruct()
    }
  }
}
