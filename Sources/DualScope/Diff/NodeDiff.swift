/// How one area or field differs between two releases.
///
/// A node present in both releases (same ID, or a new ID whose `replaces:` names exactly one old
/// ID) is *changed*; a node only in the new release is *added*, one only in the old release is
/// *removed*. Nodes that take part in a split or a merge are described by a ``LineageEvent``
/// instead, unless they keep their ID across it.
public struct NodeDiff: Sendable, Hashable, Encodable {
  /// What happened to a node between the releases.
  public enum Status: String, Sendable, Hashable, Encodable {
    case added
    case removed
    case changed
  }

  public var status: Status
  /// The node in the old release; `nil` when added.
  public var old: NodeSummary?
  /// The node in the new release; `nil` when removed.
  public var new: NodeSummary?
  /// Set when the ID changed (`replaces: [old]`).
  public var id: Change<String>?
  /// Set when the English or Dutch name changed.
  public var name: Change<LocalizedText>?
  /// Set when the node sits under another parent (after following renamed IDs).
  public var parent: Change<String?>?
  /// Set when the node now belongs to another area (after following renamed IDs).
  public var area: Change<String>?
  public var description: Change<String>?
  public var sensitivity: Change<Sensitivity>?
  /// The node's own threshold; `nil` means the manifest default.
  public var threshold: Change<Double?>?
  public var dualUse: ListChange?
  public var crosswalk: CrosswalkChange?
  public var exclusions: ListChange?
  public var terms: TermChanges?

  /// Positions in the old and new releases' node lists, for ordering.
  var oldIndex: Int?
  var newIndex: Int?

  public var kind: TaxonomyNode.Kind { (new ?? old)!.kind }
  /// The ID in the new release, else the old one.
  public var currentID: String { (new ?? old)!.id }

  /// The node got a new ID within the same area.
  public var isReidentified: Bool { id != nil && !isMoved }
  /// The node sits under another parent or area.
  public var isMoved: Bool { parent != nil || area != nil }
  /// The English or Dutch name changed.
  public var isRenamed: Bool { name != nil }
  /// Something besides identity, place and name changed.
  public var hasContentChanges: Bool {
    description != nil || sensitivity != nil || threshold != nil || dualUse != nil || crosswalk != nil
      || exclusions != nil || terms != nil
  }

  enum CodingKeys: String, CodingKey {
    case status, kind, old, new, id, name, parent, area, description, sensitivity, threshold
    case dualUse = "dual_use"
    case crosswalk, exclusions, terms
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(status, forKey: .status)
    try c.encode(kind, forKey: .kind)
    try c.encodeIfPresent(old, forKey: .old)
    try c.encodeIfPresent(new, forKey: .new)
    try c.encodeIfPresent(id, forKey: .id)
    try c.encodeIfPresent(name, forKey: .name)
    try c.encodeIfPresent(parent, forKey: .parent)
    try c.encodeIfPresent(area, forKey: .area)
    try c.encodeIfPresent(description, forKey: .description)
    try c.encodeIfPresent(sensitivity, forKey: .sensitivity)
    try c.encodeIfPresent(threshold, forKey: .threshold)
    try c.encodeIfPresent(dualUse, forKey: .dualUse)
    try c.encodeIfPresent(crosswalk, forKey: .crosswalk)
    try c.encodeIfPresent(exclusions, forKey: .exclusions)
    try c.encodeIfPresent(terms, forKey: .terms)
  }

  public var reversed: NodeDiff {
    var r = self
    r.status =
      switch status {
      case .added: .removed
      case .removed: .added
      case .changed: .changed
      }
    r.old = new
    r.new = old
    r.id = id?.reversed
    r.name = name?.reversed
    r.parent = parent?.reversed
    r.area = area?.reversed
    r.description = description?.reversed
    r.sensitivity = sensitivity?.reversed
    r.threshold = threshold?.reversed
    r.dualUse = dualUse?.reversed
    r.crosswalk = crosswalk?.reversed
    r.exclusions = exclusions?.reversed
    r.terms = terms?.reversed
    r.oldIndex = newIndex
    r.newIndex = oldIndex
    return r
  }
}

/// Changes to the references from a node to the public lists.
public struct CrosswalkChange: Sendable, Hashable, Encodable {
  public var eu2023_2113: Change<String?>?
  public var nts2024: ListChange?
  public var usCET2024: ListChange?

  enum CodingKeys: String, CodingKey {
    case eu2023_2113 = "eu_2023_2113"
    case nts2024 = "nts_2024"
    case usCET2024 = "us_cet_2024"
  }

  public var reversed: CrosswalkChange {
    CrosswalkChange(
      eu2023_2113: eu2023_2113?.reversed, nts2024: nts2024?.reversed, usCET2024: usCET2024?.reversed)
  }

  /// The change, or `nil` when both crosswalks are the same.
  static func between(_ old: Crosswalk, _ new: Crosswalk) -> CrosswalkChange? {
    let c = CrosswalkChange(
      eu2023_2113: Change.between(old.eu2023_2113, new.eu2023_2113),
      nts2024: ListChange.between(old.nts2024, new.nts2024),
      usCET2024: ListChange.between(old.usCET2024, new.usCET2024))
    return c.eu2023_2113 == nil && c.nts2024 == nil && c.usCET2024 == nil ? nil : c
  }
}

/// Fields (or areas) that a revision splits, merges or regroups, from the lineage keys.
///
/// `split_from: x` on new fields, or `replaces:` on one new field naming several old ones, link
/// old IDs to new IDs; each connected group of links is one event. One old node to several new
/// ones is a split, several old to one new a merge, several to several a regrouping. A node that
/// keeps its ID through the event (the remainder of a split) is listed on both sides and also has
/// a ``NodeDiff`` of its own.
public struct LineageEvent: Sendable, Hashable, Encodable {
  /// The kind of a lineage link.
  public enum Kind: String, Sendable, Hashable, Encodable {
    case split
    case merged
    case regrouped
  }

  /// The old nodes, in the old release's order.
  public var from: [NodeSummary]
  /// The new nodes, in the new release's order.
  public var to: [NodeSummary]
  /// The terms of all `to` nodes together compared with those of all `from` nodes.
  public var terms: TermChanges?

  var oldIndex: Int
  var newIndex: Int

  public var kind: Kind {
    switch (from.count, to.count) {
    case (1, _): .split
    case (_, 1): .merged
    default: .regrouped
    }
  }

  enum CodingKeys: String, CodingKey { case kind, from, to, terms }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(kind, forKey: .kind)
    try c.encode(from, forKey: .from)
    try c.encode(to, forKey: .to)
    try c.encodeIfPresent(terms, forKey: .terms)
  }

  public var reversed: LineageEvent {
    LineageEvent(from: to, to: from, terms: terms?.reversed, oldIndex: newIndex, newIndex: oldIndex)
  }
}
