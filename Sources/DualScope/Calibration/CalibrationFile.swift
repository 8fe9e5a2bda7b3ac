import Foundation
import TaxonomyYAML

/// Reads and writes `calibration.yaml`, the learned part of a release.
///
/// ```yaml
/// format: 2
/// release: "2026.1"
/// cut: 0.5
/// decision: rules-then-probability   # optional; probability when absent
/// add_cut: 0.7                       # optional, with the rules first: adds an area the rules miss
/// clear_probability: 0.8
/// options: {hash_bits: 18, l2_evidence: 0.0001, ...}
/// training: {documents: 9500, sha256: "…"}
/// validation: {arxiv-dev: "…"}
/// areas:
///   - id: quantum
///     bias: -1.2
///     evidence: {role.title: 0.8, role.aim: 1.1, …, field.quantum.computing: 0.4}
/// context:
///   areas: [semiconductors, …]
///   weights: |
///     1234 0.0213 0 -0.1402 …
/// ```
/// `weights` holds one line per hashed word bucket: the bucket, then one weight per area in the
/// order of `context.areas`. With `options.shared_context: true`, `context.areas` ends in
/// `shared`, each line has the shared context model's weight last, and each area has a `shared:`
/// weight for that column's sum. Problems are reported with the line and column they are on.
public enum CalibrationFile {
  public static let name = "calibration.yaml"
  static let keys = ["format", "release", "cut", "decision", "add_cut", "clear_probability", "options", "training", "validation", "areas", "context"]
  static let optionKeys = [
    "hash_bits", "l2_evidence", "l2_context", "context_scale", "min_document_frequency", "prune", "iterations",
    "context_columns", "shared_context", "bigrams",
  ]

  /// Numbers as written: shortest text that reads back to the same value, at most 6 significant digits.
  static func number(_ x: Double) -> String {
    if x == 0 { return "0" }
    let text = String(format: "%.6g", x)
    return text.contains("e") ? String(format: "%.8f", x) : text
  }

  /// Rounds a value the way it is written, so the model in memory and the model read back agree.
  static func rounded(_ x: Double) -> Double { Double(number(x)) ?? x }

