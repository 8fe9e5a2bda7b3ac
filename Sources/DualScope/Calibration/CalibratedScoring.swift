import Foundation

extension Classifier {
  /// Fills the scratch's calibration buffers with the evidence features of every area with a
  /// counted term and the text's hashed words. Shared by scoring and training, so the features a
  /// model learned from are the ones it is applied to.
  func calibrationFeatures(
    _ text: String, _ s: inout ClassifierScratch, hashBits: Int, wordHash: TextFeatures.WordHash, bigrams: Bool,
    metadata: [(String, String)]
  ) {
    let table = index.nodes
    let entries = index.entries
    let nodeCount = table.count
    clearCalibration(&s)
    // Without a counted term no area can be assigned: no features, no probabilities.
    if s.counted.isEmpty { return }
    if s.calibration.seen.count != entries.count { s.calibration.seen = Array(repeating: 0, count: entries.count) }
    if s.calibration.roleScore.count != nodeCount * 5 {
      s.calibration.roleScore = Array(repeating: 0, count: nodeCount * 5)
    } else {
      for i in s.calibration.roleScore.indices { s.calibration.roleScore[i] = 0 }
    }
    s.calibration.sentences.removeAll(keepingCapacity: true)
    let lengthFactor = Self.lengthFactor(words: s.words, options)
    let ratio = options.saturation
    var text = text
    text.withUTF8 { bytes in
      let title = TextFeatures.titleEnd(bytes)
      for m in s.counted {
        let id = Int(m.termID.rawValue)
        let k = s.calibration.seen[id]
        s.calibration.seen[id] = k + 1
        let share = entries[id].weight * (ratio == 0 ? (k == 0 ? 1 : 0) : pow(ratio, Double(k))) / lengthFactor
        let role = TextFeatures.role(at: m.start, bytes, titleEnd: title, found: &s.calibration.sentences)
        s.calibration.matchRole.append(role)
        s.calibration.matchShare.append(share)
        s.calibration.roleScore[table.area[entries[id].node] * 5 + role.rawValue] += share
      }
    }
    for id in s.touched { s.calibration.seen[id] = 0 }

    // Per area: which have counted terms, how many different ones, the best area and the total.
    var best = -1
    var total = 0.0
    for a in table.areas {
      total += s.nodeScore[a]
      if s.nodeScore[a] > 0 && (best < 0 || s.nodeScore[a] > s.nodeScore[best]) { best = a }
    }
    for a in table.areas {
      var distinct = 0
      for id in s.touched where table.area[entries[id].node] == a { distinct += 1 }
      guard distinct > 0 else {
        s.calibration.features[a].removeAll(keepingCapacity: true)
        continue
      }
      let fields = calibrationFields[a]
      var f = s.calibration.features[a]
      s.calibration.features[a] = []
      f.removeAll(keepingCapacity: true)
      for r in 0..<5 { f.append(log1p(s.calibration.roleScore[a * 5 + r])) }
      let score = s.nodeScore[a]
      var other = 0.0
      for b in table.areas where b != a { other = max(other, s.nodeScore[b]) }
      f.append(log1p(score))
      f.append(Double(min(distinct, 6)) / 6)
      f.append(distinct == 1 ? 1 : 0)
      f.append(a == best ? 1 : 0)
      f.append(total > 0 ? score / total : 0)
      let cues = Double(min(s.cues.count, 5)) / 5
      f.append(cues)
      f.append(log1p(other))
      // A study about a technology names it as often as a project that builds it: with study
      // cues, the same evidence may weigh less (a product the linear model cannot form itself).
      f.append(cues * log1p(score))
      // Long descriptions (grant objectives) are written differently from abstracts: each fixed
      // feature has a second weight that applies to them alone.
      let long = s.words > Self.longText ? 1.0 : 0
      f.append(long)
      for r in 0..<12 { f.append(long * f[r]) }
      for i in fields { f.append(log1p(s.nodeScore[i])) }
      s.calibration.features[a] = f
    }
    TextFeatures.contextBuckets(
      text, bits: hashBits, into: &s.calibration.buckets, seen: &s.calibration.seenBuckets, long: s.words > Self.longText,
      hash: wordHash, bigrams: bigrams)
    s.calibration.metadataBuckets.removeAll(keepingCapacity: true)
    for (column, value) in TextFeatures.metadataFeatures(metadata) {
      s.calibration.metadataBuckets.append(TextFeatures.metadataBucket(column: column, value: value, bits: hashBits))
    }
  }

  /// Empties the calibration buffers of a text with nothing to score: no features, no buckets,
  /// every probability -1.
  func clearCalibration(_ s: inout ClassifierScratch) {
    let nodeCount = index.nodes.count
    if s.calibration.features.count != nodeCount { s.calibration.features = Array(repeating: [], count: nodeCount) }
    for a in index.nodes.areas { s.calibration.features[a].removeAll(keepingCapacity: true) }
    if s.calibration.probability.count != nodeCount {
      s.calibration.probability = Array(repeating: -1, count: nodeCount)
    } else {
      for i in s.calibration.probability.indices { s.calibration.probability[i] = -1 }
    }
    s.calibration.matchRole.removeAll(keepingCapacity: true)
    s.calibration.matchShare.removeAll(keepingCapacity: true)
    s.calibration.buckets.removeAll(keepingCapacity: true)
    s.calibration.metadataBuckets.removeAll(keepingCapacity: true)
  }

