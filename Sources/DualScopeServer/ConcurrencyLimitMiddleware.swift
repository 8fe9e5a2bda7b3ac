import HTTPTypes
import Hummingbird

/// Bounded concurrency: at most `limit` requests are handled at once; the rest answer 503 with
/// Retry-After at once, instead of queueing without bound.
struct ConcurrencyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
  let gauge: RequestGauge

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    guard gauge.enter() else {
      throw APIError(.serviceUnavailable, "too many requests at once; retry shortly", headers: [.retryAfter: "1"])
    }
    defer { gauge.leave() }
    return try await next(request, context)
  }
}
