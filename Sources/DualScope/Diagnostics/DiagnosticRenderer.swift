/// Renders diagnostics the way compilers do: the location line, then the source line and a caret.
///
/// ```
/// Taxonomy/2025.1/quantum.yaml:12:7: error: unknown key 'trems' (did you mean 'terms'?)
///       trems:
///       ^
/// ```
public struct DiagnosticRenderer: Sendable {
  /// File text by the file name used in the diagnostics' locations.
  public var sources: [String: String]
  /// Wrap `error:` and `warning:` in ANSI colours.
  public var colour: Bool

  public init(sources: [String: String] = [:], colour: Bool = false) {
    self.sources = sources
    self.colour = colour
  }

  /// Renders every diagnostic, each followed by its source excerpt, one block after another.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    var out = ""
    for diagnostic in diagnostics {
      out += render(diagnostic)
    }
    return out
  }

  /// Renders one diagnostic and, where the source is known, its line and a caret.
  public func render(_ d: Diagnostic) -> String {
    let loc = d.location
    let label: String
    switch (d.severity, colour) {
    case (.error, true): label = "\u{1B}[1;31merror\u{1B}[0m"
    case (.warning, true): label = "\u{1B}[1;33mwarning\u{1B}[0m"
    case (let s, false): label = s.rawValue
    }
    var out = "\(loc.file):\(loc.line):\(loc.column): \(label): \(d.message)\n"
    if let text = sources[loc.file], let line = Self.line(loc.line, of: text) {
      out += line + "\n"
      let indent = line.unicodeScalars.prefix(max(0, loc.column - 1)).map { $0 == "\t" ? "\t" : " " }
      out += indent.joined() + "^\n"
    }
    return out
  }

  /// The 1-based line of a text, without its line break.
  static func line(_ number: Int, of text: String) -> String? {
    guard number >= 1 else { return nil }
    var current = 1
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if current == number {
        return line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
      }
      current += 1
    }
    return nil
  }
}
