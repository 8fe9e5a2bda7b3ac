import ArgumentParser
import DualScope
import Foundation

/// The one place where a command's errors become text on standard error and an exit status:
/// every error is rendered by ``DiagnosticRenderer``; a closed standard output (`| head`) ends
/// quietly with 0; anything else exits with 2.
enum Failure {
  static func guarding<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as ExitCode {
      throw error
    } catch let error as ValidationError {
      throw error
    } catch let error as AtomicOutputFile.WriteError where error.brokenPipe {
      StandardStreams.flush()
      Foundation.exit(ExitStatus.success)
    } catch {
      StandardStreams.error(DiagnosticRenderer(colour: Terminal.stderrColour).render(error: error))
      throw ExitCode(ExitStatus.usageOrDataError)
    }
  }
}
