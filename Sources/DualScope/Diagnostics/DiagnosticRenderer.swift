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

  /// Source lines longer than this many bytes are not shown (a minified or hostile file
  /// would repeat a huge line under every diagnostic on it).
  public static let maxExcerpt = 1_000

  /// Renders every diagnostic, each followed by its source excerpt, one block after another.
  /// Each file is split into lines once, so many diagnostics on a large file stay cheap.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    var lines: [String: [Substring]] = [:]
    var out = ""
    for diagnostic in diagnostics {
      let file = diagnostic.location.file
      if lines[file] == nil, let text = sources[file] { lines[file] = Self.lines(of: text) }
      out += render(diagnostic, lines: lines[file])
    }
    return out
  }

  /// Renders one diagnostic and, where the source is known, its line and a caret.
  public func render(_ d: Diagnostic) -> String {
    render(d, lines: sources[d.location.file].map(Self.lines(of:)))
  }

  private func render(_ d: Diagnostic, lines: [Substring]?) -> String {
    let loc = d.location
    var out = "\(loc.file):\(loc.line):\(loc.column): \(label(d.severity)): \(d.message)\n"
    if let lines, loc.line >= 1, loc.line <= lines.count {
      var line = lines[loc.line - 1]
      if line.hasSuffix("\r") { line = line.dropLast() }
      if line.utf8.count <= Self.maxExcerpt {
        out += line + "\n"
        let indent = line.unicodeScalars.prefix(max(0, loc.column - 1)).map { $0 == "\t" ? "\t" : " " }
        out += indent.joined() + "^\n"
      }
    }
    return out
  }

  /// A record that could not be read: `source:line: error: message`.
  public func render(_ error: RecordError) -> String {
    "\(error.source):\(error.line): \(label(.error)): \(error.message)\n"
  }

  /// Any error a run can end with, as the one line (or block) a person reads: taxonomy
  /// diagnostics with their source lines, `file: error: message` for setup errors, and the
  /// error's own description for the rest.
  public func render(error: any Error) -> String {
    switch error {
    case let e as TaxonomyLoadError:
      var renderer = self
      renderer.sources.merge(e.sources) { a, _ in a }
      let count = e.errors.count
      return renderer.render(e.diagnostics) + "\(count) error\(count == 1 ? "" : "s") in the taxonomy\n"
    case let e as SetupError:
      return (e.file.map { "\($0): " } ?? "") + "\(label(.error)): \(e.message)\n"
    case let e as RecordError:
      return render(e)
    default:
      return "\(label(.error)): \(error)\n"
    }
  }

  private func label(_ severity: Diagnostic.Severity) -> String {
    switch (severity, colour) {
    case (.error, true): "\u{1B}[1;31merror\u{1B}[0m"
    case (.warning, true): "\u{1B}[1;33mwarning\u{1B}[0m"
    case (let s, false): s.rawValue
    }
  }

  static func lines(of text: String) -> [Substring] {
    text.split(separator: "\n", omittingEmptySubsequences: false)
  }
}
