import DualScope

/// Everything `dualscope serve` is told: where to listen, who may call, and the limits.
public struct ServerConfiguration: Sendable {
  public var host = "127.0.0.1"
  public var port = 8080
  /// Event-loop threads and the worker threads of a batch request.
  public var threads = 2
  /// Bearer tokens accepted on /api/v1 (except healthz and the OpenAPI document); `nil`: no
  /// authentication (loopback, or `--no-auth`).
  public var tokens: [String]?
  /// Request bodies above this many bytes answer 413.
  public var maxBodyBytes = 1 << 20
  /// A `text` above this many UTF-8 bytes answers 413.
  public var maxTextBytes = 256 * 1024
  /// Requests handled at once; more answer 503 with Retry-After.
  public var maxConcurrentRequests = 256
  /// Seconds a connection may stay idle between requests.
  public var idleTimeoutSeconds = 30
  /// Seconds allowed for a request body to arrive whole (408 beyond); a body of at most 16 KiB
  /// announced by Content-Length is read without the timer.
  public var readTimeoutSeconds = 10
  /// Print one access-log line a request on standard error.
  public var accessLog = true

  public init() {}

  /// Whether `host` is a loopback address (or name).
  public static func isLoopback(_ host: String) -> Bool {
    let h = host.lowercased()
    return h == "localhost" || h == "::1" || h == "[::1]" || h.hasPrefix("127.")
  }
}
