import TaxonomyYAML

/// Maps a corpus's own labels (arXiv categories, EuroSciVoc paths, area IDs) to taxonomy IDs.
///
/// ```yaml
/// quant-ph: [quantum]
/// cs.CR: [connectivity-digital]
/// cond-mat.quant-gas: {weak: [quantum]}
/// ```
/// A label not in the map is ignored. A document is a positive for an ID when a label maps to it
/// strongly; a document with only weak labels for an ID is left out of that ID's counts.
public struct LabelMap: Sendable, Hashable {
  public var strong: [String: [String]]
  public var weak: [String: [String]]

  public init(strong: [String: [String]] = [:], weak: [String: [String]] = [:]) {
    self.strong = strong
    self.weak = weak
  }

  /// The identity map over a taxonomy's areas and fields (labels already are IDs).
  public static func identity(_ taxonomy: Taxonomy) -> LabelMap {
    LabelMap(strong: Dictionary(uniqueKeysWithValues: taxonomy.nodes.map { ($0.id, [$0.id]) }))
  }

  /// Reads a label map file; problems are diagnostics with line and column.
  public static func load(_ bytes: [UInt8], file: String) throws(TaxonomyLoadError) -> LabelMap {
    let source = [file: String(decoding: bytes, as: UTF8.self)]
    let root: YAMLNode?
    do {
      root = try YAMLReader.parseDocument(bytes, file: file)
    } catch {
      throw TaxonomyLoadError(
        diagnostics: error.problems.map {
          Diagnostic(.error, $0.message, at: SourceLocation(file: $0.file, line: $0.mark.line, column: $0.mark.column))
        }, sources: source)
    }
    var decoding = YAMLDecoding(file: file)
    var map = LabelMap()
    guard let root else { return map }
    guard case .mapping(let pairs) = root.content else {
      decoding.error("a label map must be a mapping from label to a list of IDs", at: root)
      throw TaxonomyLoadError(diagnostics: decoding.diagnostics, sources: source)
    }
    for pair in pairs {
      guard let label = decoding.string(pair.key, key: "label") else { continue }
      switch pair.value.content {
      case .mapping:
        if let m = decoding.mapping(pair.value, what: "label '\(label)'", allowed: ["strong", "weak"]) {
          if let ids = decoding.stringListOrString(m["strong"], key: "strong") { map.strong[label] = ids }
          if let ids = decoding.stringListOrString(m["weak"], key: "weak") { map.weak[label] = ids }
        }
      default:
        if let ids = decoding.stringListOrString(pair.value, key: label) { map.strong[label] = ids }
      }
    }
    if !decoding.diagnostics.isEmpty {
      throw TaxonomyLoadError(diagnostics: decoding.diagnostics, sources: source)
    }
    return map
  }

  /// IDs that some label maps to strongly: the IDs an evaluation scores.
  public var scoredIDs: Set<String> { Set(strong.values.joined()) }

  /// The strong and weak gold IDs of a document with these labels.
  public func gold(_ labels: [String]) -> (strong: Set<String>, weak: Set<String>) {
    var s = Set<String>()
    var w = Set<String>()
    for label in labels {
      s.formUnion(strong[label] ?? [])
      w.formUnion(weak[label] ?? [])
    }
    return (s, w.subtracting(s))
  }
}
