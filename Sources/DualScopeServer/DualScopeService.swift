import DualScope
import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The HTTP service: the API under `/api/v1` and the self-check page at `/`. The classifier and
/// the screener are built once and shared by every request; the answers that never change (the
/// taxonomy, the page, the OpenAPI document) are encoded once.
public struct DualScopeService: Sendable {
  public let configuration: ServerConfiguration
  let classifier: Classifier
  let metadata: ResultMetadata
  /// Writes classify's answer by hand, the run metadata encoded once.
  let classificationWriter: ClassificationDocumentWriter
  let taxonomyJSON: ByteBuffer
  let healthJSON: ByteBuffer
  let gauge: RequestGauge
  /// The screener and what every screening result records; `nil` when the server screens
  /// nothing (its regimes do not fit the release): `POST screen` then answers 501.
  let screening: Screening?

  struct Screening: Sendable {
    let screener: Screener
    let metadata: ScreeningMetadata
  }

  /// A service over a classifier and, when given, regimes and lists that fit its release
  /// (``ScreeningRules/check(against:)`` finds nothing).
  public init(classifier: Classifier, screening rules: ScreeningRules? = nil, configuration: ServerConfiguration) throws {
    self.classifier = classifier
    self.configuration = configuration
    screening = try rules.map {
      Screening(screener: try Screener(rules: $0), metadata: ScreeningMetadata(taxonomy: classifier.taxonomy, rules: $0))
    }
    metadata = ResultMetadata(taxonomy: classifier.taxonomy, options: classifier.options)
    classificationWriter = try ClassificationDocumentWriter(metadata: metadata)
    taxonomyJSON = ByteBuffer(string: try ResultJSON.encode(TaxonomyView(classifier.taxonomy)) + "\n")
    let t = classifier.taxonomy
    healthJSON = ByteBuffer(
      string: "{\"status\":\"ok\",\"taxonomy\":{\"id\":\(JSONText.quoted(t.id)),\"version\":\(JSONText.quoted(t.version))},"
        + "\"tool\":{\"name\":\"dualscope\",\"version\":\(JSONText.quoted(ToolVersion.current))}}\n")
    gauge = RequestGauge(limit: configuration.maxConcurrentRequests)
  }

