/// Bounds that keep a hostile or broken file from exhausting time or memory.
public struct YAMLLimits: Sendable, Hashable {
  /// The deepest nesting of collections allowed (a top-level mapping is depth 1).
  public var maxDepth = 64
  /// The largest input accepted, in bytes.
  public var maxBytes = 8 << 20
  /// The most nodes a document may hold, alias copies included.
  public var maxNodes = 1_000_000
  /// The most nodes that alias references may produce in total (each
  /// reference counts every node of the copy it stands for).
  public var maxAliasExpansion = 10_000

  public init() {}
}
