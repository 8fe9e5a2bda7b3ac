/// Headline counts of a diff, for the top of a report.
public struct DiffSummary: Sendable, Hashable, Encodable {
  public var areasAdded = 0
  public var areasRemoved = 0
  public var fieldsAdded = 0
  public var fieldsRemoved = 0
  /// Nodes whose English or Dutch name changed.
  public var renamed = 0
  /// Nodes with a new ID in the same area.
  public var reidentified = 0
  /// Nodes under another parent or in another area.
  public var moved = 0
  public var split = 0
  public var merged = 0
  public var regrouped = 0
  /// Nodes whose terms, weights, sensitivity, threshold, codes, crosswalk or texts changed.
  public var contentChanged = 0
  public var termsAdded = 0
  public var termsRemoved = 0
  /// Terms in both releases whose weight changed.
  public var weightsChanged = 0
  public var sensitivityChanged = 0
  public var dualUseChanged = 0
  public var crosswalkChanged = 0

  enum CodingKeys: String, CodingKey {
    case areasAdded = "areas_added"
    case areasRemoved = "areas_removed"
    case fieldsAdded = "fields_added"
    case fieldsRemoved = "fields_removed"
    case renamed, reidentified, moved, split, merged, regrouped
    case contentChanged = "content_changed"
    case termsAdded = "terms_added"
    case termsRemoved = "terms_removed"
    case weightsChanged = "weights_changed"
    case sensitivityChanged = "sensitivity_changed"
    case dualUseChanged = "dual_use_changed"
    case crosswalkChanged = "crosswalk_changed"
  }

  public init(_ diff: TaxonomyDiff) {
    for d in diff.nodes {
      switch (d.status, d.kind) {
      case (.added, .area): areasAdded += 1
      case (.added, .field): fieldsAdded += 1
      case (.removed, .area): areasRemoved += 1
      case (.removed, .field): fieldsRemoved += 1
      case (.changed, _):
        if d.isRenamed { renamed += 1 }
        if d.isReidentified { reidentified += 1 }
        if d.isMoved { moved += 1 }
        if d.hasContentChanges { contentChanged += 1 }
        if d.sensitivity != nil { sensitivityChanged += 1 }
        if d.dualUse != nil { dualUseChanged += 1 }
        if d.crosswalk != nil { crosswalkChanged += 1 }
        termsAdded += d.terms?.added.count ?? 0
        termsRemoved += d.terms?.removed.count ?? 0
        weightsChanged += d.terms?.changed.filter { $0.weight != nil }.count ?? 0
      }
    }
    for event in diff.lineage {
      switch event.kind {
      case .split: split += 1
      case .merged: merged += 1
      case .regrouped: regrouped += 1
      }
    }
  }
}
