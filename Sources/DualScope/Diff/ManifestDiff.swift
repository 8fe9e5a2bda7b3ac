/// How two releases' manifests differ: identity, version, sources, defaults and notes.
public struct ManifestDiff: Sendable, Hashable, Encodable {
  public var schemaVersion: Change<Int>?
  public var id: Change<String>?
  public var version: Change<String>?
  public var title: Change<String>?
  public var released: Change<String>?
  public var languages: ListChange?
  /// Sources only in the new manifest, in its order.
  public var sourcesAdded: [SourceReference]
  /// Sources only in the old manifest, in its order.
  public var sourcesRemoved: [SourceReference]
  /// Sources in both whose title or address changed, by ID (so that reversing keeps the order).
  public var sourcesChanged: [SourceChange]
  public var fieldThreshold: Change<Double>?
  public var areaThreshold: Change<Double>?
  public var weakWindow: Change<Int>?
  public var negationWindow: Change<Int>?
  public var loneTermFactor: Change<Double>?
  public var secondaryMinMatches: Change<Int>?
  public var clearEvidence: Change<Double>?
  public var studyContext: StudyContextChange?
  public var recordContext: RecordContextChange?
  public var releaseNotes: Change<String>?

  /// Nothing changed.
  public var isEmpty: Bool { self == ManifestDiff() }

  /// Only the version, release date and notes changed, as they do in every release.
  public var onlyReleaseBookkeeping: Bool {
    var copy = self
    copy.version = nil
    copy.released = nil
    copy.releaseNotes = nil
    return copy.isEmpty
  }

  init() {
    sourcesAdded = []
    sourcesRemoved = []
    sourcesChanged = []
  }

  init(old: TaxonomyManifest, new: TaxonomyManifest) {
    self.init()
    schemaVersion = Change.between(old.schemaVersion, new.schemaVersion)
    id = Change.between(old.id, new.id)
    version = Change.between(old.version, new.version)
    title = Change.between(old.title, new.title)
    released = Change.between(old.released, new.released)
    languages = ListChange.between(old.languages, new.languages)
    let oldIDs = Set(old.sources.map(\.id))
    let newIDs = Set(new.sources.map(\.id))
    sourcesAdded = new.sources.filter { !oldIDs.contains($0.id) }
    sourcesRemoved = old.sources.filter { !newIDs.contains($0.id) }
    for source in new.sources {
      guard let before = old.sources.first(where: { $0.id == source.id }) else { continue }
      let change = SourceChange(
        id: source.id, title: Change.between(before.title, source.title),
        url: Change.between(before.url, source.url))
      if change.title != nil || change.url != nil { sourcesChanged.append(change) }
    }
    sourcesChanged.sort { $0.id < $1.id }
    fieldThreshold = Change.between(old.defaults.fieldThreshold, new.defaults.fieldThreshold)
    areaThreshold = Change.between(old.defaults.areaThreshold, new.defaults.areaThreshold)
    weakWindow = Change.between(old.defaults.weakWindow, new.defaults.weakWindow)
    negationWindow = Change.between(old.defaults.negationWindow, new.defaults.negationWindow)
    loneTermFactor = Change.between(old.defaults.loneTermFactor, new.defaults.loneTermFactor)
    secondaryMinMatches = Change.between(old.defaults.secondaryMinMatches, new.defaults.secondaryMinMatches)
    clearEvidence = Change.between(old.defaults.clearEvidence, new.defaults.clearEvidence)
    studyContext = StudyContextChange.between(old.studyContext, new.studyContext)
    recordContext = RecordContextChange.between(old.recordContext, new.recordContext)
    releaseNotes = Change.between(old.releaseNotes, new.releaseNotes)
  }

  public var reversed: ManifestDiff {
    var r = ManifestDiff()
    r.schemaVersion = schemaVersion?.reversed
    r.id = id?.reversed
    r.version = version?.reversed
    r.title = title?.reversed
    r.released = released?.reversed
    r.languages = languages?.reversed
    r.sourcesAdded = sourcesRemoved
    r.sourcesRemoved = sourcesAdded
    r.sourcesChanged = sourcesChanged.map(\.reversed)
    r.fieldThreshold = fieldThreshold?.reversed
    r.areaThreshold = areaThreshold?.reversed
    r.weakWindow = weakWindow?.reversed
    r.negationWindow = negationWindow?.reversed
    r.loneTermFactor = loneTermFactor?.reversed
    r.secondaryMinMatches = secondaryMinMatches?.reversed
    r.clearEvidence = clearEvidence?.reversed
    r.studyContext = studyContext?.reversed
    r.recordContext = recordContext?.reversed
    r.releaseNotes = releaseNotes?.reversed
    return r
  }

  enum CodingKeys: String, CodingKey {
    case schemaVersion = "schema_version"
    case id, version, title, released, languages
    case sourcesAdded = "sources_added"
    case sourcesRemoved = "sources_removed"
    case sourcesChanged = "sources_changed"
    case fieldThreshold = "field_threshold"
    case areaThreshold = "area_threshold"
    case weakWindow = "weak_window"
    case negationWindow = "negation_window"
    case loneTermFactor = "lone_term_factor"
    case secondaryMinMatches = "secondary_min_matches"
    case clearEvidence = "clear_evidence"
    case studyContext = "study_context"
    case recordContext = "record_context"
    case releaseNotes = "release_notes"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(schemaVersion, forKey: .schemaVersion)
    try c.encodeIfPresent(id, forKey: .id)
    try c.encodeIfPresent(version, forKey: .version)
    try c.encodeIfPresent(title, forKey: .title)
    try c.encodeIfPresent(released, forKey: .released)
    try c.encodeIfPresent(languages, forKey: .languages)
    try c.encode(sourcesAdded, forKey: .sourcesAdded)
    try c.encode(sourcesRemoved, forKey: .sourcesRemoved)
    try c.encode(sourcesChanged, forKey: .sourcesChanged)
    try c.encodeIfPresent(fieldThreshold, forKey: .fieldThreshold)
    try c.encodeIfPresent(areaThreshold, forKey: .areaThreshold)
    try c.encodeIfPresent(weakWindow, forKey: .weakWindow)
    try c.encodeIfPresent(negationWindow, forKey: .negationWindow)
    try c.encodeIfPresent(loneTermFactor, forKey: .loneTermFactor)
    try c.encodeIfPresent(secondaryMinMatches, forKey: .secondaryMinMatches)
    try c.encodeIfPresent(clearEvidence, forKey: .clearEvidence)
    try c.encodeIfPresent(studyContext, forKey: .studyContext)
    try c.encodeIfPresent(recordContext, forKey: .recordContext)
    try c.encodeIfPresent(releaseNotes, forKey: .releaseNotes)
  }
}

/// A source listed in both manifests whose title or address changed.
public struct SourceChange: Sendable, Hashable, Encodable {
  public var id: String
  public var title: Change<String>?
  public var url: Change<String?>?

  public var reversed: SourceChange { SourceChange(id: id, title: title?.reversed, url: url?.reversed) }
}
