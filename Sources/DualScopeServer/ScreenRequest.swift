import Foundation

/// The body of `POST screen`: `{"text": "…", "partner_countries": […], "partner_organisations":
/// […], "person_nationality": "…", "funding": "…", "date": "YYYY-MM-DD", "cut": 0.5}`; only
/// `text` is required. Any other key is refused (400), so a misspelt input never passes silently.
struct ScreenRequest: Decodable {
  static let keys = [
    "text", "partner_countries", "partner_organisations", "person_nationality", "funding", "date", "cut",
  ]

  var text: String
  var partnerCountries: [String] = []
  var partnerOrganisations: [String] = []
  var personNationality: String?
  var funding: String?
  var date: String?
  var cut: Double?

  typealias Key = TextRequest.Key

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    if let unknown = c.allKeys.map(\.stringValue).sorted().first(where: { !Self.keys.contains($0) }) {
      throw TextRequestError(
        message: "unknown field '\(unknown)' (the body takes \(Self.keys.map { "\"\($0)\"" }.joined(separator: ", ")))")
    }
    func value<T: Decodable>(_ type: T.Type, _ key: String, _ kind: String) throws -> T? {
      let k = Key(stringValue: key)
      guard c.contains(k), try !c.decodeNil(forKey: k) else { return nil }
      do {
        return try c.decode(T.self, forKey: k)
      } catch {
        throw TextRequestError(message: "field '\(key)' must be \(kind)")
      }
    }
    guard let text = try value(String.self, "text", "a string") else {
      throw TextRequestError(message: "missing field 'text'")
    }
    self.text = text
    partnerCountries = try value([String].self, "partner_countries", "an array of strings") ?? []
    partnerOrganisations = try value([String].self, "partner_organisations", "an array of strings") ?? []
    personNationality = try value(String.self, "person_nationality", "a string")
    funding = try value(String.self, "funding", "a string")
    date = try value(String.self, "date", "a string (YYYY-MM-DD)")
    cut = try value(Double.self, "cut", "a number")
    if let cut, !(cut > 0 && cut < 1) {
      throw TextRequestError(message: "field 'cut' must be between 0 and 1")
    }
  }

  /// Decodes a body, naming the problem in the error's message.
  static func decode(_ bytes: some Sequence<UInt8>) throws(TextRequestError) -> ScreenRequest {
    try TextRequest.decodeBody(ScreenRequest.self, bytes, expected: "{\"text\": \"…\", \"partner_countries\": […]}")
  }
}
