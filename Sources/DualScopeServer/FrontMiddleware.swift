import Foundation
import HTTPTypes
import Hummingbird

/// The outermost layer: turns errors into JSON answers, adds the security headers to every
/// answer, and writes the access-log line (method, path, status, size, time: never a body or a
/// query string).
struct FrontMiddleware<Context: RequestContext>: RouterMiddleware {
  let accessLog: Bool

  static var securityHeaders: HTTPFields {
    [
      .contentSecurityPolicy:
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      HTTPField.Name("X-Content-Type-Options")!: "nosniff",
      HTTPField.Name("Referrer-Policy")!: "no-referrer",
      HTTPField.Name("X-Frame-Options")!: "DENY",
      .cacheControl: "no-store",
    ]
  }

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    var response: Response
    do {
      response = try await next(request, context)
    } catch let error as APIError {
      response = APIError.response(error.status, error.message, headers: error.headers)
    } catch let error as HTTPError {
      response = APIError.response(error.status, Self.message(error), headers: error.headers)
    } catch let error as any HTTPResponseError {
      response = APIError.response(error.status, Self.message(error))
    } catch {
      response = APIError.response(.internalServerError, "internal error")
    }
    for field in Self.securityHeaders where response.headers[field.name] == nil {
      response.headers.append(field)
    }
    if accessLog {
      let ms = Double((ContinuousClock.now - start).components.attoseconds / 1_000_000_000_000) / 1000
        + Double((ContinuousClock.now - start).components.seconds) * 1000
      let size = response.body.contentLength.map(String.init) ?? "-"
      let line = "\(request.method.rawValue) \(request.uri.path) \(response.status.code) \(size) \(String(format: "%.2f", ms))ms\n"
      FileHandle.standardError.write(Data(line.utf8))
    }
    return response
  }

  /// The message of an error from Hummingbird itself (an unknown route, a body too large).
  static func message(_ error: any HTTPResponseError) -> String {
    if let e = error as? APIError { return e.message }
    if let e = error as? HTTPError, let body = e.body { return body }
    switch error.status {
    case .notFound: return "no such resource"
    case .contentTooLarge: return "request body too large"
    case .methodNotAllowed: return "method not allowed"
    default: return error.status.reasonPhrase
    }
  }
}
