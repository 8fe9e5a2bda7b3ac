/// A taxonomy as decoded, before validation: the values plus where each was written.
struct TaxonomyDraft {
  var manifest: TaxonomyManifest
  var manifestFile: String
  var nodes: [DraftNode] = []
  /// The area IDs record-context rules name (`supports`, `areas`), where each was written.
  var recordContextAreas: [(id: String, location: SourceLocation)] = []
}

/// An area or field as decoded, with the locations the checks report against.
struct DraftNode {
  var node: TaxonomyNode
  /// Where the `id` value was written.
  var idLocation: SourceLocation
  /// An explicit `parent:` and where it was written.
  var explicitParent: (id: String, location: SourceLocation)?
  /// Dual-use codes as written, valid or not.
  var dualUse: [(code: String, location: SourceLocation)] = []
  var terms: [DraftTerm] = []
  var thresholdLocation: SourceLocation?
}

/// A term as decoded, with the locations of the values the checks look at.
struct DraftTerm {
  var term: Term
  var weightLocation: SourceLocation
  var languageLocation: SourceLocation
}
