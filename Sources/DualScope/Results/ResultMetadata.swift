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

/// What a single-result JSON document carries besides the metadata: its schema and its key.
public protocol ResultDocumentBody: Codable, Sendable {
  /// The document's schema (`dualscope.classification/2`).
  static var documentSchema: String { get }
  /// The key the body goes under (`result`).
  static var documentKey: String { get }
}

/// A single result with the run metadata, as `classify`, `explain` and `evaluate` print it in
/// JSON: `{"schema": …, "metadata": …, KEY: …}`.
public struct ResultDocument<Body: ResultDocumentBody>: Sendable, Codable {
  public var metadata: ResultMetadata
  public var body: Body

  public init(metadata: ResultMetadata, body: Body) {
    self.metadata = metadata
    self.body = body
  }

  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    metadata = try c.decode(ResultMetadata.self, forKey: Key("metadata"))
    body = try c.decode(Body.self, forKey: Key(Body.documentKey))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Key.self)
    try c.encode(Body.documentSchema, forKey: Key("schema"))
    try c.encode(metadata, forKey: Key("metadata"))
    try c.encode(body, forKey: Key(Body.documentKey))
  }
}

/// `classify --format json` (schema `dualscope.classification/2`, the result under `result`).
public typealias ClassificationDocument = ResultDocument<Classification>
/// `explain --format json` (schema `dualscope.explanation/2`, under `explanation`).
public typealias ExplanationDocument = ResultDocument<Explanation>
/// `evaluate --format json` (schema `dualscope.evaluation/2`, under `report`).
public typealias EvaluationDocument = ResultDocument<EvaluationReport>

extension Classification: ResultDocumentBody {
  public static let documentSchema = "dualscope.classification/2"
  public static let documentKey = "result"
}

extension Explanation: ResultDocumentBody {
  public static let documentSchema = "dualscope.explanation/2"
  public static let documentKey = "explanation"
}

extension EvaluationReport: ResultDocumentBody {
  public static let documentSchema = "dualscope.evaluation/2"
  public static let documentKey = "report"
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

