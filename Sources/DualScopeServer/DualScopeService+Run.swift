import Dispatch
import Foundation
import Hummingbird
import NIOCore
import NIOPosix

extension DualScopeService {
  /// Runs the server until SIGTERM or SIGINT, then lets requests in flight finish. Prints where
  /// it listens on standard error. Blocks the calling thread (call it from the main thread);
  /// answers the error that stopped the server, if any.
  public func runUntilSignalled() -> (any Error)? {
    _ = concurrencyOnEventLoops
    let app = application { channel in
      let port = channel.localAddress?.port ?? configuration.port
      FileHandle.standardError.write(Data("listening on http://\(configuration.host):\(port)\n".utf8))
    }
    let done = DispatchSemaphore(value: 0)
    let outcome = Outcome()
    Task {
      do {
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
      } catch {
        outcome.set(error)
      }
      done.signal()
    }
    done.wait()
    return outcome.error
  }
}

/// Swift concurrency runs on NIO's event loops (as many as cores): a request's handler runs on
/// the loop that read it instead of hopping to a pool of its own threads, and two busy pools no
/// longer take turns on the same cores. Takes effect only before any task has run (false
/// otherwise); NIO allows one attempt a process, which this global's one-time initialisation
/// guarantees however often a server is run.
private let concurrencyOnEventLoops: Bool =
  NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

/// The error a server stopped with, handed from its task to the waiting thread.
final class Outcome: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: (any Error)?

  func set(_ error: any Error) { lock.withLock { stored = error } }
  var error: (any Error)? { lock.withLock { stored } }
}
