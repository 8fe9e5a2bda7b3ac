import Foundation
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
///
/// A key with a `*` at its start or end is a pattern for hierarchical or prefixed labels:
/// `"cs.*"` matches labels that start with `cs.`, `"*/optics"` labels that end with `/optics`,
/// and `"*quantum*"` labels that contain `quantum` (EuroSciVoc paths such as
/// `/natural sciences/physical sciences/quantum physics`). Case matters; a label may match an
/// exact key and any number of patterns.
public struct LabelMap: Sendable, Hashable {
  public var strong: [String: [String]]
  public var weak: [String: [String]]

  public init(strong: [String: [String]] = [:], weak: [String: [String]] = [:]) {
    self.strong = strong
    self.weak = weak
    patterns = []
    for key in Set(strong.keys).union(weak.keys) {
      if let p = LabelPattern(key) { patterns.append((p, strong[key] ?? [], weak[key] ?? [])) }
    }
    patterns.sort { $0.0.key < $1.0.key }
  }

  /// The pattern keys, with their strong and weak IDs.
  private var patterns: [(LabelPattern, [String], [String])]

  public static func == (a: LabelMap, b: LabelMap) -> Bool { a.strong == b.strong && a.weak == b.weak }
  public func hash(into h: inout Hasher) {
    h.combine(strong)
    h.combine(weak)
  }

  /// The identity map over a taxonomy's areas and fields (labels already are IDs).
  public static func identity(_ taxonomy: Taxonomy) -> LabelMap {
    LabelMap(strong: Dictionary(uniqueKeysWithValues: taxonomy.nodes.map { ($0.id, [$0.id]) }))
  }

  /// Reads a label map file; problems are diagnostics with line and column.
  /// Reads a label map file.
  public static func load(path: String) throws -> LabelMap {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw SetupError(.unreadableInput, "cannot read the label map: no such file or not readable", file: path)
    }
    return try load([UInt8](data), file: path)
  }

  /// Decodes a label map, with file:line:column diagnostics for what is wrong.
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
    var strong: [String: [String]] = [:]
    var weak: [String: [String]] = [:]
    guard let root else { return LabelMap() }
    guard case .mapping(let pairs) = root.content else {
      decoding.error("a label map must be a mapping from label to a list of IDs", at: root)
      throw TaxonomyLoadError(diagnostics: decoding.diagnostics, sources: source)
    }
    for pair in pairs {
      guard let label = decoding.string(pair.key, key: "label") else { continue }
      switch pair.value.content {
      case .mapping:
        if let m = decoding.mapping(pair.value, what: "label '\(label)'", allowed: ["strong", "weak"]) {
          if let ids = decoding.stringListOrString(m["strong"], key: "strong") { strong[label] = ids }
          if let ids = decoding.stringListOrString(m["weak"], key: "weak") { weak[label] = ids }
        }
      default:
        if let ids = decoding.stringListOrString(pair.value, key: label) { strong[label] = ids }
      }
      if label.contains("*") && LabelPattern(label) == nil {
        decoding.error("'*' may only start or end a label pattern: '\(label)'", at: pair.key)
      }
    }
    if !decoding.diagnostics.isEmpty {
      throw TaxonomyLoadError(diagnostics: decoding.diagnostics, sources: source)
    }
    return LabelMap(strong: strong, weak: weak)
  }

  /// IDs that some label maps to strongly: the IDs an evaluation scores.
  public var scoredIDs: Set<String> { Set(strong.values.joined()) }

  /// Areas of `taxonomy` that no label maps to strongly, directly or by one of their fields
  /// (arXiv has no category for energy technology): an input labelled by this map says nothing
  /// about them, so its documents are left out of them when a release is calibrated, as they are
  /// when it is scored.
  public func unjudgedAreas(in taxonomy: Taxonomy) -> Set<String> {
    let judged = Set(scoredIDs.compactMap { id in taxonomy.node(id).map { taxonomy.area(of: $0).id } })
    return Set(taxonomy.areas.map(\.id)).subtracting(judged)
  }

  /// The strong and weak gold IDs of a document with these labels.
  public func gold(_ labels: [String]) -> (strong: Set<String>, weak: Set<String>) {
    var s = Set<String>()
    var w = Set<String>()
    for label in labels {
      s.formUnion(strong[label] ?? [])
      w.formUnion(weak[label] ?? [])
      for (pattern, st, wk) in patterns where pattern.matches(label) {
        s.formUnion(st)
        w.formUnion(wk)
      }
    }
    return (s, w.subtracting(s))
  }
}

/// A label-map key with `*` at its start, its end or both.
struct LabelPattern: Sendable, Hashable {
  enum Kind: Sendable, Hashable { case prefix, suffix, contains }
  let key: String
  let kind: Kind
  let text: String

  /// Nil for a plain label, or a `*` anywhere but the ends.
  init?(_ key: String) {
    let lead = key.hasPrefix("*")
    let trail = key.hasSuffix("*") && key.count > 1
    guard lead || trail else { return nil }
    let inner = key.dropFirst(lead ? 1 : 0).dropLast(trail ? 1 : 0)
    guard !inner.isEmpty, !inner.contains("*") else { return nil }
    self.key = key
    self.text = String(inner)
    self.kind = lead && trail ? .contains : lead ? .suffix : .prefix
  }

  func matches(_ label: String) -> Bool {
    switch kind {
    case .prefix: label.hasPrefix(text)
    case .suffix: label.hasSuffix(text)
    case .contains: label.contains(text)
    }
  }
}
