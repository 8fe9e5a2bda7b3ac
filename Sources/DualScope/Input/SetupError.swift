/// A run that cannot start or cannot finish: an unreadable input, a missing column, an output
/// that cannot be written. Rendered by ``DiagnosticRenderer`` like every other error.
public struct SetupError: Error, CustomStringConvertible, Sendable {
  /// What went wrong, for callers that react to it; new kinds break no caller.
  public struct Kind: Hashable, Sendable, CustomStringConvertible {
    public let description: String
    init(_ name: String) { description = name }

    /// An input that cannot be opened or read.
    public static let unreadableInput = Kind("unreadable-input")
    /// The input lacks a column the layout names.
    public static let missingColumns = Kind("missing-columns")
    /// An input that is not what the command reads (a batch result that is not one).
    public static let wrongInput = Kind("wrong-input")
    /// An output that cannot be written.
    public static let unwritableOutput = Kind("unwritable-output")
    /// A check of the library's own bookkeeping failed.
    public static let `internal` = Kind("internal")
  }

  public let kind: Kind
  public let message: String
  /// The file the error is about, when there is one.
  public let file: String?

  public init(_ kind: Kind, _ message: String, file: String? = nil) {
    self.kind = kind
    self.message = message
    self.file = file
  }

  public var description: String { file.map { "\($0): \(message)" } ?? message }

  /// The message for a layout column the input lacks, listing the columns it has.
  static func missingColumns(_ missing: [String], in stream: RecordStream) -> SetupError {
    let what = stream.format == .csv ? "column" : "key"
    return SetupError(
      .missingColumns,
      "no \(what)\(missing.count == 1 ? "" : "s") " + missing.map { "'\($0)'" }.joined(separator: ", ")
        + "; the input has: " + (stream.columns.isEmpty ? "(none)" : stream.columns.joined(separator: ", ")),
      file: stream.path)
  }
}
