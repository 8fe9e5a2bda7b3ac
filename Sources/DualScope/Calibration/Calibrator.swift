import Dispatch
import Foundation

/// One labelled document for calibration.
public struct CalibrationExample: Sendable {
  /// Where it came from (an input's name), recorded in the training hash.
  public var source: String
  public var id: String
  public var text: String
  /// Areas the document is a positive for, and areas it is left out of (weak labels only).
  public var strong: Set<String>
  public var weak: Set<String>
  /// `column=value` pairs for the metadata features.
  public var metadata: [(String, String)]
  /// The weight of the document in the fit.
  public var weight: Double

  public init(
    source: String, id: String, text: String, strong: Set<String>, weak: Set<String>,
    metadata: [(String, String)] = [], weight: Double = 1
  ) {
    self.source = source
    self.id = id
    self.text = text
    self.strong = strong
    self.weak = weak
    self.metadata = metadata
    self.weight = weight
  }
}

/// Learns a ``CalibrationModel`` for a release from labelled documents.
public struct Calibrator: Sendable {
  public var options: CalibrationModel.Options
  public var cut: Double = 0.5
  /// How the calibrated release assigns areas; written into the model, not used in the fit.
  public var decision: DecisionRule = .probability
  /// With the rules first, the probability that adds an area the rules do not assign
  /// (``CalibrationModel/addCut``); written into the model, not used in the fit.
  public var addCut: Double?
  public var clearProbability: Double = 0.8
  /// Worker threads; areas are fitted in parallel, each independently, so the result does not
  /// depend on this number.
  public var threads: Int = 2
  let base: Classifier

  /// `classifier` gives the release's evidence; it is used uncalibrated.
  public init(base classifier: Classifier, options: CalibrationModel.Options = .init()) {
    var o = classifier.options
    o.uncalibrated = true
    self.base = Classifier(index: classifier.index, options: o)
    self.options = options
  }

  /// The features of one document.
  struct Row: Sendable {
    /// Evidence features by area node; empty for an area with no counted term.
    var evidence: [[Double]]
    /// Hashed features (sorted buckets) and their values.
    var buckets: [Int32]
    var values: [Double]
  }

