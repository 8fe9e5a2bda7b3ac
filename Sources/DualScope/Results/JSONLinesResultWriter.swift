/// Encodes a ``ResultLine`` as one JSON object a line, by hand and in a fixed key order, for
/// speed: `JSONEncoder` builds a tree and a `String` per number. What it writes is exactly the
/// Codable form of ``ResultLine``: a test decodes every line of a real run and compares.
///
/// A line: `id`, `source`, `line`, `status`, `level`, `words`, `areas` (id, name, score,
/// threshold, level), `fields` (id, area, name, score, threshold, sensitivity, level, dual_use,
/// evidence: term, language, weight, contribution, weak, matches: start, end, text, kind),
/// `screening` when the run screens (triage: level, reasons: level, regime, measure, text;
/// regimes: id, status, level; organisations: partner, list, organisation, alias, level), `carried` (the carried columns in the order asked for) and `invalid_utf8`. Match offsets are
/// UTF-8 byte offsets into the record's text columns joined with a blank line between them.
public enum JSONLinesResultWriter {
  /// Appends one document's line.
  static func encode(_ d: ResultLine, carry: [String], screened: ScreenedLine? = nil, into j: inout JSONBytes) {
    let c = d.classification
    j.open()
    j.key("id"); j.string(d.id); j.comma()
    j.key("source"); j.string(d.source); j.comma()
    j.key("line"); j.int(d.line); j.comma()
    j.key("status"); j.string(c.status.rawValue); j.comma()
    j.key("level"); j.string(c.level.rawValue); j.comma()
    j.key("words"); j.int(c.words); j.comma()
    j.key("areas"); j.openArray()
    for (k, a) in c.areas.enumerated() {
      if k > 0 { j.comma() }
      j.open()
      j.key("id"); j.string(a.id); j.comma()
      j.key("name"); j.string(a.name); j.comma()
      j.key("score"); j.double(a.score); j.comma()
      j.key("threshold"); j.double(a.threshold); j.comma()
      j.key("level"); j.string(a.level.rawValue)
      if let p = a.probability { j.comma(); j.key("probability"); j.double(p) }
      j.close()
    }
    j.closeArray(); j.comma()
    j.key("fields"); j.openArray()
    for (k, f) in c.fields.enumerated() {
      if k > 0 { j.comma() }
      j.open()
      j.key("id"); j.string(f.id); j.comma()
      j.key("area"); j.string(f.area); j.comma()
      j.key("name"); j.string(f.name); j.comma()
      j.key("score"); j.double(f.score); j.comma()
      j.key("threshold"); j.double(f.threshold); j.comma()
      j.key("sensitivity"); j.string(f.sensitivity.rawValue); j.comma()
      j.key("level"); j.string(f.level.rawValue); j.comma()
      j.key("dual_use"); j.openArray()
      for (m, code) in f.dualUse.enumerated() {
        if m > 0 { j.comma() }
        j.string(code)
      }
      j.closeArray(); j.comma()
      j.key("evidence"); j.openArray()
      for (m, e) in f.evidence.enumerated() {
        if m > 0 { j.comma() }
        j.open()
        j.key("term"); j.string(e.term); j.comma()
        j.key("language"); j.string(e.language); j.comma()
        j.key("weight"); j.double(e.weight); j.comma()
        j.key("contribution"); j.double(e.contribution); j.comma()
        j.key("weak"); j.bool(e.weak); j.comma()
        j.key("matches"); j.openArray()
        for (s, span) in e.matches.enumerated() {
          if s > 0 { j.comma() }
          j.open()
          j.key("start"); j.int(span.start); j.comma()
          j.key("end"); j.int(span.end); j.comma()
          j.key("text"); j.string(span.text); j.comma()
          j.key("kind"); j.string(span.kind)
          j.close()
        }
        j.closeArray()
        j.close()
      }
      j.closeArray()
      j.close()
    }
    j.closeArray(); j.comma()
    if let screened {
      screened.withJSON { j.raw($0) }
      j.comma()
    } else if let s = d.screening {
      encode(s, into: &j)
      j.comma()
    }
    j.key("carried"); j.open()
    for (k, name) in carry.enumerated() {
      if k > 0 { j.comma() }
      j.string(name)
      j.byte(UInt8(ascii: ":"))
      j.string(d.carried(name))
    }
    j.close(); j.comma()
    j.key("invalid_utf8"); j.bool(d.invalidUTF8)
    j.close()
    j.byte(0x0A)
  }

  /// Appends `"screening":{…}` (no comma).
  static func encode(_ s: ScreeningLine, into j: inout JSONBytes) {
    encodeScreening(
      level: s.triage.level, into: &j,
      reasons: { j in
        for (k, r) in s.triage.reasons.enumerated() {
          if k > 0 { j.comma() }
          encode(r, into: &j)
        }
      },
      regimes: { j in
        for (k, r) in s.regimes.enumerated() {
          if k > 0 { j.comma() }
          encode(r, into: &j)
        }
      },
      organisations: { j in
        for (k, o) in s.organisations.enumerated() {
          if k > 0 { j.comma() }
          encode(o, into: &j)
        }
      })
  }

  /// `"screening":{…}` around its three lists, each written by its closure (the items with
  /// their commas): a portfolio worker writes a new line from the bytes of its reasons,
  /// regimes and organisations made before (``ScreeningScratch``), a line on its own from the
  /// values.
  static func encodeScreening(
    level: TriageLevel, into j: inout JSONBytes, reasons: (inout JSONBytes) -> Void,
    regimes: (inout JSONBytes) -> Void, organisations: (inout JSONBytes) -> Void
  ) {
    j.key("screening"); j.open()
    j.key("triage"); j.open()
    j.key("level"); j.string(level.rawValue); j.comma()
    j.key("reasons"); j.openArray()
    reasons(&j)
    j.closeArray()
    j.close(); j.comma()
    j.key("regimes"); j.openArray()
    regimes(&j)
    j.closeArray(); j.comma()
    j.key("organisations"); j.openArray()
    organisations(&j)
    j.closeArray()
    j.close()
  }

  /// One triage reason: `{"level":…,"regime":…,"measure":…,"text":…}`.
  static func encode(_ r: ScreeningResult.TriageReason, into j: inout JSONBytes) {
    j.open()
    j.key("level"); j.string(r.level.rawValue); j.comma()
    if let regime = r.regime { j.key("regime"); j.string(regime); j.comma() }
    if let measure = r.measure { j.key("measure"); j.string(measure); j.comma() }
    j.key("text"); j.string(r.text)
    j.close()
  }

  static func encode(_ r: ScreeningLine.RegimeLine, into j: inout JSONBytes) {
    j.open()
    j.key("id"); j.string(r.id); j.comma()
    j.key("status"); j.string(r.status.rawValue); j.comma()
    j.key("level"); j.string(r.level.rawValue)
    j.close()
  }

  static func encode(_ o: ScreeningLine.OrganisationLine, into j: inout JSONBytes) {
    j.open()
    j.key("partner"); j.string(o.partner); j.comma()
    j.key("list"); j.string(o.list); j.comma()
    j.key("organisation"); j.string(o.organisation); j.comma()
    j.key("alias"); j.string(o.alias); j.comma()
    j.key("level"); j.string(o.level.rawValue)
    j.close()
  }

  /// The bytes `encode` writes for one value.
  static func bytes(_ write: (inout JSONBytes) -> Void) -> [UInt8] {
    var j = JSONBytes()
    write(&j)
    return j.array
  }
}
