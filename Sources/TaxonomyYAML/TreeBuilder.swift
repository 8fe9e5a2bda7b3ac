/// Builds one document's node tree from parse events, iteratively.
///
/// Open collections live on an explicit stack no deeper than
/// `YAMLLimits.maxDepth`, so no input can exhaust the call stack. Aliases
/// become copies of the anchored node (cheap: arrays and strings share
/// storage) and each copy's node count is charged to
/// `YAMLLimits.maxAliasExpansion` before anything is copied, so a
/// "billion laughs" document stops after a few thousand nodes.
struct TreeBuilder {
  /// An error that stops the build.
  struct Stop: Error {
    var kind: YAMLError.Kind
    var mark: YAMLMark
    var message: String
  }

  /// An anchored node with what a copy of it costs.
  private struct Anchored {
    var node: YAMLNode
    /// Nodes in the subtree, the node itself included.
    var count: Int
    /// Levels of collections in the subtree (0 for a scalar).
    var height: Int
  }

  /// What makes two mapping keys the same: the text of a scalar whatever its
  /// style or tag, or the whole structure of a collection without marks.
  private enum KeyIdentity: Hashable {
    case scalar(String)
    case collection(YAMLNode)
  }

  /// An open sequence or mapping.
  private struct Frame {
    var isMapping: Bool
    var mark: YAMLMark
    var tag: String?
    var anchor: String?
    var items: [YAMLNode] = []
    var pairs: [YAMLPair] = []
    var pendingKey: YAMLNode?
    var firstMarkOfKey: [KeyIdentity: YAMLMark] = [:]
    var count = 1
    var height = 1
  }

  let limits: YAMLLimits
  /// The document's root once complete; nil for an empty stream.
  private(set) var root: YAMLNode?
  /// Duplicate keys found so far, in source order.
  private(set) var duplicateKeys: [(mark: YAMLMark, message: String)] = []

  private var stack: [Frame] = []
  private var anchors: [String: Anchored] = [:]
  private var documents = 0
  /// Whether a document has started (libyaml reports content after it as a syntax error).
  var hasDocument: Bool { documents > 0 }
  private var nodes = 0
  private var aliasNodes = 0

  init(limits: YAMLLimits) {
    self.limits = limits
  }

  /// Takes one event; returns true at the end of the stream.
  mutating func handle(_ event: LibYAMLParser.Event, at mark: YAMLMark) throws(Stop) -> Bool {
    switch event {
    case .streamStart, .documentEnd:
      break
    case .streamEnd:
      return true
    case .documentStart:
      guard documents == 0 else { throw Self.secondDocument(at: mark) }
      documents += 1
    case .scalar(let text, let style, let anchor, let tag):
      try countNodes(1, at: mark)
      add(YAMLNode(.scalar(text, style), mark: mark, tag: tag), count: 1, height: 0, anchor: anchor, at: mark)
    case .sequenceStart(let anchor, let tag):
      try open(isMapping: false, mark: mark, anchor: anchor, tag: tag)
    case .mappingStart(let anchor, let tag):
      try open(isMapping: true, mark: mark, anchor: anchor, tag: tag)
    case .sequenceEnd, .mappingEnd:
      close()
    case .alias(let name):
      try alias(name, at: mark)
    }
    return false
  }

  // MARK: - Events

  private mutating func open(isMapping: Bool, mark: YAMLMark, anchor: String?, tag: String?) throws(Stop) {
    guard stack.count < limits.maxDepth else { throw tooDeep(at: mark) }
    try countNodes(1, at: mark)
    stack.append(Frame(isMapping: isMapping, mark: mark, tag: tag, anchor: anchor))
  }

  private mutating func close() {
    guard let frame = stack.popLast() else {
      preconditionFailure("libyaml ended a collection that was never started")
    }
    let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
    add(
      YAMLNode(content, mark: frame.mark, tag: frame.tag), count: frame.count, height: frame.height,
      anchor: frame.anchor, at: frame.mark)
  }