  /// Texts of more words than this are long descriptions, with weights of their own.
  static let longText = 230

  /// The value of each hashed text feature: `context_scale / √(distinct features)`.
  static func contextValue(_ count: Int, scale: Double) -> Double { count == 0 ? 0 : scale / Double(count).squareRoot() }

  /// Computes the probability of every area with a counted term, or with `onlyAreasOf`, of the
  /// areas that decision assigns alone (-1 for the others, as for an area without a counted
  /// term); when it assigns none, of none, and the text's words are not hashed. (A decision, not
  /// a list of its areas: the list was an allocation a text.)
  func scoreCalibrated(
    _ text: String, _ s: inout ClassifierScratch, _ model: CalibrationModel, onlyAreasOf only: Decision? = nil
  ) {
    let metadata = model.options.contextColumns.isEmpty ? [] : s.metadata.filter { model.options.contextColumns.contains($0.0) }
    if let only, only.areas.isEmpty {
      clearCalibration(&s)
      return
    }
    calibrationFeatures(
      text, &s, hashBits: model.options.hashBits, wordHash: model.wordHash, bigrams: model.options.bigrams,
      metadata: metadata)
    let table = index.nodes
    let width = model.areas.count
    let value = Self.contextValue(s.calibration.buckets.count, scale: model.options.contextScale)
    // Context sums of the modelled areas that have a counted term (one or two of ten, mostly);
    // the other areas' columns are not read.
    if s.calibration.context.count != width { s.calibration.context = Array(repeating: 0, count: width) }
    for k in 0..<width { s.calibration.context[k] = 0 }
    s.calibration.scored.removeAll(keepingCapacity: true)
    for a in table.areas where !s.calibration.features[a].isEmpty && model.modelArea[a] >= 0 && only?.areas.contains { $0.node == a } != false {
      s.calibration.scored.append(model.modelArea[a])
    }
    guard !s.calibration.scored.isEmpty else { return }
    // The rows of the text's buckets first, then each scored area's column over them: the same
    // additions in the same order per area as bucket by bucket, so the same sums to the bit.
    s.calibration.textRows.removeAll(keepingCapacity: true)
    model.bucketRows.rows(of: s.calibration.buckets, into: &s.calibration.textRows)
    let textRows = s.calibration.textRows.count
    model.bucketRows.rows(of: s.calibration.metadataBuckets, into: &s.calibration.textRows)
    let rowCount = model.rowCount
    let textRowList = s.calibration.textRows
    model.scoringWeights.withUnsafeBufferPointer { weights in
      textRowList.withUnsafeBufferPointer { found in
        for k in s.calibration.scored {
          let column = UnsafeBufferPointer(rebasing: weights[k * rowCount..<(k + 1) * rowCount])
          var sum = 0.0
          for i in 0..<textRows { sum += Double(column[Int(found[i])]) * value }
          for i in textRows..<found.count { sum += Double(column[Int(found[i])]) }
          s.calibration.context[k] = sum
        }
      }
    }
    for a in table.areas where !s.calibration.features[a].isEmpty && only?.areas.contains { $0.node == a } != false {
      let k = model.modelArea[a]
      guard k >= 0 else { continue }
      var z = model.biasByNode[a]
      let w = model.evidenceWeights[a]
      let f = s.calibration.features[a]
      for j in 0..<min(w.count, f.count) { z += w[j] * f[j] }
      // With a shared context model, its sum weighed by the area is in the area's column already
      // (``CalibrationModel/scoringWeights``).
      z += s.calibration.context[k]
      s.calibration.probability[a] = 1 / (1 + exp(-z))
    }
  }

  /// The decision of a calibrated release: an area needs its probability to reach the cut and at
  /// least one counted term; its fields keep their thresholds; levels come from the probability
  /// and the fields' sensitivity. The decision's area scores are the probabilities.
  func decisionCalibrated(_ s: ClassifierScratch, _ model: CalibrationModel) -> Decision {
    let table = index.nodes
    let cut = options.cut ?? model.cut
    var areas: [(Int, Double)] = []
    for a in table.areas where s.calibration.probability.count > a && s.calibration.probability[a] >= cut {
      areas.append((a, s.calibration.probability[a]))
    }
    areas.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    if let k = options.topK, areas.count > k { areas.removeLast(areas.count - k) }

    var d = Decision()
    d.calibrated = true
    for (a, p) in areas { addCalibrated(area: a, probability: p, s, model, to: &d) }
    d.status = status(s, assigned: !areas.isEmpty)
    return d
  }

