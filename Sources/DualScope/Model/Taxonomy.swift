/// A loaded, validated taxonomy release: the manifest and every area and field.
///
/// Immutable and `Sendable`; build one with ``TaxonomyLoader``. Nodes are kept in file order
/// (areas in manifest order, each followed by its fields depth-first), which is the order of
/// every report.
public struct Taxonomy: Sendable {
  /// The manifest (`taxonomy.yaml`).
  public let manifest: TaxonomyManifest
  /// Areas and fields in report order.
  public let nodes: [TaxonomyNode]
  /// SHA-256 over the release's files (names and bytes, in name order), lower-case hex.
  public let contentHash: String
  /// Where the release was read from (a folder path, or `embedded:<version>`).
  public let origin: String

  private let indexByID: [String: Int]

  /// The learned scoring of a calibrated release (`calibration.yaml`); nil for a release scored by
  /// thresholds alone.
  public internal(set) var calibration: CalibrationModel? = nil

  init(manifest: TaxonomyManifest, nodes: [TaxonomyNode], contentHash: String, origin: String) {
    self.manifest = manifest
    self.nodes = nodes
    self.contentHash = contentHash
    self.origin = origin
    var index: [String: Int] = [:]
    for (i, node) in nodes.enumerated() { index[node.id] = i }
    self.indexByID = index
  }

  /// The taxonomy's identity, stable across releases.
  public var id: String { manifest.id }
  /// The release version, e.g. `2025.1`.
  public var version: String { manifest.version }

  /// The node with this ID, if any.
  public func node(_ id: String) -> TaxonomyNode? {
    indexByID[id].map { nodes[$0] }
  }

  /// The position of a node in ``nodes``.
  public func index(of id: String) -> Int? { indexByID[id] }

  /// The top-level areas, in manifest order.
  public var areas: [TaxonomyNode] { nodes.filter { $0.kind == .area } }

  /// Every field (any depth), in report order.
  public var fields: [TaxonomyNode] { nodes.filter { $0.kind == .field } }

  /// The area a node belongs to (itself for an area).
  public func area(of node: TaxonomyNode) -> TaxonomyNode {
    var current = node
    while let parent = current.parentID, let next = self.node(parent) { current = next }
    return current
  }

  /// Direct children of a node, in report order.
  public func children(of id: String) -> [TaxonomyNode] {
    nodes.filter { $0.parentID == id }
  }

  /// The number of terms over all fields.
  public var termCount: Int { nodes.reduce(0) { $0 + $1.terms.count } }
}
