/// Cues that a text studies technology from the outside (its history, law, ethics, public
/// attitudes, clinical outcomes) rather than developing it, and what they cost an area.
///
/// A policy study of the AI Act or a history of armed drones names the technology as often as
/// a project that builds it; what differs is the vocabulary around it. When a text holds at
/// least `minCues` different cues, an area needs `areaScore` to be assigned, so a few mentions
/// of the subject do not flag it, while a project that develops the technology in depth still
/// passes.
public struct StudyContext: Sendable, Hashable, Codable {
  public var minCues: Int
  public var areaScore: Double
  public var cues: [ContextCue]

  public init(minCues: Int = 3, areaScore: Double = 8, cues: [ContextCue] = []) {
    self.minCues = minCues
    self.areaScore = areaScore
    self.cues = cues
  }

  enum CodingKeys: String, CodingKey {
    case minCues = "min_cues"
    case areaScore = "area_score"
    case cues
  }
}

/// One cue phrase in one language; `isPrefix` for a trailing `*` (`histor*`).
public struct ContextCue: Sendable, Hashable, Codable {
  public var phrase: String
  public var language: String
  public var isPrefix: Bool

  public init(phrase: String, language: String, isPrefix: Bool = false) {
    self.phrase = phrase
    self.language = language
    self.isPrefix = isPrefix
  }

  /// The cue as the YAML writes it.
  public var displayPhrase: String { isPrefix ? phrase + "*" : phrase }

  enum CodingKeys: String, CodingKey {
    case phrase, language
    case isPrefix = "prefix"
  }
}
