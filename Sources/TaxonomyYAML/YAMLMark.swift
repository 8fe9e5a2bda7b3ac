/// A position in a YAML source: 1-based line and 1-based column.
///
/// Columns count Unicode scalars (characters as libyaml counts them), not
/// bytes, so a line starting with `título: x` puts `x` at column 9. A UTF-8
/// byte order mark at the start of the file takes no column.
public struct YAMLMark: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The 1-based line number.
  public var line: Int
  /// The 1-based column, in Unicode scalars.
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (lhs: YAMLMark, rhs: YAMLMark) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }

  /// `line:column`, as used in diagnostics.
  public var description: String { "\(line):\(column)" }
}