  /// The router with every route and the middleware.
  public func router() -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.middlewares.add(FrontMiddleware(accessLog: configuration.accessLog))
    router.middlewares.add(ConcurrencyLimitMiddleware(gauge: gauge))
    if let tokens = configuration.tokens {
      router.middlewares.add(BearerAuthMiddleware(tokens: BearerTokens(tokens)))
    }
    PageRoutes.add(to: router)
    let api = router.group("api/v1")
    api.get("healthz") { _, _ in Self.json(healthJSON) }
    api.get("openapi.json") { _, _ in Self.json(ByteBuffer(bytes: PackageResources.openapi_json)) }
    api.get("taxonomy") { _, _ in Self.json(taxonomyJSON) }
    api.post("classify") { request, _ in
      let body = try await readTextRequest(request)
      return Self.json(ByteBuffer(bytes: classificationWriter.encode(classifier.classify(body.text, metadata: body.context))))
    }
    api.post("explain") { request, _ in
      let body = try await readTextRequest(request)
      let document = ExplanationDocument(metadata: metadata, body: classifier.explain(body.text, metadata: body.context))
      return Self.json(ByteBuffer(string: try ResultJSON.encode(document, pretty: false) + "\n"))
    }
    api.post("batch") { request, _ in try await batch(request) }
    api.post("screen") { request, _ in try await screen(request) }
    return router
  }

  /// The application, listening where the configuration says.
  public func application(
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
  ) -> some ApplicationProtocol {
    Application(
      router: router(),
      server: .http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)))),
      configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
      onServerRunning: onServerRunning)
  }

  static func json(_ body: ByteBuffer, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
    var fields = headers
    fields[.contentType] = "application/json; charset=utf-8"
    return Response(status: status, headers: fields, body: .init(byteBuffer: body))
  }

  // MARK: Reading requests

  /// The body, refused with 413 beyond the limit (from Content-Length before reading any of it).
  func readBody(_ request: Request) async throws -> ByteBuffer {
    let limit = configuration.maxBodyBytes
    if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
      throw APIError(.contentTooLarge, "request body of \(length) bytes is over the limit of \(limit) bytes")
    }
    let seconds = configuration.readTimeoutSeconds
    do {
      // The whole body must arrive within the read timeout: a client trickling it holds no
      // place for longer.
      // A small body announced by Content-Length is usually whole already; read it directly.
      if let length = request.headers[.contentLength].flatMap({ Int($0) }), length <= 16 * 1024 {
        return try await request.body.collect(upTo: limit)
      }
      return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
        group.addTask { try await request.body.collect(upTo: limit) }
        group.addTask {
          try await Task.sleep(for: .seconds(seconds))
          return nil
        }
        defer { group.cancelAll() }
        guard let body = try await group.next(), let body else {
          throw APIError(.requestTimeout, "the request body did not arrive within \(seconds) seconds")
        }
        return body
      }
    } catch let error as HTTPError where error.status == .contentTooLarge {
      throw APIError(.contentTooLarge, "request body is over the limit of \(limit) bytes")
    }
  }

  /// The body of a request that must be JSON (415 for another Content-Type).
  func readJSONBody(_ request: Request) async throws -> ByteBuffer {
    if let type = request.headers[.contentType], !Self.isJSON(type) {
      throw APIError(.unsupportedMediaType, "expected Content-Type application/json, got '\(type)'")
    }
    return try await readBody(request)
  }

  /// A JSON body `{"text": "…"}`, with the record's `context` when it gives one.
  func readTextRequest(_ request: Request) async throws -> TextRequest {
    let body = try await readJSONBody(request)
    let decoded: TextRequest
    do {
      decoded = try body.withUnsafeReadableBytes { try TextRequest.decode($0) }
    } catch let error as TextRequestError {
      throw APIError(.badRequest, error.message)
    }
    try checkTextLength(decoded.text)
    return decoded
  }

  /// 413 for a text over the text limit.
  func checkTextLength(_ text: String) throws {
    let limit = configuration.maxTextBytes
    if text.utf8.count > limit {
      throw APIError(.contentTooLarge, "text of \(text.utf8.count) bytes is over the limit of \(limit) bytes")
    }
  }

  // MARK: Screening

  /// `POST screen`: the document `screen --format json` prints for the same inputs and release.
  func screen(_ request: Request) async throws -> Response {
    guard let screening else {
      let t = classifier.taxonomy
      throw APIError(
        .notImplemented, "this server screens nothing: its regimes do not fit taxonomy \(t.id) \(t.version)")
    }
    let body = try await readJSONBody(request)
    let decoded: ScreenRequest
    do {
      decoded = try body.withUnsafeReadableBytes { try ScreenRequest.decode($0) }
    } catch let error as TextRequestError {
      throw APIError(.badRequest, error.message)
    }
    try checkTextLength(decoded.text)
    if decoded.text.allSatisfy(\.isWhitespace) {
      throw APIError(.badRequest, "the text is empty: give a project description in 'text'")
    }
    let input: ScreeningInput
    do throws(ScreeningInputError) {
      input = try ScreeningInput(
        countries: screening.screener.rules.countries, partnerCountries: decoded.partnerCountries,
        partnerOrganisations: decoded.partnerOrganisations, nationality: decoded.personNationality,
        funding: decoded.funding, date: decoded.date, names: .jsonKeys)
    } catch {
      throw APIError(.badRequest, error.message)
    }
    var classifier = self.classifier
    if let cut = decoded.cut {
      var options = classifier.options
      options.cut = cut
      classifier = Classifier(index: classifier.index, options: options)
    }
    let classification = classifier.classify(decoded.text)
    let result = screening.screener.screen(text: decoded.text, classification: classification, input: input)
    let document = ScreeningDocument(metadata: screening.metadata, classification: classification, screening: result)
    return Self.json(ByteBuffer(string: try ResultJSON.encode(document, pretty: false) + "\n"))
  }

  static func isJSON(_ contentType: String) -> Bool {
    let media = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    return media == "application/json"
  }

  // MARK: Batch

  /// `POST batch`: a CSV or JSONL body, every record answered by one JSON line.
  func batch(_ request: Request) async throws -> Response {
    let media = request.headers[.contentType]?.split(separator: ";").first
      .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    let format: InputFormat
    switch media {
    case "text/csv", "text/tab-separated-values": format = .csv
    case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines": format = .jsonl
    default:
      throw APIError(
        .unsupportedMediaType,
        "expected Content-Type text/csv or application/x-ndjson, got '\(media ?? "none")'")
    }
    let query = request.uri.queryParameters
    let list = { (name: String, fallback: [String]) -> [String] in
      guard let value = query.get(name) else { return fallback }
      return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    let layout = RecordLayout(
      idColumn: query.get("id_column") ?? "id", textColumns: list("text_columns", ["title", "abstract"]),
      carryColumns: list("carry_columns", []))
    if layout.textColumns.isEmpty { throw APIError(.badRequest, "text_columns names no column") }
    let body = try await readBody(request)
    let bytes = body.getBytes(at: body.readerIndex, length: body.readableBytes) ?? []
    let input = PortfolioInput(
      inputs: ["request"], inputFormat: format, layout: layout, threads: configuration.threads)
    let classifier = self.classifier
    let outcome: BatchOutcome = try await Self.offloaded {
      let opened: OpenedInput
      do {
        opened = try OpenedInput.inMemory(bytes, name: "request", format: format, layout: layout, chunkBytes: input.chunkBytes)
      } catch let error as SetupError {
        throw APIError(.badRequest, error.message)
      }
      let runner = BatchRunner(classifier: classifier, options: BatchOptions(input: input, format: .jsonl))
      let sink = BatchResponseSink(carry: layout.carryColumns)
      let summary = try runner.run([opened], into: sink)
      return BatchOutcome(bytes: sink.bytes, counts: summary.counts)
    }
    let t = classifier.taxonomy
    let headers: HTTPFields = [
      .contentType: "application/x-ndjson; charset=utf-8",
      HTTPField.Name("DualScope-Records")!: String(outcome.counts.records),
      HTTPField.Name("DualScope-Errors")!: String(outcome.counts.errors),
      HTTPField.Name("DualScope-Taxonomy")!: "\(t.id) \(t.version) \(t.contentHash)",
    ]
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: outcome.bytes)))
  }

  struct BatchOutcome: Sendable {
    var bytes: [UInt8]
    var counts: BatchCounts
  }

  /// Runs blocking work (the batch pipeline and its worker threads) off the request executor.
  static func offloaded<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(with: Result { try body() })
      }
    }
  }
}
