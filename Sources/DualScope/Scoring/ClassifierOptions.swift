/// Knobs of the scorer. The defaults are the ones measured in DESIGN.md; thresholds default to
/// the taxonomy's own.
public struct ClassifierOptions: Sendable, Hashable, Codable {
  /// Overrides the threshold of every field (else the field's own, else the manifest default).
  public var fieldThreshold: Double?
  /// Overrides the threshold of every area.
  public var areaThreshold: Double?
  /// Per-ID thresholds; win over everything else.
  public var thresholds: [String: Double] = [:]
  /// At most this many areas, best first; `nil` for no limit.
  public var topK: Int?
  /// Each further occurrence of a term adds this fraction of the previous one (0 ≤ s < 1).
  public var saturation: Double = 0.5
  /// Texts longer than this many words have their scores divided by (words / reference)^exponent.
  public var lengthReference: Double = 200
  public var lengthExponent: Double = 0.5
  /// An area is kept only when its score is at least this fraction of the best area's.
  public var relativeCutoff: Double = 0
  /// Overrides the multiple of its threshold an area needs when one term alone makes its score
  /// (else the taxonomy's `lone_term_factor`).
  public var loneTermFactor: Double?
  /// Overrides how many counted matches an area other than the best one needs (else the
  /// taxonomy's `secondary_min_matches`).
  public var secondaryMinMatches: Int?
  /// Overrides the score a field needs, besides twice its threshold, for clear evidence (else the
  /// taxonomy's `clear_evidence`).
  public var clearEvidence: Double?
  /// Overrides the probability an area needs in a calibrated release (else the release's cut).
  public var cut: Double?
  /// Scores a calibrated release by its thresholds alone, as an uncalibrated one.
  public var uncalibrated: Bool? = nil

  public init() {}

  enum CodingKeys: String, CodingKey {
    case fieldThreshold = "field_threshold"
    case areaThreshold = "area_threshold"
    case thresholds
    case topK = "top_k"
    case saturation
    case lengthReference = "length_reference"
    case lengthExponent = "length_exponent"
    case relativeCutoff = "relative_cutoff"
    case loneTermFactor = "lone_term_factor"
    case secondaryMinMatches = "secondary_min_matches"
    case clearEvidence = "clear_evidence"
    case cut
    case uncalibrated
  }
}
