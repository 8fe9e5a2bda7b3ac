/// How two releases' record-context rules differ: rules only in the new release and rules only
/// in the old one (a rule whose values or score changed is one of each).
public struct RecordContextChange: Sendable, Hashable, Encodable {
  /// Rules only in the new release, in its order.
  public var added: [RecordContextRule]
  /// Rules only in the old release, in its order.
  public var removed: [RecordContextRule]

  /// The change, or nil when both releases have the same rules.
  static func between(_ old: [RecordContextRule], _ new: [RecordContextRule]) -> RecordContextChange? {
    let change = RecordContextChange(added: new.filter { !old.contains($0) }, removed: old.filter { !new.contains($0) })
    return change.added.isEmpty && change.removed.isEmpty ? nil : change
  }

  public var reversed: RecordContextChange { RecordContextChange(added: removed, removed: added) }

  /// One line per rule, for the text and Markdown reports.
  public var summary: [String] {
    func describe(_ rule: RecordContextRule) -> String {
      let values = "\(rule.column) in [\(rule.values.joined(separator: ", "))]"
      let score = NumberText.plain(rule.areaScore)
      guard rule.isSupport else {
        if rule.areas.isEmpty { return values + ": an area needs \(score)" }
        return values + ": \(rule.areas.joined(separator: ", ")) need\(rule.areas.count == 1 ? "s" : "") \(score)"
      }
      return values + ": supports \(rule.supports.joined(separator: ", ")), which then need"
        + (rule.supports.count == 1 ? "s " : " ") + score
    }
    return added.map { "record-context rule added: " + describe($0) }
      + removed.map { "record-context rule removed: " + describe($0) }
  }
}
