import DualScope
import FuzzSupport

/// The input split at NUL bytes into a manifest and up to two area files (`a.yaml`, `b.yaml`),
/// loaded as a release: a taxonomy or diagnostics, never a crash. The taxonomy passes its
/// invariant checks; diagnostics are sorted, sit inside the files, and render.
@_cdecl("LLVMFuzzerTestOneInput")
public func taxonomyLoaderTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let pieces = FuzzInput(data, size).bytes.pieces(separatedBy: 0, limit: 3)
  var files: [String: [UInt8]] = [:]
  for (name, bytes) in zip(["taxonomy.yaml", "a.yaml", "b.yaml"], pieces) { files[name] = bytes }
  let set = TaxonomyFileSet(origin: "fuzz", displayPrefix: "fuzz/", files: files)

  let diagnostics: [Diagnostic]
  let sources: [String: String]
  do {
    let loaded = try TaxonomyLoader.load(set)
    let taxonomy = loaded.taxonomy
    taxonomy._checkInvariants()
    fuzzCheck(!taxonomy.areas.isEmpty || taxonomy.nodes.isEmpty, "fields without an area")
    fuzzCheck(loaded.warnings.allSatisfy { $0.severity == .warning }, "an error among the warnings of a load")
    for node in taxonomy.nodes {
      fuzzCheck(taxonomy.node(node.id) == node, "node \(node.id) not found by its ID")
      fuzzCheck(files["\(node.location.file.dropFirst("fuzz/".count))"] != nil, "node from \(node.location.file)")
    }
    let again = try TaxonomyLoader.load(set)
    fuzzCheck(again.taxonomy.nodes == taxonomy.nodes, "a second load gave other nodes")
    fuzzCheck(again.taxonomy.contentHash == taxonomy.contentHash, "a second load gave another hash")
    diagnostics = loaded.warnings
    sources = loaded.sources
  } catch {
    fuzzCheck(!error.errors.isEmpty, "a failed load without errors: \(error.diagnostics)")
    diagnostics = error.diagnostics
    sources = error.sources
  }

  fuzzCheck(diagnostics == diagnostics.sorted(), "diagnostics not sorted")
  for d in diagnostics {
    fuzzCheck(d.location.line >= 1 && d.location.column >= 1, "diagnostic at \(d.location): \(d)")
    fuzzCheck(!d.message.isEmpty, "diagnostic without a message at \(d.location)")
    if let text = sources[d.location.file] {
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
      // libyaml also breaks lines at CR, NEL, LS and PS.
      let breaks = text.unicodeScalars.filter { "\r\u{85}\u{2028}\u{2029}".unicodeScalars.contains($0) }.count
      fuzzCheck(d.location.line <= lines + breaks, "diagnostic past the end of its file: \(d)")
    }
  }
  for colour in [false, true] {
    let renderer = DiagnosticRenderer(sources: sources, colour: colour)
    let text = renderer.render(diagnostics)
    if !colour {
      for d in diagnostics {
        fuzzCheck(renderer.render(d).hasPrefix(d.description + "\n"), "rendering does not start with \(d)")
      }
      fuzzCheck(diagnostics.isEmpty || !text.isEmpty, "diagnostics rendered as nothing")
    }
  }
  return 0
}
