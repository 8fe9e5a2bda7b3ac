/// Cues that a text studies technology from the outside (its history, law, ethics, public
/// attitudes, clinical outcomes) rather than developing it, and what they cost an area.
///
/// A policy study of the AI Act or a history of armed drones names the technology as often as
/// a project that builds it; what differs is the vocabulary around it. When a text holds at
/// least `minCues` different cues, an area needs `areaScore` to be assigned, so a few mentions
/// of the subject do not flag it, while a project that develops the technology in depth still
/// passes.
///
/// A decisive cue is enough on its own: a text that calls itself a coordination and support
/// action says it coordinates or supports work rather than doing it, as a portfolio's funding
/// scheme column would (see ``RecordContextRule``) when the portfolio has none.
///
/// The more different cues a text holds, the surer it is a study about technology: a history or
/// a legal analysis names its subject as densely as a project that develops it, but around it
/// speaks of archives, courts, residents and policy again and again. ``moreCues`` raises the bar
/// in steps for such texts.
public struct StudyContext: Sendable, Hashable, Codable {
  public var minCues: Int
  public var areaScore: Double
  public var cues: [ContextCue]
  /// Cues that put a text in the study context by themselves.
  public var decisiveCues: [ContextCue]
  /// Higher bars for texts with more different cues, each step with more cues and a higher
  /// score than the one before (and than `minCues` and `areaScore`).
  public var moreCues: [Step]

  /// A text with at least `minCues` different cues needs an area score of `areaScore`.
  public struct Step: Sendable, Hashable, Codable {
    public var minCues: Int
    public var areaScore: Double

    public init(minCues: Int, areaScore: Double) {
      self.minCues = minCues
      self.areaScore = areaScore
    }

    enum CodingKeys: String, CodingKey {
      case minCues = "min_cues"
      case areaScore = "area_score"
    }
  }

  public init(
    minCues: Int = 3, areaScore: Double = 8, cues: [ContextCue] = [], decisiveCues: [ContextCue] = [],
    moreCues: [Step] = []
  ) {
    self.minCues = minCues
    self.areaScore = areaScore
    self.cues = cues
    self.decisiveCues = decisiveCues
    self.moreCues = moreCues
  }

  /// The area score a text in the study context needs when it holds `count` different cues:
  /// that of the last step it reaches, else `areaScore`.
  public func areaScore(cues count: Int) -> Double {
    moreCues.last { count >= $0.minCues }?.areaScore ?? areaScore
  }

  enum CodingKeys: String, CodingKey {
    case minCues = "min_cues"
    case areaScore = "area_score"
    case cues
    case decisiveCues = "decisive_cues"
    case moreCues = "more_cues"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    minCues = try c.decode(Int.self, forKey: .minCues)
    areaScore = try c.decode(Double.self, forKey: .areaScore)
    cues = try c.decode([ContextCue].self, forKey: .cues)
    decisiveCues = try c.decodeIfPresent([ContextCue].self, forKey: .decisiveCues) ?? []
    moreCues = try c.decodeIfPresent([Step].self, forKey: .moreCues) ?? []
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(minCues, forKey: .minCues)
    try c.encode(areaScore, forKey: .areaScore)
    try c.encode(cues, forKey: .cues)
    if !decisiveCues.isEmpty { try c.encode(decisiveCues, forKey: .decisiveCues) }
    if !moreCues.isEmpty { try c.encode(moreCues, forKey: .moreCues) }
  }
}

/// One cue phrase in one language; `isPrefix` for a trailing `*` (`histor*`).
public struct ContextCue: Sendable, Hashable, Codable {
  public var phrase: String
  public var language: String
  public var isPrefix: Bool
  /// Written with a leading `*`: the cue's first word may be the head of a compound, or its last
  /// word the first part of one (the matcher's compound parts, one end at a time):
  /// `*historische project` finds "kunsthistorische project" and "historische projectgroep".
  public var isCompound: Bool

  public init(phrase: String, language: String, isPrefix: Bool = false, isCompound: Bool = false) {
    self.phrase = phrase
    self.language = language
    self.isPrefix = isPrefix
    self.isCompound = isCompound
  }

  /// The cue as the YAML writes it.
  public var displayPhrase: String { (isCompound ? "*" : "") + phrase + (isPrefix ? "*" : "") }

  enum CodingKeys: String, CodingKey {
    case phrase, language
    case isPrefix = "prefix"
    case isCompound = "compound"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    phrase = try c.decode(String.self, forKey: .phrase)
    language = try c.decode(String.self, forKey: .language)
    isPrefix = try c.decode(Bool.self, forKey: .isPrefix)
    isCompound = try c.decodeIfPresent(Bool.self, forKey: .isCompound) ?? false
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(phrase, forKey: .phrase)
    try c.encode(language, forKey: .language)
    try c.encode(isPrefix, forKey: .isPrefix)
    // Left out when false, so the JSON of a diff between releases without such cues stays as it
    // was.
    if isCompound { try c.encode(isCompound, forKey: .isCompound) }
  }
}
