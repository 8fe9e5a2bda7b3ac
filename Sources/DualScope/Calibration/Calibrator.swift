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
          base.calibrationFeatures(e.text, &s, hashBits: options.hashBits, wordHash: .current, metadata: metadata)
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
    var fitted = [(bias: Double, evidence: [Double], context: [(Int32, Double)])?](repeating: nil, count: areas.count)
    let workers = max(1, min(threads, areas.count))
    fitted.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      DispatchQueue.concurrentPerform(iterations: workers) { w in
        var k = w
        while k < areas.count {
          out[k] = fitArea(areas[k], examples, rows, table)
          k += workers
        }
      }
    }
    var modelAreas: [CalibrationModel.Area] = []
    var contextByBucket: [Int32: [Float]] = [:]
    for (k, a) in areas.enumerated() {
      let fit = fitted[k]!
      let names = CalibrationModel.evidenceNames(forArea: a, in: table)
      var evidence: [String: Double] = [:]
      for (name, w) in zip(names, fit.evidence) { evidence[name] = CalibrationFile.rounded(w) }
      modelAreas.append(.init(id: table.id[a], bias: CalibrationFile.rounded(fit.bias), evidence: evidence))
      for (b, w) in fit.context where abs(w) >= options.prune {
        contextByBucket[b, default: Array(repeating: 0, count: areas.count)][k] = Float(CalibrationFile.rounded(w))
      }
    }
    let context = contextByBucket.keys.sorted().map { (bucket: $0, weights: contextByBucket[$0]!) }
    var model = CalibrationModel(
      release: release, options: options, cut: cut, clearProbability: clearProbability,
      trainingHash: Self.trainingHash(examples), trainingDocuments: examples.count, validation: [:],
      areas: modelAreas, context: context)
    // Weights as written read back to the same Float; bind the tables now.
    model.context = model.context.map { row in
      (row.bucket, row.weights.map { Float(CalibrationFile.rounded(Double($0))) })
    }
    _ = model.bind(table)
    return model
  }

  /// The rows of one area: documents with a counted term of the area and not left out of its
  /// counts (weak labels only).
  func fitArea(
    _ a: Int, _ examples: [CalibrationExample], _ rows: [Row], _ table: NodeTable
  ) -> (bias: Double, evidence: [Double], context: [(Int32, Double)]) {
    let id = table.id[a]
    let width = CalibrationModel.evidenceNames(forArea: a, in: table).count
    var chosen: [Int] = []
    for (i, e) in examples.enumerated() where !rows[i].evidence[a].isEmpty {
      if e.strong.contains(id) || !e.weak.contains(id) { chosen.append(i) }
    }
    var frequency: [Int32: Int] = [:]
    for i in chosen { for b in rows[i].buckets { frequency[b, default: 0] += 1 } }
    let vocabulary = frequency.filter { $0.value >= options.minDocumentFrequency }.keys.sorted()
    var column: [Int32: Int32] = [:]
    for (c, b) in vocabulary.enumerated() { column[b] = Int32(c) }
    var problem = LogisticProblem(
      denseWidth: width, sparseWidth: vocabulary.count, l2Dense: options.l2Evidence, l2Sparse: options.l2Context)
    for i in chosen {
      let f = rows[i].evidence[a]
      problem.dense += f.count == width ? f : Array(f.prefix(width)) + Array(repeating: 0, count: max(0, width - f.count))
      for (b, v) in zip(rows[i].buckets, rows[i].values) {
        if let c = column[b] {
          problem.columns.append(c)
          problem.values.append(v)
        }
      }
      problem.rowStart.append(problem.columns.count)
      problem.labels.append(examples[i].strong.contains(id) ? 1 : 0)
      problem.weights.append(examples[i].weight)
    }
    guard !chosen.isEmpty else { return (-5, Array(repeating: 0, count: width), []) }
    problem.normalise()
    let theta = problem.fit(iterations: options.iterations)
    let evidence = Array(theta[1...width])
    var context: [(Int32, Double)] = []
    for (c, b) in vocabulary.enumerated() where theta[1 + width + c] != 0 { context.append((b, theta[1 + width + c])) }
    return (theta[0], evidence, context)
  }
}
