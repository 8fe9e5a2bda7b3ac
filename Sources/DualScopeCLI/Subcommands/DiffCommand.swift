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

  func validate() throws {
    if impact == nil && impactOutput != nil { throw ValidationError("--impact-output needs --impact") }
    if examples < 0 { throw ValidationError("--examples must be 0 or more") }
  }

  func run() throws {
    let diff = try Failure.guarding { () throws -> TaxonomyDiff in
      let a = try ReleaseSpec.load(old).taxonomy
      let b = try ReleaseSpec.load(new).taxonomy
      let diff = TaxonomyDiff(from: a, to: b)
      let impactReport = try impact.map { try measureImpact($0, a, b) }
      let rendered: String
      switch format {
      case .text:
        rendered = DiffTextRenderer(colour: output == nil && Terminal.stdoutColour).render(diff, impact: impactReport)
      case .markdown:
        rendered = DiffMarkdownRenderer().render(diff, impact: impactReport)
      case .json:
        rendered = try ResultJSON.encode(DiffDocument(diff, impact: impactReport)) + "\n"
      }
      try OutputDestination(path: output).write(rendered)
      return diff
    }
    if !diff.isEmpty { throw ExitCode(ExitStatus.found) }
  }

  /// Runs the portfolio through both releases; writes the changed documents as JSON lines.
  private func measureImpact(_ path: String, _ a: Taxonomy, _ b: Taxonomy) throws -> DiffImpact {
    let analysis = try ImpactAnalysis(old: try Classifier(taxonomy: a), new: try Classifier(taxonomy: b), examples: examples)
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
