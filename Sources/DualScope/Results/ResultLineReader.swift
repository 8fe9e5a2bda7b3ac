import Foundation

/// Reads a `batch` JSONL result back, each line as a ``ResultLine`` (the schema type), streamed.
public enum ResultLineReader {
  /// Calls `each` with every result line of `path` in order; returns the lines that are not
  /// result lines, with their line numbers and what was wrong.
  public static func read(_ path: String, each: (ResultLine) throws -> Void) throws -> [RecordError] {
    let stream: RecordStream
    do {
      stream = try RecordStream(path: path, format: .jsonl)
    } catch {
      throw SetupError(.unreadableInput, error.message, file: path)
    }
    let decoder = JSONDecoder()
    var problems: [RecordError] = []
    do {
      while let chunk = try stream.next() {
        for row in chunk.rows {
          guard case .jsonl(let line, let range) = row else {
            if case .error(let line, let message) = row {
              problems.append(RecordError(source: path, line: line, message: message))
            }
            continue
          }
          let result: ResultLine
          do {
            result = try decoder.decode(ResultLine.self, from: Data(chunk.bytes[range]))
          } catch {
            problems.append(RecordError(.notAResult, source: path, line: line, message: "not a result line: \(reason(error))"))
            continue
          }
          try each(result)
        }
      }
    } catch let error as RecordError {
      throw SetupError(.unreadableInput, error.message, file: path)
    }
    return problems
  }

  /// A decoding error in a few words: the missing key or the path of the bad value.
  static func reason(_ error: any Error) -> String {
    switch error as? DecodingError {
    case .keyNotFound(let key, let context):
      let path = (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
      return "no key '\(path)'"
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
      let path = context.codingPath.map(\.stringValue).joined(separator: ".")
      return path.isEmpty ? "not a JSON object" : "bad value at '\(path)'"
    default:
      return "\(error)"
    }
  }
}
