import ArgumentParser
import DualScope
import Foundation

/// `dualscope`: classify research descriptions into knowledge-security risk fields.
@main
struct DualScopeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dualscope",
    abstract: "Find where sensitive knowledge sits: classify research descriptions into risk fields.",
    discussion: """
      Exit codes: 0 success; 1 the command found something it reports as a difference or a \
      miss (diff found changes, match found nothing, some batch records became errors); \
      2 usage or data error.
      """,
    version: ToolVersion.current,
    subcommands: [
      ClassifyCommand.self, ExplainCommand.self, EvaluateCommand.self, ValidateCommand.self, ScreenCommand.self,
      TaxonomyCommand.self, DiffCommand.self, BatchCommand.self, MapCommand.self, MatchCommand.self,
      CalibrateCommand.self, SuggestTermsCommand.self, ServeCommand.self,
    ]
  )

  /// Runs the command; usage errors exit with 2, and a closed pipe ends quietly.
  static func main() {
    signal(SIGPIPE, SIG_IGN)
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        exit(withError: error)
      }
      if let exit = error as? ExitCode {
        StandardStreams.flush()
        Foundation.exit(exit.rawValue)
      }
      if code == .validationFailure {
        StandardStreams.error(fullMessage(for: error) + "\n")
        Foundation.exit(ExitStatus.usageOrDataError)
      }
      exit(withError: error)
    }
  }
}