  func features(_ examples: [CalibrationExample]) -> [Row] {
    var rows = [Row?](repeating: nil, count: examples.count)
    let workers = max(1, min(threads, examples.count))
    rows.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      DispatchQueue.concurrentPerform(iterations: workers) { w in
        var s = ClassifierScratch()
        var i = w
        while i < examples.count {
          let e = examples[i]
          let metadata = e.metadata.filter { options.contextColumns.contains($0.0) }
          base.score(e.text, &s)
          base.calibrationFeatures(
            e.text, &s, hashBits: options.hashBits, wordHash: .current, bigrams: options.bigrams, metadata: metadata)
          let value = Classifier.contextValue(s.calibration.buckets.count, scale: options.contextScale)
          var pairs: [(Int32, Double)] = s.calibration.buckets.map { ($0, value) }
          pairs += s.calibration.metadataBuckets.map { ($0, 1.0) }
          pairs.sort { $0.0 < $1.0 }
          var buckets: [Int32] = []
          var values: [Double] = []
          for (b, v) in pairs {
            if let last = buckets.last, last == b {
              values[values.count - 1] += v
            } else {
              buckets.append(b)
              values.append(v)
            }
          }
          out[i] = Row(evidence: s.calibration.features, buckets: buckets, values: values)
          i += workers
        }
      }
    }
    return rows.map { $0! }
  }

  /// SHA-256 over the examples in order: source, ID, labels, weight, metadata and text.
  public static func trainingHash(_ examples: [CalibrationExample]) -> String {
    var h = SHA256()
    for e in examples {
      var line = e.source + "\u{0}" + e.id + "\u{0}" + e.strong.sorted().joined(separator: ",") + "\u{0}"
      line += e.weak.sorted().joined(separator: ",") + "\u{0}" + CalibrationFile.number(e.weight) + "\u{0}"
      line += e.metadata.map { $0.0 + "=" + $0.1 }.joined(separator: "\u{1}") + "\u{0}"
      h.update(Array(line.utf8))
      h.update(Array(e.text.utf8))
      h.update([0x0a])
    }
    return h.finalizeHex()
  }

  /// Fits one model per area of the release and returns the calibration.
  public func train(_ examples: [CalibrationExample], release: String) -> CalibrationModel {
    let table = base.index.nodes
    let rows = features(examples)
    let areas = table.areas
    let shared: SharedContext? = options.sharedContext ? sharedContext(examples, rows, table) : nil
    var fitted = [AreaFit?](repeating: nil, count: areas.count)
    let workers = max(1, min(threads, areas.count))
    fitted.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      DispatchQueue.concurrentPerform(iterations: workers) { w in
        var k = w
        while k < areas.count {
          out[k] = fitArea(areas[k], examples, rows, table, shared: shared)
          k += workers
        }
      }
    }
    var modelAreas: [CalibrationModel.Area] = []
    var contextByBucket: [Int32: [Float]] = [:]
    let columns = areas.count + (shared == nil ? 0 : 1)
    for (k, a) in areas.enumerated() {
      let fit = fitted[k]!
      let names = CalibrationModel.evidenceNames(forArea: a, in: table)
      var evidence: [String: Double] = [:]
      for (name, w) in zip(names, fit.evidence) { evidence[name] = CalibrationFile.rounded(w) }
      var area = CalibrationModel.Area(id: table.id[a], bias: CalibrationFile.rounded(fit.bias), evidence: evidence)
      area.shared = CalibrationFile.rounded(fit.shared)
      modelAreas.append(area)
      for (b, w) in fit.context where abs(w) >= options.prune {
        contextByBucket[b, default: Array(repeating: 0, count: columns)][k] = Float(CalibrationFile.rounded(w))
      }
    }
    for (b, w) in shared?.weights ?? [] where abs(w) >= options.prune {
      contextByBucket[b, default: Array(repeating: 0, count: columns)][areas.count] = Float(CalibrationFile.rounded(w))
    }
    let context = contextByBucket.keys.sorted().map { (bucket: $0, weights: contextByBucket[$0]!) }
    var model = CalibrationModel(
      release: release, options: options, cut: cut, clearProbability: clearProbability,
      trainingHash: Self.trainingHash(examples), trainingDocuments: examples.count, validation: [:],
      areas: modelAreas, context: context)
    model.decision = decision
    model.addCut = decision == .rulesThenProbability ? addCut : nil
    // Weights as written read back to the same Float; bind the tables now.
    model.context = model.context.map { row in
      (row.bucket, row.weights.map { Float(CalibrationFile.rounded(Double($0))) })
    }
    _ = model.bind(table)
    return model
  }

  /// One area's fitted parameters: its bias, evidence weights, context weights and the weight of
  /// the shared context sum (0 without a shared context model).
  struct AreaFit: Sendable {
    var bias: Double
    var evidence: [Double]
    var context: [(Int32, Double)]
    var shared: Double
  }

  /// The rows of one area: documents with a counted term of the area and not left out of its
  /// counts (weak labels only). With a shared context model, its out-of-fold logit is one more
  /// evidence feature.
  func fitArea(
    _ a: Int, _ examples: [CalibrationExample], _ rows: [Row], _ table: NodeTable, shared: SharedContext? = nil
  ) -> AreaFit {
    let id = table.id[a]
    let named = CalibrationModel.evidenceNames(forArea: a, in: table).count
    let width = named + (shared == nil ? 0 : 1)
    let chosen = examples.indices.filter { Self.isRow(examples[$0], rows[$0], area: a, id: id) }
    let vocabulary = Vocabulary(chosen.map { rows[$0] }, minimum: options.minDocumentFrequency)
    var problem = LogisticProblem(
      denseWidth: width, sparseWidth: vocabulary.buckets.count, l2Dense: options.l2Evidence, l2Sparse: options.l2Context)
    for i in chosen {
      let f = rows[i].evidence[a]
      problem.dense += f.count == named ? f : Array(f.prefix(named)) + Array(repeating: 0, count: max(0, named - f.count))
      if let shared { problem.dense.append(shared.outOfFold[i]) }
      vocabulary.append(rows[i], to: &problem)
      problem.labels.append(examples[i].strong.contains(id) ? 1 : 0)
      problem.weights.append(examples[i].weight)
    }
    guard !chosen.isEmpty else { return AreaFit(bias: -5, evidence: Array(repeating: 0, count: named), context: [], shared: 0) }
    problem.normalise()
    let theta = problem.fit(iterations: options.iterations)
    let evidence = Array(theta[1...named])
    var context: [(Int32, Double)] = []
    for (c, b) in vocabulary.buckets.enumerated() where theta[1 + width + c] != 0 { context.append((b, theta[1 + width + c])) }
    return AreaFit(bias: theta[0], evidence: evidence, context: context, shared: shared == nil ? 0 : theta[1 + named])
  }

  /// Whether a document is a row of area `a`: it has a counted term of the area and is not left
  /// out of its counts (weak labels only).
  static func isRow(_ e: CalibrationExample, _ row: Row, area a: Int, id: String) -> Bool {
    !row.evidence[a].isEmpty && (e.strong.contains(id) || !e.weak.contains(id))
  }

  /// The hashed features seen in at least `minimum` of some rows, numbered as sparse columns.
  struct Vocabulary: Sendable {
    /// The buckets in column order.
    let buckets: [Int32]
    let column: [Int32: Int32]

    init(_ rows: [Row], minimum: Int) {
      var frequency: [Int32: Int] = [:]
      for row in rows { for b in row.buckets { frequency[b, default: 0] += 1 } }
      buckets = frequency.filter { $0.value >= minimum }.keys.sorted()
      var column: [Int32: Int32] = [:]
      for (c, b) in buckets.enumerated() { column[b] = Int32(c) }
      self.column = column
    }

    /// Adds a row's features that have a column to the problem's sparse rows, and ends the row.
    func append(_ row: Row, to problem: inout LogisticProblem) {
      for (b, v) in zip(row.buckets, row.values) {
        if let c = column[b] {
          problem.columns.append(c)
          problem.values.append(v)
        }
      }
      problem.rowStart.append(problem.columns.count)
    }

    /// The logit of a row's features under sparse weights `theta` (bias and dense weights first).
    func logit(_ row: Row, _ theta: [Double], offset: Int) -> Double {
      var z = 0.0
      for (b, v) in zip(row.buckets, row.values) {
        if let c = column[b] { z += theta[offset + Int(c)] * v }
      }
      return z
    }
  }

  /// A context model shared by the areas: does a text with a counted term develop what it
  /// names? Learned from every area's rows at once, so words of studies about technology seen
  /// with one area's terms count against the others' too.
  struct SharedContext: Sendable {
    /// Per example that is a row of some area, the context logit of a model fitted without the
    /// example's fold; 0 for the others.
    var outOfFold: [Double]
    /// The context weights of the model fitted on all rows.
    var weights: [(Int32, Double)]
  }

  /// Fits the shared context model: its rows are the documents that are rows of some area, its
  /// label whether the document is a positive of an area it is a row of; five fits without one
  /// fold each (a row's fold is its position among the rows modulo 5) and one on all rows, in
  /// parallel, each deterministic.
  func sharedContext(_ examples: [CalibrationExample], _ rows: [Row], _ table: NodeTable) -> SharedContext {
    var chosen: [Int] = []
    var labels: [Double] = []
    for (i, e) in examples.enumerated() {
      let rowOf = table.areas.filter { Self.isRow(e, rows[i], area: $0, id: table.id[$0]) }
      guard !rowOf.isEmpty else { continue }
      chosen.append(i)
      labels.append(rowOf.contains { e.strong.contains(table.id[$0]) } ? 1 : 0)
    }
    let vocabulary = Vocabulary(chosen.map { rows[$0] }, minimum: options.minDocumentFrequency)
    let folds = 5
    let (chosenRows, rowLabels) = (chosen, labels)
    @Sendable func fit(leaving fold: Int?) -> [Double] {
      var problem = LogisticProblem(
        denseWidth: 0, sparseWidth: vocabulary.buckets.count, l2Dense: options.l2Evidence, l2Sparse: options.l2Context)
      for (k, i) in chosenRows.enumerated() where fold == nil || k % folds != fold {
        vocabulary.append(rows[i], to: &problem)
        problem.labels.append(rowLabels[k])
        problem.weights.append(examples[i].weight)
      }
      problem.normalise()
      return problem.fit(iterations: options.iterations)
    }
    var thetas = [[Double]](repeating: [], count: folds + 1)
    thetas.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      DispatchQueue.concurrentPerform(iterations: folds + 1) { f in out[f] = fit(leaving: f < folds ? f : nil) }
    }
    // Each row of the shared model gets the logit of the fit that left its fold out. No area
    // fits on another document (a row of an area is a row of the shared model), so those get 0.
    var outOfFold = [Double](repeating: 0, count: examples.count)
    for (k, i) in chosen.enumerated() { outOfFold[i] = vocabulary.logit(rows[i], thetas[k % folds], offset: 1) }
    let all = thetas[folds]
    var weights: [(Int32, Double)] = []
    for (c, b) in vocabulary.buckets.enumerated() where all[1 + c] != 0 { weights.append((b, all[1 + c])) }
    return SharedContext(outOfFold: outOfFold, weights: weights)
  }
}
