/// Reads a fuzzer's bytes as a sequence of small decisions, then hands over what is left.
///
/// Every read past the end gives zero, so any input, however short, is a valid plan.
public struct FuzzInput {
  public let bytes: [UInt8]
  public private(set) var position = 0

  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
    self.bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  }

  public var isAtEnd: Bool { position >= bytes.count }

  /// The next byte, or 0 at the end.
  public mutating func byte() -> UInt8 {
    guard position < bytes.count else { return 0 }
    defer { position += 1 }
    return bytes[position]
  }

  /// A number in `range`, from one byte.
  public mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(byte()) % (range.count)
  }

  /// Up to `count` next bytes.
  public mutating func take(_ count: Int) -> [UInt8] {
    let end = min(bytes.count, position + max(0, count))
    defer { position = end }
    return Array(bytes[position..<end])
  }

  /// Everything not read yet.
  public mutating func rest() -> [UInt8] {
    defer { position = bytes.count }
    return position < bytes.count ? Array(bytes[position...]) : []
  }
}

extension Array where Element == UInt8 {
  /// The pieces between `separator` bytes, at most `limit` of them (the last keeps the rest).
  public func pieces(separatedBy separator: UInt8, limit: Int) -> [[UInt8]] {
    split(separator: separator, maxSplits: Swift.max(0, limit - 1), omittingEmptySubsequences: false).map(Array.init)
  }
}
