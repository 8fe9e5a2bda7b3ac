import ArgumentParser
import DualScope
import DualScopeServer
import Foundation

/// `dualscope serve`: the HTTP API and the self-check page.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the HTTP API (/api/v1) and the self-check page (/).",
    discussion: """
      Listens on 127.0.0.1 unless told otherwise. Any other address needs --token-file (bearer \
      tokens, one a line) or an explicit --no-auth, else the command refuses to start. Submitted \
      texts are never written to disk or logs; the access log on standard error records method, \
      path, status, size and time only. SIGTERM or SIGINT stops accepting connections and lets \
      requests in flight finish. Endpoints: docs/serving.md and /api/v1/openapi.json.
      Exit codes: 0 stopped by a signal; 2 usage error or the server could not start.
      """)

  @Option(help: "The address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "The port to listen on (0: any free port, printed on standard error).")
  var port = 8080

  @OptionGroup var taxonomy: TaxonomyOptions

  @OptionGroup(title: "For POST screen") var regimeOptions: RegimeOptions

  @Option(help: "Worker threads for a batch request (default: the number of cores).")
  var threads: Int?

  @Option(help: "A file of bearer tokens, one a line (at least 16 characters each); required on a non-loopback host unless --no-auth.")
  var tokenFile: String?

  @Flag(help: "Serve without authentication on a non-loopback host (behind a proxy that authenticates).")
  var noAuth = false

  @Option(help: "Largest request body in bytes; larger bodies answer 413.")
  var maxBody = 1 << 20

  @Option(help: "Largest text in bytes for classify and explain; longer texts answer 413.")
  var maxText = 256 * 1024

  @Option(help: "Requests handled at once; more answer 503 with Retry-After.")
  var maxConcurrent = 256

  @Option(help: "Seconds a connection may stay idle before it is closed.")
  var idleTimeout = 30

  @Option(help: "Seconds a request body may take to arrive whole; slower bodies answer 408.")
  var readTimeout = 10

  @Flag(help: "No access log on standard error.")
  var quiet = false

  func validate() throws {
    if !ServerConfiguration.isLoopback(host) && tokenFile == nil && !noAuth {
      throw ValidationError(
        "--host \(host) is not a loopback address: give --token-file FILE (bearer tokens) or, behind an authenticating proxy, --no-auth")
    }
    if tokenFile != nil && noAuth { throw ValidationError("--token-file and --no-auth exclude each other") }
    if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
    if let t = threads, t < 1 || t > 256 { throw ValidationError("--threads must be between 1 and 256") }
    if maxBody < 1 { throw ValidationError("--max-body must be at least 1") }
    if maxText < 1 { throw ValidationError("--max-text must be at least 1") }
    if maxConcurrent < 1 { throw ValidationError("--max-concurrent must be at least 1") }
    if readTimeout < 1 { throw ValidationError("--read-timeout must be at least 1") }
    if idleTimeout < 1 { throw ValidationError("--idle-timeout must be at least 1") }
  }

  func run() throws {
    let classifier = try Failure.guarding { try Classifier(taxonomy: try taxonomy.load().taxonomy) }
    let rules = try screeningRules(for: classifier.taxonomy)
    let service = try Failure.guarding { () throws -> DualScopeService in
      var config = ServerConfiguration()
      config.host = host
      config.port = port
      config.threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
      config.tokens = try tokenFile.map { try BearerTokens.read(file: $0) }
      config.maxBodyBytes = maxBody
      config.maxTextBytes = maxText
      config.maxConcurrentRequests = maxConcurrent
      config.idleTimeoutSeconds = idleTimeout
      config.readTimeoutSeconds = readTimeout
      config.accessLog = !quiet
      return try DualScopeService(classifier: classifier, screening: rules, configuration: config)
    }
    let failure = service.runUntilSignalled()
    if let failure {
      StandardStreams.error("error: the server stopped: \(failure)\n")
      throw ExitCode(ExitStatus.usageOrDataError)
    }
  }

  /// The regimes and lists `POST screen` uses: those of `--regimes` or the shipped ones, with the
  /// `--lists` folders. Regimes that do not fit the release stop the start when they were asked
  /// for; the shipped ones that do not fit (an older `--taxonomy`) leave screening off, with a note.
  private func screeningRules(for release: Taxonomy) throws -> ScreeningRules? {
    let rules = try regimeOptions.rules()
    if rules.check(against: release).isEmpty { return rules }
    if regimeOptions.regimes != nil || !regimeOptions.lists.isEmpty {
      // Prints what does not fit and exits 2.
      _ = try RegimeOptions.screener(rules, for: release)
    }
    StandardStreams.error(
      "note: the shipped regimes do not fit taxonomy \(release.version): POST /api/v1/screen answers 501\n")
    return nil
  }
}
