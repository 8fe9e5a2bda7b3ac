/// One diagnostic: a position in a file and what is wrong there.
public struct YAMLProblem: Sendable, Hashable, CustomStringConvertible {
  /// The file name as given to the reader.
  public var file: String
  public var mark: YAMLMark
  /// Lower-case English, no trailing period.
  public var message: String

  public init(file: String, mark: YAMLMark, message: String) {
    self.file = file
    self.mark = mark
    self.message = message
  }

  /// `file:line:column: error: message`.
  public var description: String {
    "\(file):\(mark.line):\(mark.column): error: \(message)"
  }
}

/// The reason a document could not be read: one or more problems in source order.
///
/// Duplicate keys are all collected; any other problem stops reading, so it
/// is the last one.
public struct YAMLError: Error, Sendable, CustomStringConvertible {
  /// What went wrong. Internal so new cases break no caller.
  enum Kind: Sendable, Hashable {
    case syntax
    case duplicateKey
    case tooDeep
    case aliasExpansion
    case tooManyNodes
    case tooLarge
    case invalidUTF8
    case tabIndentation
    case multipleDocuments
    case nulByte
    case unknownAlias
    case recursiveAlias
  }

  /// At least one problem, in source order.
  public var problems: [YAMLProblem]
  /// The kind of the last (stopping) problem, or `.duplicateKey`.
  var kind: Kind

  init(problems: [YAMLProblem], kind: Kind) {
    precondition(!problems.isEmpty, "a YAMLError needs at least one problem")
    self.problems = problems
    self.kind = kind
  }

  init(_ kind: Kind, file: String, mark: YAMLMark, message: String) {
    self.init(problems: [YAMLProblem(file: file, mark: mark, message: message)], kind: kind)
  }

  /// The problems, one a line.
  public var description: String {
    problems.map(\.description).joined(separator: "\n")
  }
}
