import ArgumentParser
import Foundation

/// Where one text comes from: an argument, `--file`, or standard input.
struct TextInputOptions: ParsableArguments {
  @Argument(help: "The text to classify (omit it to read --file or standard input).")
  var text: String?

  @Option(name: .shortAndLong, help: "Read the text from this file ('-' for standard input).")
  var file: String?

  func validate() throws {
    if text != nil && file != nil { throw ValidationError("give either a text or --file, not both") }
  }

  func read() throws -> String {
    if let text { return text }
    if let file, file != "-" {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw CLIError("cannot read '\(file)': no such file or not readable")
      }
      return String(decoding: data, as: UTF8.self)
    }
    let data = FileHandle.standardInput.readDataToEndOfFile()
    return String(decoding: data, as: UTF8.self)
  }
}
