import Foundation

/// Runs the built `dualscope` binary and captures what it prints, for end-to-end tests.
public struct CommandResult: Sendable {
  public var stdout: String
  public var stderr: String
  public var status: Int32
  /// Standard output as bytes (a binary format such as `--format arrow`).
  public var stdoutBytes: [UInt8] = []
}

/// Runs the built `dualscope` binary for end-to-end tests.
public enum CommandRunner {
  /// The folder holding the built products (the test bundle's folder).
  public static var productsDirectory: URL {
    let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }
    return bundle.map { URL(fileURLWithPath: $0.bundlePath).deletingLastPathComponent() }
      ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  }

  /// The package root, found from this source file's location.
  public static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  /// Runs `dualscope` with arguments, optional standard input and extra environment.
  public static func run(
    _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
    in directory: URL? = nil
  ) throws -> CommandResult {
    try runProgram(
      productsDirectory.appendingPathComponent("dualscope").path, arguments, stdin: stdin,
      environment: ["NO_COLOR": "1"].merging(environment) { $1 }, in: directory)
  }

  /// Runs any program (a script, `python3`, the shell) to its end with this process's
  /// environment plus `environment`, in `directory` (the package root by default), reading both
  /// pipes while it runs so a large output cannot block it.
  public static func runProgram(
    _ executable: String, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
    in directory: URL? = nil
  ) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? packageRoot
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let errData = DataBox()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData.data = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CommandResult(
      stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData.data, as: UTF8.self),
      status: process.terminationStatus, stdoutBytes: [UInt8](outData))
  }
}

/// Holds what a background reader collected; the dispatch group orders the accesses.
private final class DataBox: @unchecked Sendable {
  var data = Data()
}
