import Foundation

/// What every machine-readable result records so that a run can be audited and repeated.
public struct ResultMetadata: Sendable, Codable, Hashable {
  public struct Tool: Sendable, Codable, Hashable {
    public var name = "dualscope"
    public var version = ToolVersion.current
  }

  public struct TaxonomyInfo: Sendable, Codable, Hashable {
    public var id: String
    public var version: String
    public var contentHash: String

    enum CodingKeys: String, CodingKey {
      case id, version
      case contentHash = "content_hash"
    }
  }

  public var tool = Tool()
  public var taxonomy: TaxonomyInfo
  public var options: ClassifierOptions

  public init(taxonomy: Taxonomy, options: ClassifierOptions) {
    self.taxonomy = TaxonomyInfo(id: taxonomy.id, version: taxonomy.version, contentHash: taxonomy.contentHash)
    self.options = options
  }
}

/// The JSON document `classify --format json` prints (schema `dualscope.classification/1`).
public struct ClassificationDocument: Sendable, Codable {
  public var schema = "dualscope.classification/1"
  public var metadata: ResultMetadata
  public var result: Classification

  public init(metadata: ResultMetadata, result: Classification) {
    self.metadata = metadata
    self.result = result
  }
}

/// One JSON encoder configuration for every result: sorted keys, so output bytes are stable.
public enum ResultJSON {
  public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
