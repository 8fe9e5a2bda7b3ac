import DualScope
import DualScopeServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// One classifier over the newest shipped release and the shipped regimes, built once for every test.
enum ServerFixture {
  static let classifier: Classifier = {
    do {
      return try Classifier(taxonomy: try ReleaseSpec.load(nil).taxonomy)
    } catch {
      fatalError("the shipped release does not load: \(error)")
    }
  }()

  /// The shipped regimes and lists, loaded once.
  static let rules: ScreeningRules = {
    do {
      return try ShippedScreening.load()
    } catch {
      fatalError("the shipped regimes do not load: \(error)")
    }
  }()

  static func service(_ change: (inout ServerConfiguration) -> Void = { _ in }) throws -> DualScopeService {
    var config = ServerConfiguration()
    config.accessLog = false
    config.port = 0
    change(&config)
    return try DualScopeService(classifier: classifier, screening: rules, configuration: config)
  }

  static func application(_ change: (inout ServerConfiguration) -> Void = { _ in }) throws -> some ApplicationProtocol {
    try service(change).application()
  }

  static let quantumText =
    "Scalable control electronics for superconducting qubits\n\nWe develop cryogenic control electronics for "
    + "superconducting transmon qubits and study quantum error correction on a quantum processor with "
    + "Josephson parametric amplifiers."

  static func jsonBody(_ object: [String: Any]) -> ByteBuffer {
    ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
  }

  static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

  static func decode(_ buffer: ByteBuffer) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))
  }
}
