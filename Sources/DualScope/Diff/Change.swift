/// A value before and after a revision.
public struct Change<Value: Sendable & Hashable & Encodable>: Sendable, Hashable, Encodable {
  public var old: Value
  public var new: Value

  public init(old: Value, new: Value) {
    self.old = old
    self.new = new
  }

  /// The change when the releases are compared the other way round.
  public var reversed: Change { Change(old: new, new: old) }

  /// The change, or `nil` when the two values are equal.
  static func between(_ old: Value, _ new: Value) -> Change? {
    old == new ? nil : Change(old: old, new: new)
  }
}

/// The items a revision adds to a list and the items it removes; order and repeats are ignored.
public struct ListChange: Sendable, Hashable, Encodable {
  /// Items of the new list not in the old one, in the new list's order.
  public var added: [String]
  /// Items of the old list not in the new one, in the old list's order.
  public var removed: [String]

  public init(added: [String], removed: [String]) {
    self.added = added
    self.removed = removed
  }

  public var reversed: ListChange { ListChange(added: removed, removed: added) }

  /// The change, or `nil` when both lists hold the same items.
  static func between(_ old: [String], _ new: [String]) -> ListChange? {
    let oldSet = Set(old)
    let newSet = Set(new)
    var seen = Set<String>()
    let added = new.filter { !oldSet.contains($0) && seen.insert($0).inserted }
    seen.removeAll()
    let removed = old.filter { !newSet.contains($0) && seen.insert($0).inserted }
    return added.isEmpty && removed.isEmpty ? nil : ListChange(added: added, removed: removed)
  }
}
