import Foundation

/// What every machine-readable result records so that a run can be audited and repeated.
public struct ResultMetadata: Sendable, Codable, Hashable {
  /// The version of the result schema (``ResultLine`` and the classification inside every
  /// result): 2 added each area's and field's `level`. See `docs/result-schema.md`.
  public static let schemaVersion = 2

  /// The tool that made a result, and its version.
  public struct Tool: Sendable, Codable, Hashable {
    public var name = "dualscope"
    public var version = ToolVersion.current
  }

  /// The release a result was made with: id, version and content hash.
  public struct TaxonomyInfo: Sendable, Codable, Hashable {
    public var id: String
    public var version: String
    public var contentHash: String

    enum CodingKeys: String, CodingKey {
      case id, version
      case contentHash = "content_hash"
    }
  }

  public var schemaVersion = Self.schemaVersion
  public var tool = Tool()
  public var taxonomy: TaxonomyInfo
  public var options: ClassifierOptions

  enum CodingKeys: String, CodingKey {
    case schemaVersion = "schema_version"
    case tool, taxonomy, options
  }

  /// The metadata of results made with `taxonomy` and `options` by this tool.
  public init(taxonomy: Taxonomy, options: ClassifierOptions) {
    self.taxonomy = TaxonomyInfo(id: taxonomy.id, version: taxonomy.version, contentHash: taxonomy.contentHash)
    self.options = options
  }
}

/// The JSON document `classify --format json` prints (schema `dualscope.classification/2`).
public struct ClassificationDocument: Sendable, Codable {
  public var schema = "dualscope.classification/2"
  public var metadata: ResultMetadata
  public var result: Classification

  public init(metadata: ResultMetadata, result: Classification) {
    self.metadata = metadata
    self.result = result
  }
}

/// One JSON encoder configuration for every result: sorted keys, so output bytes are stable.
public enum ResultJSON {
  /// Encodes a result as JSON with sorted keys (pretty unless told otherwise).
  public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}

/// The JSON document `explain --format json` prints (schema `dualscope.explanation/2`).
public struct ExplanationDocument: Sendable, Codable {
  public var schema = "dualscope.explanation/2"
  public var metadata: ResultMetadata
  public var explanation: Explanation

  public init(metadata: ResultMetadata, explanation: Explanation) {
    self.metadata = metadata
    self.explanation = explanation
  }
}

/// The JSON document `evaluate --format json` prints (schema `dualscope.evaluation/2`).
public struct EvaluationDocument: Sendable, Codable {
  public var schema = "dualscope.evaluation/2"
  public var metadata: ResultMetadata
  public var report: EvaluationReport

  public init(metadata: ResultMetadata, report: EvaluationReport) {
    self.metadata = metadata
    self.report = report
  }
}
