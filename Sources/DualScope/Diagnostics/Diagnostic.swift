/// One problem found while reading a taxonomy or an input: where, how bad, and what.
///
/// Diagnostics are data; ``DiagnosticRenderer`` is the one place that turns them into text.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// How bad a problem is: an error stops the load, a warning does not.
  public enum Severity: String, Sendable, Hashable, Codable {
    case error
    case warning
  }

  public var severity: Severity
  public var location: SourceLocation
  public var message: String

  public init(_ severity: Severity, _ message: String, at location: SourceLocation) {
    self.severity = severity
    self.message = message
    self.location = location
  }

  /// `file:line:column: error: message`, without the source excerpt.
  public var description: String {
    "\(location.file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
  }

  public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
    (a.location, a.message) < (b.location, b.message)
  }
}

/// A taxonomy that could not be loaded: every error found, plus the warnings.
public struct TaxonomyLoadError: Error, Sendable, CustomStringConvertible {
  /// Errors and warnings, sorted by file, line and column.
  public let diagnostics: [Diagnostic]
  /// The text of each file read, so the renderer can show the offending line.
  public let sources: [String: String]

  public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

  public var description: String {
    DiagnosticRenderer(sources: sources).render(diagnostics)
  }
}