  private mutating func alias(_ name: String, at mark: YAMLMark) throws(Stop) {
    if stack.contains(where: { $0.anchor == name }) {
      throw Stop(kind: .recursiveAlias, mark: mark, message: "alias '\(name)' refers to a node that contains it")
    }
    guard let anchored = anchors[name] else {
      throw Stop(kind: .unknownAlias, mark: mark, message: "unknown alias '\(name)'")
    }
    aliasNodes = Self.saturatingSum(aliasNodes, anchored.count)
    guard aliasNodes <= limits.maxAliasExpansion else {
      throw Stop(
        kind: .aliasExpansion, mark: mark,
        message: "alias expansion exceeds \(limits.maxAliasExpansion) nodes (possible 'billion laughs' document)")
    }
    guard stack.count + anchored.height <= limits.maxDepth else { throw tooDeep(at: mark) }
    try countNodes(anchored.count, at: mark)
    add(anchored.node, count: anchored.count, height: anchored.height, anchor: nil, at: mark)
  }

  // MARK: - Tree

  /// Puts a finished node into its parent (or makes it the root).
  ///
  /// `site` is where the node appears in the source: its own mark, or the
  /// alias's for a copy. Duplicate keys are reported there.
  private mutating func add(_ node: YAMLNode, count: Int, height: Int, anchor: String?, at site: YAMLMark) {
    if let anchor {
      anchors[anchor] = Anchored(node: node, count: count, height: height)
    }
    guard !stack.isEmpty else {
      root = node
      return
    }
    let top = stack.count - 1
    stack[top].count = Self.saturatingSum(stack[top].count, count)
    stack[top].height = max(stack[top].height, height + 1)
    guard stack[top].isMapping else {
      stack[top].items.append(node)
      return
    }
    if let key = stack[top].pendingKey {
      stack[top].pairs.append(YAMLPair(key: key, value: node))
      stack[top].pendingKey = nil
    } else {
      noteKey(node, at: site, inFrame: top)
      stack[top].pendingKey = node
    }
  }

  private mutating func noteKey(_ key: YAMLNode, at site: YAMLMark, inFrame index: Int) {
    let identity: KeyIdentity
    if let text = key.scalar {
      identity = .scalar(text)
    } else {
      identity = .collection(Self.withoutMarks(key))
    }
    guard let first = stack[index].firstMarkOfKey[identity] else {
      stack[index].firstMarkOfKey[identity] = site
      return
    }
    let what: String
    switch key.content {
    case .scalar(let text, _): what = "key '\(Self.shortened(text))'"
    case .sequence: what = "sequence key"
    case .mapping: what = "mapping key"
    }
    duplicateKeys.append((site, "duplicate \(what) (first at line \(first.line), column \(first.column))"))
  }

  // MARK: - Helpers

  private mutating func countNodes(_ count: Int, at mark: YAMLMark) throws(Stop) {
    nodes = Self.saturatingSum(nodes, count)
    guard nodes <= limits.maxNodes else {
      throw Stop(kind: .tooManyNodes, mark: mark, message: "document has more than \(limits.maxNodes) nodes")
    }
  }

  static func secondDocument(at mark: YAMLMark) -> Stop {
    Stop(kind: .multipleDocuments, mark: mark, message: "expected one YAML document, found a second one")
  }

  private func tooDeep(at mark: YAMLMark) -> Stop {
    Stop(kind: .tooDeep, mark: mark, message: "nesting deeper than \(limits.maxDepth) levels")
  }

  private static func saturatingSum(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? .max : sum
  }

  /// A key's text fit for a one-line message: escapes line breaks and tabs, cut at 60 characters.
  private static func shortened(_ text: String) -> String {
    var result = ""
    for character in text {
      if result.count >= 60 {
        result += "..."
        break
      }
      switch character {
      case "\n", "\r\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default: result.append(character)
      }
    }
    return result
  }

  /// The node with every mark zeroed, for comparing structure (depth is bounded by `maxDepth`).
  private static func withoutMarks(_ node: YAMLNode) -> YAMLNode {
    let content: YAMLNode.Content
    switch node.content {
    case .scalar(let text, _):
      content = .scalar(text, .plain)
    case .sequence(let items):
      content = .sequence(items.map(withoutMarks))
    case .mapping(let pairs):
      content = .mapping(pairs.map { YAMLPair(key: withoutMarks($0.key), value: withoutMarks($0.value)) })
    }
    return YAMLNode(content, mark: YAMLMark(line: 0, column: 0))
  }
}
