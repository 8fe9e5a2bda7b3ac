import Hummingbird
import NIOCore

/// An error answered as JSON, `{"error": "…"}`, with its status.
struct APIError: HTTPResponseError {
  let status: HTTPResponse.Status
  let message: String
  var headers: HTTPFields = [:]

  init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
    self.status = status
    self.message = message
    self.headers = headers
  }

  func response(from request: Request, context: some RequestContext) throws -> Response {
    APIError.response(status, message, headers: headers)
  }

  static func response(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Response {
    var j = "{\"error\":"
    j += JSONText.quoted(message)
    j += "}\n"
    var fields = headers
    fields[.contentType] = "application/json; charset=utf-8"
    return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: j)))
  }
}
