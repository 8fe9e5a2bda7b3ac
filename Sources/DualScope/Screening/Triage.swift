/// Builds the triage from the regimes' results and the organisation hits: the level is the
/// highest of its reasons; what to check next and the open points are gathered from the
/// regimes that bear on the screening.
enum Triage {
  static func of(
    regimes: [ScreeningResult.RegimeResult], hits: [ScreeningResult.OrganisationHit], rules: ScreeningRules,
    input: ScreeningInput
  ) -> ScreeningResult.Triage {
    var next: [String] = []
    var open: [String] = []
    func add(_ text: String, to list: inout [String]) { if !list.contains(text) { list.append(text) } }

    let reasons = Self.reasons(measures: regimes.flatMap { r in r.measures.map { (r.id, $0) } }, hits: hits)
    for hit in hits {
      add("Check \(hit.partner) against the current version of list \(hit.list) and the organisation's ties.", to: &next)
      if hit.listFictional {
        add("List \(hit.list) is a fictional example; load a real list with --lists.", to: &open)
      }
    }
    let level = reasons.map(\.level).max() ?? .none

    // What to check next: regimes with a level first, then those that may apply.
    for regime in regimes.sorted(by: { ($0.level, $1.id) > ($1.level, $0.id) })
    where regime.status == .applies || regime.status == .mayApply {
      for c in regime.checkNext { add("\(regime.id): \(c)", to: &next) }
    }
    var missingBy: [String: [String]] = [:]
    for regime in regimes where regime.status == .notAssessed {
      for m in regime.measures where m.status == .notAssessed {
        for input in m.missing where !(missingBy[input]?.contains(regime.id) ?? false) {
          missingBy[input, default: []].append(regime.id)
        }
      }
    }
    for input in missingBy.keys.sorted() {
      add("Give the \(input) to assess: \(missingBy[input]!.joined(separator: ", ")).", to: &open)
    }
    for regime in regimes where regime.status != .doesNotApply {
      for note in regime.notes { add("\(regime.id): \(note)", to: &open) }
      for r in regime.reasons where r.hasPrefix("period '") && r.contains("was to be reviewed by") {
        add("\(regime.id): \(r)", to: &open)
      }
    }
    if level == .none {
      add("Nothing here calls for a step; that is not a clearance.", to: &next)
    }
    return .init(level: level, reasons: reasons, next: next, openPoints: open)
  }

  /// The triage's reasons: every measure with a level (its reasons after the period), and every
  /// organisation hit, highest level first, then by regime and measure.
  static func reasons(
    measures: [(regime: String, measure: ScreeningResult.MeasureResult)], hits: [ScreeningResult.OrganisationHit]
  ) -> [ScreeningResult.TriageReason] {
    sorted(measures.compactMap { reason(regime: $0.regime, $0.measure) } + hits.map(reason(hit:)))
  }

  /// Reasons in triage order: highest level first, then by regime and measure (organisation
  /// hits, which have neither, before the measures of their level).
  static func sorted(_ reasons: [ScreeningResult.TriageReason]) -> [ScreeningResult.TriageReason] {
    var reasons = reasons
    sort(&reasons)
    return reasons
  }

  static func sort(_ reasons: inout [ScreeningResult.TriageReason]) {
    reasons.sort(by: precedes)
  }

  /// Whether `a` comes before `b` in triage order.
  static func precedes(_ a: ScreeningResult.TriageReason, _ b: ScreeningResult.TriageReason) -> Bool {
    (a.level, b.regime ?? "", b.measure ?? "") > (b.level, a.regime ?? "", a.measure ?? "")
  }

  /// The triage reason of an organisation-list hit.
  static func reason(hit: ScreeningResult.OrganisationHit) -> ScreeningResult.TriageReason {
    .init(level: hit.level, regime: nil, measure: nil, text: OrganisationHitText.describe(hit))
  }

  /// The triage reason of a measure with a level: `eu-iran dual-use-ban applies: ` and its
  /// reasons after the period; nil when its level is `none`.
  static func reason(regime: String, _ m: ScreeningResult.MeasureResult) -> ScreeningResult.TriageReason? {
    guard m.level > .none else { return nil }
    // One string grown in place: a portfolio run writes this for most records it screens.
    var text = regime
    text.reserveCapacity(m.reasons.reduce(regime.utf8.count + m.id.utf8.count + 16) { $0 + $1.utf8.count + 2 })
    text += " "
    text += m.id
    text += " "
    text += m.status.rawValue
    text += ": "
    for (k, why) in m.reasons.dropFirst().enumerated() {
      if k > 0 { text += "; " }
      text += why
    }
    return .init(level: m.level, regime: regime, measure: m.id, text: text)
  }
}
