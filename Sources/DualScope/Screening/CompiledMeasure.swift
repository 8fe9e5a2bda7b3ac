/// A measure with its regime, held once by the ``Screener``: what every evaluation of the measure
/// reads, behind one reference (a `Regime` and a `RegimeMeasure` copied into each evaluation cost
/// a few dozen retains apiece), with the country lists as sets and the measure's own periods.
final class CompiledMeasure: Sendable {
  let regime: Regime
  let measure: RegimeMeasure
  /// The regime's periods this measure runs in (all of them when it names none), in order.
  let periods: [RegimePeriod]
  let countries: Set<String>
  let partnerCountries: Set<String>
  let nationalities: (only: Bool, codes: Set<String>)

  init(regime: Regime, measure: RegimeMeasure) {
    self.regime = regime
    self.measure = measure
    periods = measure.periods.isEmpty ? regime.periods : regime.periods.filter { measure.periods.contains($0.id) }
    countries = Set(measure.countries)
    partnerCountries = Set(measure.partnerCountries)
    switch measure.nationalities {
    case .only(let codes): nationalities = (true, Set(codes))
    case .allExcept(let codes): nationalities = (false, Set(codes))
    }
  }

  /// Whether a person of this nationality is in the measure's scope.
  func covers(nationality code: String) -> Bool { nationalities.codes.contains(code) == nationalities.only }
}
