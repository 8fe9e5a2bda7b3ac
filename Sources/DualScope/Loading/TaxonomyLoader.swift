import TaxonomyYAML

/// Reads a taxonomy release, decodes it and runs every validation check.
///
/// All problems of a load are collected and thrown together as a ``TaxonomyLoadError``; a
/// successful load returns the warnings beside the taxonomy.
public enum TaxonomyLoader {
  /// The result of a successful load.
  public struct Loaded: Sendable {
    public let taxonomy: Taxonomy
    public let warnings: [Diagnostic]
    /// File texts by display name, for rendering the warnings.
    public let sources: [String: String]
  }

  /// Loads the release in a folder.
  public static func load(directory path: String) throws(TaxonomyLoadError) -> Loaded {
    try load(TaxonomyFileSet(directory: path))
  }

  /// Loads a release from its files.
  public static func load(_ files: TaxonomyFileSet) throws(TaxonomyLoadError) -> Loaded {
    var diagnostics: [Diagnostic] = []
    var sources: [String: String] = [:]

    func parse(_ name: String, requiredAt: SourceLocation?) -> (YAMLNode, String)? {
      let display = files.displayName(name)
      guard let bytes = files.bytes(name) else {
        let location = requiredAt ?? SourceLocation(file: display, line: 1, column: 1)
        let message = requiredAt == nil ? "missing manifest taxonomy.yaml" : "area file '\(name)' not found"
        diagnostics.append(Diagnostic(.error, message, at: location))
        return nil
      }
      sources[display] = String(decoding: bytes, as: UTF8.self)
      do {
        guard let root = try YAMLReader.parseDocument(bytes, file: display) else {
          diagnostics.append(
            Diagnostic(.error, "the file is empty", at: SourceLocation(file: display, line: 1, column: 1)))
          return nil
        }
        return (root, display)
      } catch {
        for problem in error.problems {
          diagnostics.append(
            Diagnostic(
              .error, problem.message,
              at: SourceLocation(file: problem.file, line: problem.mark.line, column: problem.mark.column)))
        }
        return nil
      }
    }

    let manifestName = "taxonomy.yaml"
    guard let (manifestRoot, manifestDisplay) = parse(manifestName, requiredAt: nil) else {
      throw TaxonomyLoadError(diagnostics: diagnostics.sorted(), sources: sources)
    }
    var manifestDecoding = YAMLDecoding(file: manifestDisplay)
    let decodedManifest = ManifestDecoder.decode(manifestRoot, &manifestDecoding)
    diagnostics += manifestDecoding.diagnostics
    guard let (manifest, areaLocations, ruleAreas) = decodedManifest, manifestDecoding.diagnostics.isEmpty else {
      throw TaxonomyLoadError(diagnostics: diagnostics.sorted(), sources: sources)
    }

    var draft = TaxonomyDraft(manifest: manifest, manifestFile: manifestDisplay)
    draft.recordContextAreas = ruleAreas
    for (name, location) in zip(manifest.areaFiles, areaLocations) {
      guard let (root, display) = parse(name, requiredAt: location) else { continue }
      var decoding = YAMLDecoding(file: display)
      draft.nodes += AreaFileDecoder.decode(root, &decoding)
      diagnostics += decoding.diagnostics
    }

    for check in TaxonomyChecks.all {
      check.run(draft, &diagnostics)
    }
    diagnostics.sort()
    if diagnostics.contains(where: { $0.severity == .error }) {
      throw TaxonomyLoadError(diagnostics: diagnostics, sources: sources)
    }
    var taxonomy = Taxonomy(
      manifest: manifest, nodes: draft.nodes.map(\.node), contentHash: files.contentHash,
      origin: files.origin)
    if let bytes = files.bytes(CalibrationFile.name) {
      let display = files.displayName(CalibrationFile.name)
      sources[display] = String(decoding: bytes, as: UTF8.self)
      let (model, problems) = CalibrationFile.load(bytes, display: display, table: NodeTable(taxonomy))
      if !problems.isEmpty {
        throw TaxonomyLoadError(diagnostics: (diagnostics + problems).sorted(), sources: sources)
      }
      taxonomy.calibration = model
    }
    return Loaded(taxonomy: taxonomy, warnings: diagnostics, sources: sources)
  }
}
