import Foundation

/// Headless Chromium for tests of the pages DualScope makes (the HTML map, the self-check page).
public enum HeadlessChromium {
  /// The browser on `PATH`, or nil (the tests that need it skip).
  public static var path: String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for name in ["chromium", "chromium-browser", "google-chrome"] {
      for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
        return "\(dir)/\(name)"
      }
    }
    return nil
  }

  /// What one run printed and how it ended.
  public struct Run: Sendable {
    public var stdout: String
    /// Chromium's log, where the page's console messages go (`:CONSOLE`).
    public var stderr: String
    public var status: Int32

    /// Console lines the page logged, and Content-Security-Policy complaints.
    public var consoleLines: [String] {
      stderr.split(separator: "\n").map(String.init).filter {
        $0.contains(":CONSOLE") || $0.contains("Content Security Policy")
      }
    }
  }

  /// Loads `url` with a fresh profile in `profile` and extra `arguments` (`--dump-dom`,
  /// `--screenshot=…`).
  public static func load(_ url: String, profile: URL, _ arguments: [String]) throws -> Run {
    guard let path else { throw CocoaError(.fileNoSuchFile) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments =
      [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
        "--user-data-dir=\(profile.path)", "--lang=en-GB",
      ] + arguments + [url]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let errData = ErrorBox()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData.data = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let output = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Run(
      stdout: String(decoding: output, as: UTF8.self), stderr: String(decoding: errData.data, as: UTF8.self),
      status: process.terminationStatus)
  }
}

/// What the background reader collected; the dispatch group orders the accesses.
private final class ErrorBox: @unchecked Sendable {
  var data = Data()
}
