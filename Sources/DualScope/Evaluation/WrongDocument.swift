/// A document `evaluate` got wrong, with what a taxonomy author needs to see why: its gold and
/// predicted IDs, each false positive with the evidence that assigned it, and each false negative
/// with the score it reached against its threshold (`evaluate --errors-output`, one a line).
public struct WrongDocument: Sendable, Hashable, Codable {
  /// An area or field assigned without a label for it, and the matches behind it.
  public struct FalsePositive: Sendable, Hashable, Codable {
    public var id: String
    public var score: Double
    public var threshold: Double
    /// The evidence of its assigned fields (of the area, or the field itself), strongest first.
    public var evidence: [Item]
  }

  /// A labelled area or field that was not assigned: how far its score came.
  public struct FalseNegative: Sendable, Hashable, Codable {
    public var id: String
    /// The score before thresholds; 0 when no term of it was found.
    public var score: Double
    public var threshold: Double
    /// The area's probability in a calibrated release.
    public var probability: Double?
  }

  /// One evidence term of an assigned field, with the texts it matched.
  public struct Item: Sendable, Hashable, Codable {
    public var field: String
    public var term: String
    public var contribution: Double
    public var matches: [String]
  }

  public var id: String
  public var title: String
  public var gold: [String]
  /// Labels mapped with `weak`: neither right nor wrong for these IDs.
  public var weak: [String]
  public var predicted: [String]
  public var falsePositives: [FalsePositive]
  public var falseNegatives: [FalseNegative]

  enum CodingKeys: String, CodingKey {
    case id, title, gold, weak, predicted
    case falsePositives = "false_positives"
    case falseNegatives = "false_negatives"
  }
}
