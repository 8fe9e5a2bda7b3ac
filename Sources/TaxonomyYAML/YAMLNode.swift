/// How a scalar was written in the source.
public enum YAMLScalarStyle: Sendable, Hashable {
  case plain, singleQuoted, doubleQuoted, literal, folded
}

/// One key-value entry of a mapping, in source order.
public struct YAMLPair: Sendable, Hashable {
  public var key: YAMLNode
  public var value: YAMLNode

  public init(key: YAMLNode, value: YAMLNode) {
    self.key = key
    self.value = value
  }
}

/// A node of a parsed YAML document, with the position where it starts.
///
/// Aliases are already resolved: an alias is replaced by a copy of the
/// anchored node, marks included (they point at the anchored definition).
/// Scalars are not resolved to types; `true`, `1` and `~` stay strings, and
/// the style tells a plain `1` from a quoted `"1"`.
public struct YAMLNode: Sendable, Hashable {
  /// What the node holds.
  public enum Content: Sendable, Hashable {
    case scalar(String, YAMLScalarStyle)
    case sequence([YAMLNode])
    case mapping([YAMLPair])
  }

  public var content: Content
  /// The start of the node (its anchor or tag, if written before it).
  public var mark: YAMLMark
  /// The explicit tag if any, nil otherwise. Tags of the standard
  /// `tag:yaml.org,2002:` namespace are given in their short form (`!!str`);
  /// others as libyaml resolves them (`!local`, or `!` for the non-specific tag).
  public var tag: String?

  public init(_ content: Content, mark: YAMLMark, tag: String? = nil) {
    self.content = content
    self.mark = mark
    self.tag = tag
  }
}

extension YAMLNode {
  /// The text of a scalar node, nil for collections.
  public var scalar: String? {
    if case .scalar(let text, _) = content { return text }
    return nil
  }

  /// The style of a scalar node, nil for collections.
  public var scalarStyle: YAMLScalarStyle? {
    if case .scalar(_, let style) = content { return style }
    return nil
  }

  /// Whether the node is a plain (unquoted, non-block) scalar.
  public var isPlainScalar: Bool { scalarStyle == .plain }

  /// Whether the node is a plain scalar the YAML core schema reads as null
  /// (`~`, `null`, `Null`, `NULL` or nothing at all), with no explicit tag.
  public var isNull: Bool {
    guard tag == nil, case .scalar(let text, .plain) = content else { return false }
    return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
  }

  /// The items of a sequence node, nil for other nodes.
  public var sequence: [YAMLNode]? {
    if case .sequence(let items) = content { return items }
    return nil
  }

  /// The entries of a mapping node in source order, nil for other nodes.
  public var mapping: [YAMLPair]? {
    if case .mapping(let pairs) = content { return pairs }
    return nil
  }

  /// The value of the entry whose key is the scalar `key`, in a mapping node.
  ///
  /// Returns nil if this is not a mapping or has no such key. The key's style
  /// does not matter (`terms` and `"terms"` are the same key).
  public func value(forKey key: String) -> YAMLNode? {
    guard case .mapping(let pairs) = content else { return nil }
    return pairs.first { $0.key.scalar == key }?.value
  }

  /// A short name of the node's kind for messages: "a scalar", "a sequence" or "a mapping".
  public var kindDescription: String {
    switch content {
    case .scalar: "a scalar"
    case .sequence: "a sequence"
    case .mapping: "a mapping"
    }
  }
}
