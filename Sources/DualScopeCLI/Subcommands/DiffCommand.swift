import ArgumentParser
import DualScope
import DualScopeReports
import Foundation

/// `dualscope diff OLD NEW`: what a taxonomy revision changes, and what it would do to a portfolio.
struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare two taxonomy releases: areas and fields added, removed, renamed, moved, split, merged, and changed terms.",
    discussion: """
      OLD and NEW are release folders, versions of shipped releases (2024.1), or git:REV:PATH to \
      read a release folder as it was at a git revision (git:HEAD~1:Taxonomy/2025.1).

      With --impact, the portfolio (CSV or JSONL, gzip allowed, as batch reads it) is classified \
      with both releases, and the report adds how many documents gain or lose each area and field, \
      the level changes and examples with the evidence that changed; --impact-output writes every \
      changed document as a JSON line.

      Exit codes: 0 the releases are the same; 1 they differ; 2 usage or data error (like diff(1)).
      """)

  @Argument(help: ArgumentHelp("The earlier release: a folder, a shipped version or git:REV:PATH.", valueName: "old"))
  var old: String

  @Argument(help: ArgumentHelp("The later release: a folder, a shipped version or git:REV:PATH.", valueName: "new"))
  var new: String

  @Option(help: "Output format: text, markdown or json.")
  var format: DiffFormat = .text

  @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of standard output.")
  var output: String?

  @Option(help: ArgumentHelp("Classify this portfolio with both releases and report the difference.", valueName: "portfolio"))
  var impact: String?

  @OptionGroup(title: "With --impact") var portfolio: PortfolioOptions

  @Option(help: ArgumentHelp("With --impact: write every changed document as a JSON line to this file.", valueName: "file.jsonl"))
  var impactOutput: String?

  @Option(help: "With --impact: how many example documents the report shows.")
  var examples: Int = 5

  @OptionGroup(title: "With --impact: re-screen each record under both releases' regimes")
  var screening: ScreeningColumnOptions

  func validate() throws {
    if impact == nil && impactOutput != nil { throw ValidationError("--impact-output needs --impact") }
    if examples < 0 { throw ValidationError("--examples must be 0 or more") }
    if !screening.columns.isEmpty && impact == nil { throw ValidationError("the screening columns need --impact") }
    if screening.regimeOptions.regimes != nil {
      throw ValidationError("diff screens with each release's own regimes; --regimes does not apply")
    }
  }

  func run() throws {
    let identical = try Failure.guarding { () throws -> Bool in
      let a = try ReleaseSpec.load(old).taxonomy
      let b = try ReleaseSpec.load(new).taxonomy
      let diff = TaxonomyDiff(from: a, to: b)
      let lists = screening.regimeOptions.lists
      let rulesA = try ReleaseSpec.screening(old, extraLists: lists)
      let rulesB = try ReleaseSpec.screening(new, extraLists: lists)
      let screeningDiff = rulesA == nil && rulesB == nil ? nil : ScreeningDiff(from: rulesA, to: rulesB)
      let calibrationDiff = CalibrationDiff(from: a.calibration, to: b.calibration)
      let impactReport = try impact.map { try measureImpact($0, a, b, rulesA, rulesB) }
      let rendered: String
      switch format {
      case .text:
        rendered = DiffTextRenderer(colour: output == nil && Terminal.stdoutColour).render(
          diff, calibration: calibrationDiff, screening: screeningDiff, impact: impactReport)
      case .markdown:
        rendered = DiffMarkdownRenderer().render(
          diff, calibration: calibrationDiff, screening: screeningDiff, impact: impactReport)
      case .json:
        rendered =
          try ResultJSON.encode(
            DiffDocument(diff, calibration: calibrationDiff, screening: screeningDiff, impact: impactReport)) + "\n"
      }
      try OutputDestination(path: output).write(rendered)
      return diff.isEmpty && (screeningDiff?.isEmpty ?? true) && (calibrationDiff?.isEmpty ?? true)
    }
    if !identical { throw ExitCode(ExitStatus.found) }
  }

  /// Runs the portfolio through both releases; writes the changed documents as JSON lines.
  private func measureImpact(
    _ path: String, _ a: Taxonomy, _ b: Taxonomy, _ rulesA: ScreeningRules?, _ rulesB: ScreeningRules?
  ) throws -> DiffImpact {
    var analysis = try ImpactAnalysis(old: try Classifier(taxonomy: a), new: try Classifier(taxonomy: b), examples: examples)
    let columns = screening.columns
    if !columns.isEmpty {
      guard let countries = (rulesB ?? rulesA)?.countries else {
        throw CLIError("neither release has regimes: there is nothing to re-screen with")
      }
      let day = try RegimeOptions.day(screening.date)
      func side(_ rules: ScreeningRules?, _ taxonomy: Taxonomy) throws -> PortfolioScreening {
        let rules = rules ?? ScreeningRules.empty(countries: countries)
        return PortfolioScreening(screener: try RegimeOptions.screener(rules, for: taxonomy), columns: columns, date: day)
      }
      analysis.screening = (try side(rulesA, a), try side(rulesB, b))
    }
    let lines = try impactOutput.map { try ChangedDocumentWriter(path: $0, old: a.version, new: b.version) }
    do {
      let report = try analysis.run(portfolio.input([path])) { try lines?.write($0) }
      try lines?.commit()
      return report
    } catch {
      lines?.abort()
      throw error
    }
  }
}

/// `--format` of `diff`.
enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case markdown
  case json
}
