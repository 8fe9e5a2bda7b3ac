import DualScopeTestSupport
import Foundation
import XCTest

/// A test case with a fresh temporary folder for each test, removed after it.
class FolderTestCase: XCTestCase {
  private(set) var folder: TemporaryFolder!

  /// The folder of the running test.
  var directory: URL { folder.url }

  override func setUpWithError() throws {
    try super.setUpWithError()
    folder = try TemporaryFolder("ds-\(Self.self)")
  }

  override func tearDownWithError() throws {
    folder.remove()
    try super.tearDownWithError()
  }

  /// Writes `bytes` to a file in the folder and returns its path.
  func file(_ name: String, _ bytes: [UInt8]) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }
}
