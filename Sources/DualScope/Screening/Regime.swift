/// A legal or policy regime that may bear on a research project: sanctions, export control, a
/// screening law, a funding condition or guidance, with its dated periods and measures.
public struct Regime: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    case sanctions
    case exportControl = "export-control"
    case screeningLaw = "screening-law"
    case fundingCondition = "funding-condition"
    case guidance
  }

  public enum LegalStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case binding
    case draft
    case nonBinding = "non-binding"
  }

  public var id: String
  public var name: String
  public var kind: Kind
  public var legalStatus: LegalStatus
  /// Whether it is unclear that the regime still applies (uk-atas).
  public var statusUncertain: Bool
  public var jurisdiction: String
  public var summary: String
  public var sources: [RegimeSource]
  public var periods: [RegimePeriod]
  public var measures: [RegimeMeasure]
  public var notes: [String]
  /// The file it was read from, for diagnostics.
  public var file: String

  /// Whether a measure of this regime can be `applies` at all, or `may-apply` at most.
  var canApply: Bool { legalStatus == .binding && !statusUncertain }
}

/// A source a regime relies on.
public struct RegimeSource: Sendable, Hashable, Codable {
  public enum Confidence: String, Sendable, Hashable, Codable, CaseIterable {
    case high, medium, low
  }

  public var title: String
  public var reference: String
  public var date: CalendarDay?
  public var reliedOn: CalendarDay
  public var confidence: Confidence
  public var url: String?

  enum CodingKeys: String, CodingKey {
    case title, reference, date, confidence, url
    case reliedOn = "relied_on"
  }
}
