import Foundation

/// The tokens a server accepts, compared in constant time: every candidate is compared with
/// every token over the full length, so the time taken does not reveal how much matched.
public struct BearerTokens: Sendable {
  private let tokens: [[UInt8]]

  init(_ tokens: [String]) {
    self.tokens = tokens.map { Array($0.utf8) }
  }

  /// Reads a token file: one token a line; blank lines and lines starting with `#` are skipped.
  public static func read(file path: String) throws -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TokenFileError(message: "cannot read the token file '\(path)'")
    }
    let tokens = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    guard !tokens.isEmpty else { throw TokenFileError(message: "the token file '\(path)' holds no token") }
    if let short = tokens.first(where: { $0.utf8.count < 16 }) {
      _ = short
      throw TokenFileError(message: "every token in '\(path)' must be at least 16 characters")
    }
    return tokens
  }

  /// Whether `candidate` is one of the tokens.
  func accepts(_ candidate: some Collection<UInt8>) -> Bool {
    var found: UInt8 = 0
    for token in tokens { found |= Self.equal(token, candidate) ? 1 : 0 }
    return found == 1
  }

  /// Compares all of `a` whatever `b` holds; the lengths are compared last.
  static func equal(_ a: [UInt8], _ b: some Collection<UInt8>) -> Bool {
    var diff: UInt8 = 0
    var i = b.startIndex
    for k in 0..<a.count {
      let y: UInt8
      if i != b.endIndex {
        y = b[i]
        i = b.index(after: i)
      } else {
        y = ~a[k]
      }
      diff |= a[k] ^ y
    }
    return diff == 0 && a.count == b.count
  }
}

public struct TokenFileError: Error, CustomStringConvertible {
  public let message: String
  public var description: String { message }
}