  /// Adds an area assigned by its probability to a decision: its fields that pass their
  /// thresholds, levels from the probability and the fields' sensitivity.
  private func addCalibrated(
    area a: Int, probability p: Double, _ s: ClassifierScratch, _ model: CalibrationModel, to d: inout Decision
  ) {
    let table = index.nodes
    let clear = p >= model.clearProbability
    var areaLevel = DocumentLevel.none
    var fields: [(node: Int, score: Double, level: DocumentLevel)] = []
    for i in 0..<table.count where !table.isArea[i] && table.area[i] == a && s.nodeScore[i] >= thresholds[i] {
      let level = Self.level(table.sensitivity[i], clear: clear)
      fields.append((i, s.nodeScore[i], level))
      areaLevel = max(areaLevel, level)
    }
    fields.sort { $0.score != $1.score ? $0.score > $1.score : $0.node < $1.node }
    d.fields += fields
    if fields.isEmpty {
      let best = bestTouchedSensitivity(inArea: a, s)
      areaLevel = Self.level(best ?? table.sensitivity[a], clear: clear)
    }
    d.areas.append((a, p, areaLevel))
    d.level = max(d.level, areaLevel)
  }

  /// The decision of a calibrated release that decides by its rules first
  /// (``DecisionRule/rulesThenProbability``): the areas the rules assign, with their fields and
  /// levels, less those whose probability is below the cut; with an `add_cut`, also the areas
  /// the rules do not assign whose probability reaches it, as a release deciding by probability
  /// assigns them (by probability, then node; top-k over all). Each area reports its probability.
  func decisionRulesThenProbability(_ s: ClassifierScratch, _ model: CalibrationModel) -> Decision {
    let cut = options.cut ?? model.cut
    let table = index.nodes
    let p = s.calibration.probability
    var d = s.calibration.rules ?? decisionByRules(s)
    // In place: each kept area reports its probability; a new array was an allocation a text.
    let add = addCut(model)
    var added: [(Int, Double)] = []
    if let add {
      for a in table.areas
      where p.count > a && p[a] >= add && !d.areas.contains(where: { $0.node == a }) && !overruledByContext(a, s) {
        added.append((a, p[a]))
      }
    }
    d.areas.removeAll { a in !(p.count > a.node && p[a.node] >= cut) }
    for k in d.areas.indices { d.areas[k].score = p[d.areas[k].node] }
    d.fields.removeAll { f in !d.areas.contains { $0.node == table.area[f.node] } }
    d.level = .none
    for a in d.areas { d.level = max(d.level, a.level) }
    if add != nil {
      added.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
      for (a, q) in added { addCalibrated(area: a, probability: q, s, model, to: &d) }
      if !added.isEmpty {
        d.areas.sort { $0.score != $1.score ? $0.score > $1.score : $0.node < $1.node }
        d.fields.sort { $0.score != $1.score ? $0.score > $1.score : $0.node < $1.node }
        if let k = options.topK, d.areas.count > k {
          d.areas.removeLast(d.areas.count - k)
          d.fields.removeAll { f in !d.areas.contains { $0.node == table.area[f.node] } }
          d.level = d.areas.map(\.level).max() ?? .none
        }
      }
    }
    d.status = status(s, assigned: !d.areas.isEmpty)
    d.calibrated = true
    return d
  }

  /// The probability at which a release that decides by its rules first adds an area its rules
  /// do not assign: its `add_cut`, or the cut in effect when `--cut` raises it above that. Nil
  /// when the release adds none.
  func addCut(_ model: CalibrationModel) -> Double? {
    guard model.decision == .rulesThenProbability, let add = model.addCut else { return nil }
    return max(add, options.cut ?? model.cut)
  }

  /// Whether a release that decides by its rules first assigned this area without its rules
  /// (its probability reached the release's `add_cut`).
  func addedByModel(area a: Int, _ s: ClassifierScratch) -> Bool {
    guard let model = calibrationModel, let add = addCut(model),
      s.calibration.probability.count > a, s.calibration.probability[a] >= add, !overruledByContext(a, s)
    else { return false }
    return !rulesAssign(area: a, s)
  }

  /// Whether a context rule raised area `a`'s bar: the text reads as a study about technology,
  /// or the record's metadata asks for stronger evidence (a coordination and support action).
  /// The model adds no such area: it takes areas away where the rules are too eager, and where
  /// evidence falls just short of a threshold it may add, but it does not overrule the rules a
  /// release sets for the kind of text or record.
  func overruledByContext(_ a: Int, _ s: ClassifierScratch) -> Bool {
    areaBar(a, s) > ownBar(a, s)
  }

  /// Whether the rules of a release that decides by them first assign this area (their decision
  /// as scoring kept it).
  func rulesAssign(area a: Int, _ s: ClassifierScratch) -> Bool {
    (s.calibration.rules ?? decisionByRules(s)).areas.contains { $0.node == a }
  }

  /// A field's level in a calibrated release: clear evidence is a probability of at least the
  /// release's `clear_probability`.
  static func level(_ sensitivity: Sensitivity, clear: Bool) -> DocumentLevel {
    switch sensitivity {
    case .high: clear ? .high : .elevated
    case .medium: clear ? .elevated : .low
    case .low: .low
    }
  }
}
