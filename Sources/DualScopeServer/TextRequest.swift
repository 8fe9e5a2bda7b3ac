import Foundation

/// The body of `POST classify` and `POST explain`: `{"text": "…"}`. Any other key is refused
/// (400), so a misspelt or unsupported option never passes silently; `cut` is not offered yet:
/// the release's own thresholds apply.
struct TextRequest: Decodable {
  let text: String

  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    if let unknown = c.allKeys.map(\.stringValue).sorted().first(where: { $0 != "text" }) {
      throw TextRequestError(message: "unknown field '\(unknown)' (the body takes only \"text\")")
    }
    guard c.contains(Key(stringValue: "text")) else {
      throw TextRequestError(message: "missing field 'text'")
    }
    do {
      text = try c.decode(String.self, forKey: Key(stringValue: "text"))
    } catch {
      throw TextRequestError(message: "field 'text' must be a string")
    }
  }

  /// Decodes a body, naming the problem in the error's message.
  static func decode(_ bytes: some Sequence<UInt8>) throws(TextRequestError) -> TextRequest {
    let data = Data(bytes)
    if data.isEmpty { throw TextRequestError(message: "empty body: expected a JSON object {\"text\": \"…\"}") }
    do {
      return try JSONDecoder().decode(TextRequest.self, from: data)
    } catch let e as TextRequestError {
      throw e
    } catch DecodingError.dataCorrupted(let context) {
      let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
      throw TextRequestError(message: "malformed JSON: " + (detail ?? context.debugDescription))
    } catch DecodingError.typeMismatch(_, _) {
      throw TextRequestError(message: "expected a JSON object {\"text\": \"…\"}")
    } catch {
      throw TextRequestError(message: "malformed JSON: \(error)")
    }
  }
}

struct TextRequestError: Error {
  let message: String
}
