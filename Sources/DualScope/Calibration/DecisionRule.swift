/// How a calibrated release assigns an area (`decision` in `calibration.yaml`).
public enum DecisionRule: String, Sendable, Hashable, CaseIterable {
  /// The area's probability reaches the cut, with at least one of its terms counted.
  case probability
  /// The area passes the release's rules as an uncalibrated release would (thresholds, the
  /// lone-term bar, the study and record context, a second area's two matches) and its
  /// probability reaches the cut: the learned model only takes areas away, never adds one the
  /// rules did not find.
  case rulesThenProbability = "rules-then-probability"

  /// The values as the file and the command line write them, for messages.
  public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
