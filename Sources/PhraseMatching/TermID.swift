/// The caller's identifier for a phrase; several phrases may share one.
public struct TermID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
  public var rawValue: UInt32
  public init(rawValue: UInt32) { self.rawValue = rawValue }
  public init(_ v: UInt32) { self.rawValue = v }
  public static func < (a: TermID, b: TermID) -> Bool { a.rawValue < b.rawValue }
  public var description: String { "#\(rawValue)" }
}
