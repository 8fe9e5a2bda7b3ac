import Foundation
import PhraseMatching

/// A plain list of phrases, one a line (`match --terms`): blank lines and lines starting with
/// `#` are skipped, and a trailing `*` makes a prefix phrase, trimmed as taxonomy terms are.
public struct PhraseList: Sendable {
  /// The phrase as written (with its `*`), for output.
  public private(set) var texts: [String] = []
  /// The 1-based line each phrase came from.
  public private(set) var lines: [Int] = []
  private var parsed: [(phrase: String, isPrefix: Bool)] = []

  /// Reads a phrase file.
  public init(path: String) throws(SetupError) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw SetupError(.unreadableInput, "cannot read the terms file: no such file or not readable", file: path)
    }
    self.init(text: String(decoding: data, as: UTF8.self))
  }

  /// Reads the phrases of a text, one a line.
  public init(text: String) {
    for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = String(raw).trimmingSpaces()
      if line.isEmpty || line.hasPrefix("#") { continue }
      texts.append(line)
      lines.append(i + 1)
      parsed.append(line.phraseAndPrefix)
    }
  }

  /// The phrases for the matcher, numbered by their position in the list.
  public func phrases(_ options: PhraseOptions) -> [Phrase] {
    parsed.indices.map { i in
      var o = options
      if parsed[i].isPrefix { o.insert(.prefix) }
      return Phrase(parsed[i].phrase, id: TermID(UInt32(i)), options: o)
    }
  }
}
