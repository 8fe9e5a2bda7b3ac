import DualScopeTestSupport
import Foundation
import XCTest

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The built `dualscope serve` running on a free loopback port, for end-to-end tests.
final class RunningServer {
  let process = Process()
  let port: Int
  private let errors = Pipe()
  private let log = LogBox()

  init(_ arguments: [String] = []) throws {
    process.executableURL = CommandRunner.productsDirectory.appendingPathComponent("dualscope")
    process.arguments = ["serve", "--port", "0"] + arguments
    process.currentDirectoryURL = CommandRunner.packageRoot
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let log = self.log
    errors.fileHandleForReading.readabilityHandler = { handle in log.append(handle.availableData) }
    let deadline = Date().addingTimeInterval(30)
    var found: Int?
    while found == nil && Date() < deadline && process.isRunning {
      if let range = log.text.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
        found = Int(log.text[range].split(separator: ":").last!)
      } else {
        Thread.sleep(forTimeInterval: 0.05)
      }
    }
    guard let found else {
      process.terminate()
      throw XCTSkip("the server did not start: \(log.text)")
    }
    port = found
  }

  var base: String { "http://127.0.0.1:\(port)" }
  var stderr: String { log.text }

  /// Sends SIGTERM and waits for the exit status.
  func stop() -> Int32 {
    if process.isRunning { kill(process.processIdentifier, SIGTERM) }
    process.waitUntilExit()
    errors.fileHandleForReading.readabilityHandler = nil
    return process.terminationStatus
  }

  /// A request over real HTTP; answers the status and the body.
  func request(_ path: String, method: String = "GET", body: Data? = nil, type: String? = nil) throws -> (Int, Data) {
    var request = URLRequest(url: URL(string: base + path)!)
    request.httpMethod = method
    request.httpBody = body
    if let type { request.setValue(type, forHTTPHeaderField: "Content-Type") }
    let done = DispatchSemaphore(value: 0)
    let box = ResponseBox()
    URLSession.shared.dataTask(with: request) { data, response, error in
      box.status = (response as? HTTPURLResponse)?.statusCode ?? -1
      box.data = data ?? Data()
      box.error = error
      done.signal()
    }.resume()
    _ = done.wait(timeout: .now() + 30)
    if let error = box.error { throw error }
    return (box.status, box.data)
  }
}

private final class ResponseBox: @unchecked Sendable {
  var status = -1
  var data = Data()
  var error: (any Error)?
}

final class LogBox: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  func append(_ d: Data) { lock.withLock { data.append(d) } }
  var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
