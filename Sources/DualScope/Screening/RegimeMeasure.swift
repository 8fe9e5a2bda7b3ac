/// One part of a regime that can apply on its own: what brings it into play, what it covers,
/// its exemptions, and what it can lead to.
public struct RegimeMeasure: Sendable, Hashable {
  /// An input that brings a measure into play.
  public enum Trigger: String, Sendable, Hashable, CaseIterable {
    case partnerCountry = "partner-country"
    case personNationality = "person-nationality"
    case placeOfUse = "place-of-use"
    case fundingProgramme = "funding-programme"
    case anyone
  }

  /// A condition that must hold as well.
  public enum Requirement: String, Sendable, Hashable, CaseIterable {
    case fundingProgramme = "funding-programme"
    case listedOrganisation = "listed-organisation"
    case partnerCountry = "partner-country"
  }

  /// Which nationalities a `person-nationality` trigger covers.
  public enum Nationalities: Sendable, Hashable {
    case only([String])
    case allExcept([String])

    func covers(_ code: String) -> Bool {
      switch self {
      case .only(let codes): codes.contains(code)
      case .allExcept(let codes): !codes.contains(code)
      }
    }
  }

  /// Which funding a `funding-programme` trigger or requirement covers.
  public enum Funding: Sendable, Hashable {
    case any
    case named([String])
  }

  public var id: String
  public var name: String
  /// Period IDs it is in force in; empty: every period of the regime.
  public var periods: [String]
  public var triggers: [Trigger]
  public var countries: [String]
  public var nationalities: Nationalities
  public var funding: Funding?
  public var requires: [Requirement]
  public var partnerCountries: [String]
  public var scope: RegimeScope
  public var exemptions: [RegimeExemption]
  public var leadsTo: String
  public var level: TriageLevel
  public var checkNext: [String]
  public var notes: [String]
}

/// An exemption, recognised by cue phrases in the text.
public struct RegimeExemption: Sendable, Hashable {
  public var id: String
  public var description: String
  public var cues: [CuePhrase]
}

/// A phrase looked for in the text: a scope cue, a category cue or an exemption cue.
public struct CuePhrase: Sendable, Hashable {
  public var text: String
  public var language: String
  public var isPrefix: Bool
}
