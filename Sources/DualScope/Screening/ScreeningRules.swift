/// The regimes, the country table and the named-organisation lists one screening uses.
public struct ScreeningRules: Sendable {
  public var countries: CountryTable
  /// Regimes in ID order.
  public var regimes: [Regime]
  /// Lists in the order loaded: the release's, then each `--lists` folder's, by file name.
  public var lists: [OrganisationList]
  /// Where the regimes came from: a folder or `embedded:<version>`.
  public var origin: String
  /// SHA-256 over the regime files (names and bytes, in name order).
  public var regimesHash: String
  /// SHA-256 over every list file read.
  public var listsHash: String
  /// File texts by display name, to render diagnostics.
  public var sources: [String: String]

  public func regime(_ id: String) -> Regime? { regimes.first { $0.id == id } }

  /// No regimes and no lists, over a country table: the screening side of a release that has
  /// none, so a portfolio can be compared with one that has.
  public static func empty(countries: CountryTable) -> ScreeningRules {
    ScreeningRules(
      countries: countries, regimes: [], lists: [], origin: "none", regimesHash: "", listsHash: "", sources: [:])
  }

  /// Errors for area and field IDs the regimes name that the classifier's release does not have.
  public func check(against taxonomy: Taxonomy) -> [Diagnostic] {
    var out: [Diagnostic] = []
    let ids = taxonomy.nodes.map(\.id)
    for regime in regimes {
      for measure in regime.measures {
        for ref in measure.scope.references where taxonomy.node(ref.id) == nil {
          var message =
            "regime '\(regime.id)' names '\(ref.id)', which is no area or field of taxonomy \(taxonomy.version)"
          if let s = EditDistance.suggestion(for: ref.id, among: ids) { message += " (did you mean '\(s)'?)" }
          out.append(Diagnostic(.error, message, at: ref.location))
        }
      }
    }
    return out.sorted()
  }
}
