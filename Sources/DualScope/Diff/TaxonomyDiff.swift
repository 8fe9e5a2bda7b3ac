/// The semantic difference between two taxonomy releases.
///
/// Built by ``init(from:to:)``. Reports areas and fields added, removed, renamed (same ID, new
/// names), re-identified (`replaces: [old]`), moved (another parent or area), split and merged
/// (`split_from:` and `replaces:` with several IDs); per node the changed terms, weights,
/// sensitivity, threshold, dual-use codes, crosswalk, description and exclusions; and the
/// manifest's changes.
///
/// Order is stable: nodes in the new release's order, then removed ones in the old release's
/// order. The diff is antisymmetric: `TaxonomyDiff(from: b, to: a)` equals
/// `TaxonomyDiff(from: a, to: b).reversed`, because lineage keys are read from both releases
/// (a `replaces:` in the old release, seen from the new one, names the node it came back as).
public struct TaxonomyDiff: Sendable, Hashable, Encodable {
  /// Identity of a compared release.
  public struct Release: Sendable, Hashable, Encodable {
    public var id: String
    public var version: String
    public var contentHash: String
    /// Where it was read from: a folder, `embedded:<version>`, `git:REV:PATH`.
    public var origin: String

    enum CodingKeys: String, CodingKey {
      case id, version, origin
      case contentHash = "content_hash"
    }

    init(_ t: Taxonomy) {
      id = t.id
      version = t.version
      contentHash = t.contentHash
      origin = t.origin
    }
  }

  public var old: Release
  public var new: Release
  public var manifest: ManifestDiff
  /// Changed, added and removed nodes, in report order.
  public var nodes: [NodeDiff]
  /// Splits, merges and regroupings, in report order.
  public var lineage: [LineageEvent]

  /// The releases say the same thing (files may still differ in comments, order or layout).
  public var isEmpty: Bool { manifest.isEmpty && nodes.isEmpty && lineage.isEmpty }

  /// The diff of the same two releases compared the other way round.
  public var reversed: TaxonomyDiff {
    var r = TaxonomyDiff(
      old: new, new: old, manifest: manifest.reversed, nodes: nodes.map(\.reversed),
      lineage: lineage.map(\.reversed))
    r.sort()
    return r
  }

  enum CodingKeys: String, CodingKey { case old, new, manifest, nodes, lineage }

  init(old: Release, new: Release, manifest: ManifestDiff, nodes: [NodeDiff], lineage: [LineageEvent]) {
    self.old = old
    self.new = new
    self.manifest = manifest
    self.nodes = nodes
    self.lineage = lineage
  }

  /// Nodes in the new release's order, then nodes only in the old release in its order.
  mutating func sort() {
    nodes.sort { a, b in
      switch (a.newIndex, b.newIndex) {
      case (let x?, let y?): return x < y
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return a.oldIndex! < b.oldIndex!
      }
    }
    lineage.sort { $0.newIndex < $1.newIndex }
  }

  // MARK: Views for reports

  /// Nodes of one kind with one status.
  public func nodes(_ kind: TaxonomyNode.Kind, _ status: NodeDiff.Status) -> [NodeDiff] {
    nodes.filter { $0.kind == kind && $0.status == status }
  }

  /// Changed nodes of one kind that pass a test.
  public func changed(_ kind: TaxonomyNode.Kind, where test: (NodeDiff) -> Bool) -> [NodeDiff] {
    nodes.filter { $0.kind == kind && $0.status == .changed && test($0) }
  }

  /// Lineage events of one kind.
  public func events(_ kind: LineageEvent.Kind) -> [LineageEvent] {
    lineage.filter { $0.kind == kind }
  }
}
