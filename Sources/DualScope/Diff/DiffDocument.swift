/// The JSON document `diff --format json` prints (schema `dualscope.diff/1`).
public struct DiffDocument: Sendable, Encodable {
  public var schema = "dualscope.diff/1"
  public var tool = ResultMetadata.Tool()
  public var old: TaxonomyDiff.Release
  public var new: TaxonomyDiff.Release
  public var identical: Bool
  public var summary: DiffSummary
  public var manifest: ManifestDiff
  public var nodes: [NodeDiff]
  public var lineage: [LineageEvent]
  public var impact: DiffImpact?
  /// Changes of regimes and organisation lists, when either release has them.
  public var screening: ScreeningDiff?
  /// Changes of the learned scoring, when either release is calibrated.
  public var calibration: CalibrationDiff?

  public init(
    _ diff: TaxonomyDiff, calibration: CalibrationDiff? = nil, screening: ScreeningDiff? = nil,
    impact: DiffImpact? = nil
  ) {
    old = diff.old
    new = diff.new
    identical = diff.isEmpty && (screening?.isEmpty ?? true) && (calibration?.isEmpty ?? true)
    self.screening = screening
    self.calibration = calibration
    summary = DiffSummary(diff)
    manifest = diff.manifest
    nodes = diff.nodes
    lineage = diff.lineage
    self.impact = impact
  }

  enum CodingKeys: String, CodingKey {
    case schema, tool, old, new, identical, summary, manifest, nodes, lineage, calibration, screening, impact
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(schema, forKey: .schema)
    try c.encode(tool, forKey: .tool)
    try c.encode(old, forKey: .old)
    try c.encode(new, forKey: .new)
    try c.encode(identical, forKey: .identical)
    try c.encode(summary, forKey: .summary)
    try c.encode(manifest, forKey: .manifest)
    try c.encode(nodes, forKey: .nodes)
    try c.encode(lineage, forKey: .lineage)
    try c.encodeIfPresent(calibration, forKey: .calibration)
    try c.encodeIfPresent(screening, forKey: .screening)
    try c.encodeIfPresent(impact, forKey: .impact)
  }
}

/// One line of `diff --impact-output`: a changed document with the releases it compares.
public struct DiffImpactLine: Sendable, Encodable {
  public var old: String
  public var new: String
  public var document: DocumentChange

  public init(old: String, new: String, document: DocumentChange) {
    self.old = old
    self.new = new
    self.document = document
  }

  public func encode(to encoder: any Encoder) throws {
    try document.encode(to: encoder)
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(old, forKey: .oldVersion)
    try c.encode(new, forKey: .newVersion)
  }

  enum Keys: String, CodingKey {
    case oldVersion = "old_version"
    case newVersion = "new_version"
  }
}
