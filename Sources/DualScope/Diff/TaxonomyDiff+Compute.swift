extension TaxonomyDiff {
  /// Compares two releases: what changes from `old` to `new`.
  public init(from old: Taxonomy, to new: Taxonomy) {
    let pairing = Lineage(old: old, new: new)
    var nodes: [NodeDiff] = []
    for (o, n) in pairing.pairs {
      let diff = Self.compare(o, n, old, new, pairing)
      if diff.status != .changed || diff.id != nil || diff.name != nil || diff.isMoved || diff.hasContentChanges {
        nodes.append(diff)
      }
    }
    for n in new.nodes.indices where pairing.newPartner[n] == nil && !pairing.newInEvent.contains(n) {
      nodes.append(Self.compare(nil, n, old, new, pairing))
    }
    for o in old.nodes.indices where pairing.oldPartner[o] == nil && !pairing.oldInEvent.contains(o) {
      nodes.append(Self.compare(o, nil, old, new, pairing))
    }
    let lineage = pairing.events.map { event in
      LineageEvent(
        from: event.old.map { NodeSummary(old.nodes[$0], in: old) },
        to: event.new.map { NodeSummary(new.nodes[$0], in: new) },
        terms: TermChanges.between(
          event.old.flatMap { old.nodes[$0].terms }, event.new.flatMap { new.nodes[$0].terms }),
        oldIndex: event.old.min()!, newIndex: event.new.min()!)
    }
    self.init(
      old: Release(old), new: Release(new), manifest: ManifestDiff(old: old.manifest, new: new.manifest),
      nodes: nodes, lineage: lineage)
    sort()
  }

  /// The diff of one node: `o` and `n` are indices into the old and new node lists.
  private static func compare(_ o: Int?, _ n: Int?, _ old: Taxonomy, _ new: Taxonomy, _ pairing: Lineage)
    -> NodeDiff
  {
    let a = o.map { old.nodes[$0] }
    let b = n.map { new.nodes[$0] }
    var d = NodeDiff(
      status: a == nil ? .added : b == nil ? .removed : .changed,
      old: a.map { NodeSummary($0, in: old) }, new: b.map { NodeSummary($0, in: new) })
    d.oldIndex = o
    d.newIndex = n
    guard let a, let b else { return d }
    d.id = Change.between(a.id, b.id)
    d.name = Change.between(a.name, b.name)
    // Place: compare the old parent and area, followed to their new IDs, with the new ones.
    let oldParent = a.parentID.map { pairing.newID(ofOld: $0, old, new) }
    let oldArea = pairing.newID(ofOld: old.area(of: a).id, old, new)
    let newArea = new.area(of: b).id
    if oldParent != b.parentID { d.parent = Change(old: a.parentID, new: b.parentID) }
    if oldArea != newArea { d.area = Change(old: old.area(of: a).id, new: newArea) }
    d.description = Change.between(a.description, b.description)
    d.sensitivity = Change.between(a.sensitivity, b.sensitivity)
    d.threshold = Change.between(a.threshold, b.threshold)
    d.dualUse = ListChange.between(a.dualUse.map(\.rawValue), b.dualUse.map(\.rawValue))
    d.crosswalk = CrosswalkChange.between(a.crosswalk, b.crosswalk)
    d.exclusions = ListChange.between(a.exclusions, b.exclusions)
    d.terms = TermChanges.between(a.terms, b.terms)
    return d
  }
}

extension NodeDiff {
  init(status: Status, old: NodeSummary?, new: NodeSummary?) {
    self.status = status
    self.old = old
    self.new = new
  }
}
