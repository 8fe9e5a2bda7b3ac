import ArgumentParser
import DualScope
import DualScopeReports

/// `dualscope validate`: check a taxonomy release and report every problem with file:line:column.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a taxonomy release; report every problem with its file, line and column.",
    discussion: "Exit codes: 0 valid; 2 invalid (diagnostics on standard error) or unreadable.")

  @Argument(help: "A release folder, shipped version or git:REV:PATH (default: the newest shipped release).")
  var path: String?

  @Flag(help: "Also show warnings (for instance a term listed in several fields).")
  var warnings = false

  func run() throws {
    var options = TaxonomyOptions()
    options.taxonomy = path
    let loaded = try Failure.guarding { try options.load(showWarnings: warnings) }
    let t = loaded.taxonomy
    let warningCount = loaded.warnings.count
    StandardStreams.out(
      "\(t.origin): valid: taxonomy \(t.id) \(t.version), \(t.areas.count) areas, \(t.fields.count) fields, "
        + "\(t.termCount) terms, \(warningCount) warning\(warningCount == 1 ? "" : "s")\n")
    StandardStreams.flush()
  }
}
