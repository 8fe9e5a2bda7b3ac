/// Cues written with alternatives: `this {legal|historical} {study|project}` stands for the four
/// cues `this legal study`, `this legal project`, `this historical study` and
/// `this historical project`, in that order. A release lists a discipline's self-descriptions
/// (a few adjectives times a few nouns) in one line instead of a line each.
enum CueAlternatives {
  /// At most this many cues from one written cue.
  static let maxExpansions = 1000

  /// The cues `text` stands for, or why it cannot be read: a `{` without its `}`, a `}` without
  /// its `{`, a group inside a group, an empty group or alternative, or more than
  /// ``maxExpansions`` cues.
  static func expand(_ text: String) -> Result<[String], Failure> {
    guard text.contains("{") || text.contains("}") else { return .success([text]) }
    var out = [""]
    var rest = Substring(text)
    while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
      guard rest[open] == "{" else { return .failure(.unopened) }
      let literal = rest[..<open]
      let afterOpen = rest.index(after: open)
      guard let close = rest[afterOpen...].firstIndex(where: { $0 == "{" || $0 == "}" }) else {
        return .failure(.unclosed)
      }
      guard rest[close] == "}" else { return .failure(.nested) }
      let choices = rest[afterOpen..<close].split(separator: "|", omittingEmptySubsequences: false)
      guard !choices.contains(where: { $0.allSatisfy { $0 == " " } }) else { return .failure(.emptyChoice) }
      guard out.count * choices.count <= maxExpansions else { return .failure(.tooMany) }
      out = out.flatMap { head in choices.map { head + literal + $0 } }
      rest = rest[rest.index(after: close)...]
    }
    if rest.contains("}") { return .failure(.unopened) }
    return .success(out.map { $0 + rest })
  }

  enum Failure: Error, Equatable {
    case unclosed, unopened, nested, emptyChoice, tooMany

    var message: String {
      switch self {
      case .unclosed: "a '{' without its '}'"
      case .unopened: "a '}' without its '{'"
      case .nested: "a '{' inside '{…}'"
      case .emptyChoice: "an empty alternative in '{…}'"
      case .tooMany: "more than \(CueAlternatives.maxExpansions) cues from one"
      }
    }
  }
}
