import TaxonomyYAML

/// Reads typed values out of YAML nodes and collects a diagnostic for every problem.
///
/// Decoding never stops at the first problem: a wrong value is reported and skipped, so one
/// load reports everything that is wrong with a file.
struct YAMLDecoding {
  let file: String
  var diagnostics: [Diagnostic] = []

  init(file: String) { self.file = file }

  func location(_ node: YAMLNode) -> SourceLocation {
    SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
  }

  mutating func error(_ message: String, at node: YAMLNode) {
    diagnostics.append(Diagnostic(.error, message, at: location(node)))
  }

  mutating func error(_ message: String, at location: SourceLocation) {
    diagnostics.append(Diagnostic(.error, message, at: location))
  }

  /// The entries of a mapping by key. Unknown keys, non-string keys and missing required keys
  /// are reported; `nil` when the node is not a mapping at all.
  mutating func mapping(
    _ node: YAMLNode, what: String, allowed: [String], required: [String] = []
  ) -> KeyedNodes? {
    guard case .mapping(let pairs) = node.content else {
      error("\(what) must be a mapping, found \(Self.kindName(node))", at: node)
      return nil
    }
    var keyed = KeyedNodes()
    for pair in pairs {
      guard case .scalar(let key, _) = pair.key.content else {
        error("keys of \(what) must be plain words, found \(Self.kindName(pair.key))", at: pair.key)
        continue
      }
      guard allowed.contains(key) else {
        var message = "unknown key '\(key)' in \(what)"
        if let suggestion = EditDistance.suggestion(for: key, among: allowed) {
          message += " (did you mean '\(suggestion)'?)"
        } else if case .scalar("", .plain) = pair.value.content, key.contains(" ") {
          // `{en: Materials, manufacturing and recycling}` reads as two keys.
          message += " (a comma inside {…} starts a new key; put the text in quotes)"
        }
        error(message, at: pair.key)
        continue
      }
      keyed.values[key] = pair.value
      keyed.keys[key] = pair.key
    }
    for key in required where keyed.values[key] == nil {
      error("missing key '\(key)' in \(what)", at: node)
    }
    return keyed
  }

  /// A scalar as text.
  mutating func string(_ node: YAMLNode?, key: String) -> String? {
    guard let node else { return nil }
    guard case .scalar(let text, _) = node.content else {
      error("'\(key)' must be a text, found \(Self.kindName(node))", at: node)
      return nil
    }
    return text
  }

  /// A plain scalar read as a number.
  mutating func number(_ node: YAMLNode?, key: String) -> Double? {
    guard let node else { return nil }
    if case .scalar(let text, let style) = node.content, style == .plain, let value = Double(text),
      value.isFinite
    {
      return value
    }
    error("'\(key)' must be a number, found \(Self.describe(node))", at: node)
    return nil
  }

  /// A plain scalar read as a whole number.
  mutating func integer(_ node: YAMLNode?, key: String) -> Int? {
    guard let node else { return nil }
    if case .scalar(let text, let style) = node.content, style == .plain, let value = Int(text) {
      return value
    }
    error("'\(key)' must be a whole number, found \(Self.describe(node))", at: node)
    return nil
  }

  /// A plain `true` or `false`.
  mutating func bool(_ node: YAMLNode?, key: String) -> Bool? {
    guard let node else { return nil }
    if case .scalar(let text, let style) = node.content, style == .plain {
      if text == "true" { return true }
      if text == "false" { return false }
    }
    error("'\(key)' must be true or false, found \(Self.describe(node))", at: node)
    return nil
  }

  /// A sequence of scalars, each with its node.
  mutating func stringList(_ node: YAMLNode?, key: String) -> [(String, YAMLNode)]? {
    guard let node else { return nil }
    guard case .sequence(let items) = node.content else {
      error("'\(key)' must be a list, found \(Self.describe(node))", at: node)
      return nil
    }
    var out: [(String, YAMLNode)] = []
    for item in items {
      if let text = string(item, key: key + " item") { out.append((text, item)) }
    }
    return out
  }

  /// A list of scalars, or a single scalar taken as a list of one.
  mutating func stringListOrString(_ node: YAMLNode?, key: String) -> [String]? {
    guard let node else { return nil }
    if case .scalar(let text, _) = node.content { return [text] }
    return stringList(node, key: key)?.map(\.0)
  }

  static func kindName(_ node: YAMLNode) -> String {
    switch node.content {
    case .scalar: "a text"
    case .sequence: "a list"
    case .mapping: "a mapping"
    }
  }

  static func describe(_ node: YAMLNode) -> String {
    if case .scalar(let text, _) = node.content { return "'\(text)'" }
    return kindName(node)
  }
}

/// The entries of a decoded mapping, with the key nodes for error locations.
struct KeyedNodes {
  var values: [String: YAMLNode] = [:]
  var keys: [String: YAMLNode] = [:]

  subscript(key: String) -> YAMLNode? { values[key] }
}
