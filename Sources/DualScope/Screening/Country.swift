/// A country or territory: its ISO 3166-1 alpha-2 code and the names accepted on input.
public struct Country: Sendable, Hashable {
  public var code: String
  public var english: String
  public var dutch: String
  public var aliases: [String]
  public var note: String?

  /// `Iran (IR)`.
  public var label: String { "\(english) (\(code))" }
}