  public static func encode(_ m: CalibrationModel) -> String {
    var out = "# Learned scoring of this release, written by `dualscope calibrate`. Do not edit by hand:\n"
    out += "# the weights belong to the release's terms and to the training data recorded below.\n"
    out += "format: \(m.format)\n"
    out += "release: \"\(m.release)\"\n"
    out += "cut: \(number(m.cut))\n"
    if m.decision != .probability { out += "decision: \(m.decision.rawValue)\n" }
    if let add = m.addCut { out += "add_cut: \(number(add))\n" }
    out += "clear_probability: \(number(m.clearProbability))\n"
    let o = m.options
    out += "options:\n"
    out += "  hash_bits: \(o.hashBits)\n"
    out += "  l2_evidence: \(number(o.l2Evidence))\n"
    out += "  l2_context: \(number(o.l2Context))\n"
    out += "  context_scale: \(number(o.contextScale))\n"
    out += "  min_document_frequency: \(o.minDocumentFrequency)\n"
    out += "  prune: \(number(o.prune))\n"
    out += "  iterations: \(o.iterations)\n"
    out += "  context_columns: [\(o.contextColumns.map { "\"\($0)\"" }.joined(separator: ", "))]\n"
    if o.sharedContext { out += "  shared_context: true\n" }
    if !o.bigrams { out += "  bigrams: false\n" }
    out += "training:\n  documents: \(m.trainingDocuments)\n  sha256: \"\(m.trainingHash)\"\n"
    out += "validation:\n"
    if m.validation.isEmpty { out = String(out.dropLast()) + " {}\n" }
    for key in m.validation.keys.sorted() {
      out += "  \"\(key)\": \"\(m.validation[key]!.replacingOccurrences(of: "\"", with: "'"))\"\n"
    }
    out += "areas:\n"
    for a in m.areas {
      out += "  - id: \(a.id)\n    bias: \(number(a.bias))\n"
      if o.sharedContext { out += "    shared: \(number(a.shared))\n" }
      out += "    evidence:\n"
      for name in a.evidence.keys.sorted(by: { evidenceOrder($0, $1) }) {
        out += "      \(name): \(number(a.evidence[name]!))\n"
      }
    }
    out += "context:\n  areas: [\(m.contextColumns.joined(separator: ", "))]\n  weights: |\n"
    for row in m.context {
      out += "    \(row.bucket)"
      for w in row.weights { out += " " + number(Double(w)) }
      out += "\n"
    }
    if m.context.isEmpty { out += "    # none\n" }
    return out
  }

  /// What to say when a learned table would make a file larger than a release file may be
  /// (`limit`, the YAML reader's), with the options that make it smaller; nil when it fits.
  public static func sizeProblem(_ bytes: Int, options: CalibrationModel.Options, limit: Int = YAMLLimits().maxBytes) -> String? {
    guard bytes > limit else { return nil }
    let mb = { (n: Int) in String(format: "%.1f", Double(n) / 1_048_576) }
    return "the learned table takes \(mb(bytes)) MB, more than the \(mb(limit)) MB a release file may hold: "
      + "raise --prune (now \(number(options.prune))) or lower --hash-bits (now \(options.hashBits))"
  }

  /// Fixed features first in their order, then fields by name.
  static func evidenceOrder(_ a: String, _ b: String) -> Bool {
    let ia = CalibrationModel.fixedFeatures.firstIndex(of: a) ?? Int.max
    let ib = CalibrationModel.fixedFeatures.firstIndex(of: b) ?? Int.max
    return ia != ib ? ia < ib : a < b
  }

  /// Decodes the file; problems go into `decoding`.
  static func decode(_ root: YAMLNode, _ decoding: inout YAMLDecoding) -> CalibrationModel? {
    guard
      let map = decoding.mapping(
        root, what: "the calibration", allowed: keys,
        required: ["format", "release", "cut", "options", "areas", "context"])
    else { return nil }
    let format = decoding.integer(map["format"], key: "format") ?? TextFeatures.WordHash.current.format
    if TextFeatures.WordHash(format: format) == nil, let node = map["format"] {
      decoding.error("calibration format \(format) is not one this tool reads (1 or 2)", at: node)
    }
    var options = CalibrationModel.Options()
    // Written only when off: files from before the key were learned with pairs of words.
    options.bigrams = true
    if let node = map["options"], let o = decoding.mapping(node, what: "options", allowed: optionKeys) {
      if let v = decoding.integer(o["hash_bits"], key: "hash_bits") {
        if v < 8 || v > 24 {
          decoding.error("'hash_bits' must be between 8 and 24, found \(v)", at: o["hash_bits"]!)
        } else {
          options.hashBits = v
        }
      }
      if let v = decoding.number(o["l2_evidence"], key: "l2_evidence") { options.l2Evidence = v }
      if let v = decoding.number(o["l2_context"], key: "l2_context") { options.l2Context = v }
      if let v = decoding.number(o["context_scale"], key: "context_scale") { options.contextScale = v }
      if let v = decoding.integer(o["min_document_frequency"], key: "min_document_frequency") {
        options.minDocumentFrequency = v
      }
      if let v = decoding.number(o["prune"], key: "prune") { options.prune = v }
      if let v = decoding.integer(o["iterations"], key: "iterations") { options.iterations = v }
      if let v = decoding.stringList(o["context_columns"], key: "context_columns") { options.contextColumns = v.map(\.0) }
      if let v = decoding.bool(o["shared_context"], key: "shared_context") { options.sharedContext = v }
      if let v = decoding.bool(o["bigrams"], key: "bigrams") { options.bigrams = v }
    }
    let cut = decoding.number(map["cut"], key: "cut") ?? 0.5
    if !(cut > 0 && cut < 1), let node = map["cut"] { decoding.error("'cut' must be between 0 and 1", at: node) }
    var decision = DecisionRule.probability
    if let node = map["decision"], let text = decoding.string(node, key: "decision") {
      if let rule = DecisionRule(rawValue: text) {
        decision = rule
      } else {
        decoding.error("unknown decision '\(text)'; one of \(DecisionRule.names)", at: node)
      }
    }
    var addCut: Double?
    if let node = map["add_cut"], let add = decoding.number(node, key: "add_cut") {
      if decision != .rulesThenProbability {
        decoding.error("'add_cut' needs 'decision: \(DecisionRule.rulesThenProbability.rawValue)'", at: node)
      } else if !(add > cut && add < 1) {
        decoding.error("'add_cut' must be above the cut (\(number(cut))) and below 1", at: node)
      } else {
        addCut = add
      }
    }
    let clear = decoding.number(map["clear_probability"], key: "clear_probability") ?? 0.8
    var documents = 0
    var hash = ""
    if let node = map["training"], let t = decoding.mapping(node, what: "training", allowed: ["documents", "sha256"]) {
      documents = decoding.integer(t["documents"], key: "documents") ?? 0
      hash = decoding.string(t["sha256"], key: "sha256") ?? ""
    }
    var validation: [String: String] = [:]
    if let node = map["validation"], case .mapping(let pairs) = node.content {
      for pair in pairs {
        if let k = decoding.string(pair.key, key: "validation key"), let v = decoding.string(pair.value, key: k) {
          validation[k] = v
        }
      }
    }
    var areas: [CalibrationModel.Area] = []
    if let node = map["areas"] {
      if case .sequence(let items) = node.content {
        for item in items {
          guard let a = decoding.mapping(item, what: "an area", allowed: ["id", "bias", "shared", "evidence"], required: ["id", "bias"])
          else { continue }
          let id = decoding.string(a["id"], key: "id") ?? ""
          if areas.contains(where: { $0.id == id }) { decoding.error("area '\(id)' is listed twice", at: a["id"]!) }
          var evidence: [String: Double] = [:]
          var featureLocations: [String: SourceLocation] = [:]
          if let e = a["evidence"] {
            if case .mapping(let pairs) = e.content {
              for pair in pairs {
                if let k = decoding.string(pair.key, key: "feature"), let v = decoding.number(pair.value, key: k) {
                  evidence[k] = v
                  featureLocations[k] = decoding.location(pair.key)
                }
              }
            } else {
              decoding.error("'evidence' must be a mapping, found \(YAMLDecoding.describe(e))", at: e)
            }
          }
          var area = CalibrationModel.Area(id: id, bias: decoding.number(a["bias"], key: "bias") ?? 0, evidence: evidence)
          if let node = a["shared"] {
            if options.sharedContext {
              area.shared = decoding.number(node, key: "shared") ?? 0
            } else {
              decoding.error("'shared' needs 'options.shared_context: true'", at: node)
            }
          }
          area.location = a["id"].map { decoding.location($0) }
          area.featureLocations = featureLocations
          areas.append(area)
        }
      } else {
        decoding.error("'areas' must be a list, found \(YAMLDecoding.describe(node))", at: node)
      }
    }
    var context: [(bucket: Int32, weights: [Float])] = []
    if let node = map["context"], let c = decoding.mapping(node, what: "context", allowed: ["areas", "weights"], required: ["areas", "weights"]) {
      let order = decoding.stringList(c["areas"], key: "areas")?.map(\.0) ?? []
      let expected = areas.map(\.id) + (options.sharedContext ? [CalibrationModel.sharedColumnName] : [])
      if order != expected, let n = c["areas"] {
        decoding.error(
          "'context.areas' must list the areas in the order of 'areas'"
            + (options.sharedContext ? ", then 'shared'" : "") + " (\(expected.joined(separator: ", ")))", at: n)
      }
      if let w = c["weights"], let text = decoding.string(w, key: "weights") {
        context = rows(text, node: w, areas: order.count, bits: options.hashBits, &decoding)
      }
    }
    var model = CalibrationModel(
      release: decoding.string(map["release"], key: "release") ?? "", options: options, cut: cut,
      clearProbability: clear, trainingHash: hash, trainingDocuments: documents, validation: validation,
      areas: areas, context: context)
    model.format = format
    model.decision = decision
    model.addCut = addCut
    return model
  }

  /// Reads the weight lines of a block scalar; a bad line is reported at its own line (the block
  /// starts on the line after its `|`). Works on the bytes: a release's table has tens of
  /// thousands of lines, and splitting and trimming them as strings made `classify` of one text
  /// with a calibrated release take 0.66 s (0.19 s this way, 0.06 s without calibration).
  static func rows(
    _ text: String, node: YAMLNode, areas: Int, bits: Int, _ decoding: inout YAMLDecoding
  ) -> [(bucket: Int32, weights: [Float])] {
    var out: [(bucket: Int32, weights: [Float])] = []
    var previous: Int32 = -1
    var errors = 0
    let bytes = Array(text.utf8)
    var tokens: [Range<Int>] = []
    tokens.reserveCapacity(areas + 1)
    var lineStart = 0
    var k = 0
    while lineStart <= bytes.count {
      var lineEnd = lineStart
      while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
      defer { lineStart = lineEnd + 1; k += 1 }
      tokens.removeAll(keepingCapacity: true)
      var i = lineStart
      while i < lineEnd {
        while i < lineEnd, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
        let s = i
        while i < lineEnd, bytes[i] != 0x20, bytes[i] != 0x09, bytes[i] != 0x0D { i += 1 }
        if i > s { tokens.append(s..<i) }
      }
      if tokens.isEmpty || bytes[tokens[0].lowerBound] == UInt8(ascii: "#") { continue }
      func token(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
      let location = SourceLocation(file: decoding.file, line: node.mark.line + 1 + k, column: 5)
      func fail(_ message: String) {
        errors += 1
        if errors <= 20 { decoding.error(message, at: location) }
      }
      guard tokens.count == areas + 1 else {
        fail("a context line needs a bucket and \(areas) weights, found \(tokens.count) values")
        continue
      }
      // A bucket is a whole number as written ("7.0" is not one): digits only take the fast path.
      let whole = !bytes[tokens[0]].contains(UInt8(ascii: "."))
      guard let bucket = (whole ? Self.decimal(bytes, tokens[0]).flatMap { Int32(exactly: $0) } : nil) ?? Int32(token(tokens[0])),
        bucket >= 0, Int(bucket) < 1 << bits
      else {
        fail("'\(token(tokens[0]))' is not a bucket below 2^\(bits)")
        continue
      }
      guard bucket > previous else {
        fail("bucket \(bucket) is out of order (buckets must increase)")
        continue
      }
      var weights: [Float] = []
      weights.reserveCapacity(areas)
      for r in tokens.dropFirst() {
        // Most weights of a row are 0 (an area the word says nothing about).
        if r.count == 1, bytes[r.lowerBound] == UInt8(ascii: "0") {
          weights.append(0)
          continue
        }
        guard let v = Self.decimal(bytes, r) ?? Double(token(r)), v.isFinite else {
          fail("'\(token(r))' is not a number")
          break
        }
        weights.append(Float(v))
      }
      guard weights.count == areas else { continue }
      previous = bucket
      out.append((bucket, weights))
    }
    return out
  }

  /// A number written as `[-]digits[.digits]` with at most 15 digits, read from the bytes: the
  /// digits as an integer divided by a power of ten, both exact in a `Double`, so the one
  /// rounding of the division gives the value `Double(String)` gives (Clinger's fast path). Nil
  /// for anything else, which is then read as a string. Read as strings, the weights of a release
  /// (a million numbers) were most of the time spent reading its table.
  static func decimal(_ bytes: [UInt8], _ r: Range<Int>) -> Double? {
    var i = r.lowerBound
    let negative = i < r.upperBound && bytes[i] == UInt8(ascii: "-")
    if negative { i += 1 }
    var mantissa: UInt64 = 0
    var digits = 0
    var fraction = 0
    var point = false
    guard i < r.upperBound else { return nil }
    while i < r.upperBound {
      let b = bytes[i]
      if b == UInt8(ascii: ".") {
        guard !point, digits > 0 else { return nil }
        point = true
      } else if b >= 0x30 && b <= 0x39 {
        mantissa = mantissa &* 10 &+ UInt64(b - 0x30)
        digits += 1
        if point { fraction += 1 }
        guard digits <= 15 else { return nil }
      } else {
        return nil
      }
      i += 1
    }
    guard digits > 0, !(point && fraction == 0) else { return nil }
    let value = Double(mantissa) / Self.powersOfTen[fraction]
    return negative ? -value : value
  }

  private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

  /// Parses and binds the calibration of a release; the diagnostics of every problem.
  static func load(
    _ bytes: [UInt8], display: String, table: NodeTable
  ) -> (CalibrationModel?, [Diagnostic]) {
    let root: YAMLNode?
    do {
      root = try YAMLReader.parseDocument(bytes, file: display)
    } catch {
      return (nil, error.problems.map {
        Diagnostic(.error, $0.message, at: SourceLocation(file: $0.file, line: $0.mark.line, column: $0.mark.column))
      })
    }
    guard let root else {
      return (nil, [Diagnostic(.error, "the file is empty", at: SourceLocation(file: display, line: 1, column: 1))])
    }
    var decoding = YAMLDecoding(file: display)
    guard var model = decode(root, &decoding), decoding.diagnostics.isEmpty else { return (nil, decoding.diagnostics) }
    let problems = model.bind(table)
    if !problems.isEmpty {
      return (nil, problems.map { Diagnostic(.error, $0.0, at: $0.1 ?? SourceLocation(file: display, line: 1, column: 1)) })
    }
    return (model, [])
  }
}
