import HTTPTypes
import Hummingbird

/// Bearer-token authentication for the API (healthz and the OpenAPI document stay open).
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
  let tokens: BearerTokens

  static func isOpen(_ path: String) -> Bool {
    path == "/api/v1/healthz" || path == "/api/v1/openapi.json" || !path.hasPrefix("/api/")
  }

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    if Self.isOpen(request.uri.path) { return try await next(request, context) }
    let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"dualscope\""]
    guard let header = request.headers[.authorization], header.utf8.count > 7,
      header.prefix(7).lowercased() == "bearer "
    else { throw APIError(.unauthorized, "a bearer token is required", headers: challenge) }
    guard tokens.accepts(header.utf8.dropFirst(7)) else {
      throw APIError(.unauthorized, "the bearer token is not accepted", headers: challenge)
    }
    return try await next(request, context)
  }
}
