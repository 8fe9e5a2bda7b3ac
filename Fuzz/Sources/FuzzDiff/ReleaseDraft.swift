import DualScope
import FuzzSupport

/// The shipped releases' files, read once.
enum DiffBase {
  static let releases: [TaxonomyFileSet] = ["2024.1", "2025.1"].map { version in
    guard let files = ShippedTaxonomy.files(version: version) else { fuzzFailure("no shipped release \(version)") }
    return files
  }

  /// The area files listed by the newest release's manifest, in its order.
  static let areaNames: [String] = {
    let manifest = String(decoding: releases[1].bytes("taxonomy.yaml") ?? [], as: UTF8.self)
    return manifest.split(separator: "\n").compactMap { line in
      line.hasPrefix("  - ") && line.hasSuffix(".yaml") ? String(line.dropFirst(4)) : nil
    }
  }()

  static var areaCount: Int { areaNames.count }

  /// Every node ID of both releases, and a few that neither has: what lineage edits point at.
  static let identifiers: [String] = {
    var ids = Set<String>(["quantum.new", "energy.nuclear", "x", "quantum", "Quantum.Computing"])
    for release in releases {
      for name in release.names {
        let text = String(decoding: release.bytes(name) ?? [], as: UTF8.self)
        for line in text.split(separator: "\n") {
          let trimmed = line.drop { $0 == " " || $0 == "-" }
          if trimmed.hasPrefix("id: ") { ids.insert(String(trimmed.dropFirst(4))) }
        }
      }
    }
    return ids.sorted()
  }()

  /// A release of the given areas only: its manifest lists just those files.
  static func draft(release: Int, areas: [Int]) -> ReleaseDraft {
    let files = releases[release]
    let names = areas.map { areaNames[$0] }
    var manifest: [String] = []
    var inAreas = false
    for line in String(decoding: files.bytes("taxonomy.yaml") ?? [], as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    {
      if inAreas && line.hasPrefix("  - ") { continue }
      inAreas = line == "areas:"
      manifest.append(String(line))
      if inAreas { manifest += names.map { "  - " + $0 } }
    }
    var draft = ReleaseDraft(names: ["taxonomy.yaml"] + names, lines: [manifest])
    for name in names {
      let text = String(decoding: files.bytes(name) ?? [], as: UTF8.self)
      draft.lines.append(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }
    return draft
  }
}

/// One edit of a release's text: which kind, in which file, at which line, with which value.
struct LineEdit {
  static let kinds = 10
  var kind: Int
  var file: Int
  var line: Int
  var value: Int
}

/// A release as lines of text, edited, then loaded.
struct ReleaseDraft {
  var names: [String]
  var lines: [[String]]

  var files: [String: [UInt8]] {
    var out: [String: [UInt8]] = [:]
    for (name, text) in zip(names, lines) { out[name] = Array(text.joined(separator: "\n").utf8) }
    return out
  }

  /// The taxonomy, or nil when the edits broke it (the diagnostics must still render).
  func load(origin: String) -> Taxonomy? {
    do {
      let loaded = try TaxonomyLoader.load(TaxonomyFileSet(origin: origin, displayPrefix: origin + "/", files: files))
      loaded.taxonomy._checkInvariants()
      return loaded.taxonomy
    } catch {
      fuzzCheck(!error.errors.isEmpty, "a failed load without errors")
      _ = DiagnosticRenderer(sources: error.sources).render(error.diagnostics)
      return nil
    }
  }

  mutating func apply(_ edit: LineEdit) {
    let f = edit.file % lines.count
    var text = lines[f]
    guard !text.isEmpty else { return }
    let i = edit.line % text.count
    let line = text[i]
    let indent = String(repeating: " ", count: line.prefix { $0 == " " }.count)
    let itemIndent = line.drop { $0 == " " }.hasPrefix("- ") ? indent + "  " : indent
    let id = DiffBase.identifiers[edit.value % DiffBase.identifiers.count]
    switch edit.kind {
    case 0:
      text.remove(at: i)
    case 1:
      text.insert(line, at: i)
    case 2:
      // The line and everything indented under it: a whole entry or list item.
      var end = i + 1
      while end < text.count, text[end].isEmpty || text[end].prefix(while: { $0 == " " }).count > indent.count {
        end += 1
      }
      text.removeSubrange(i..<end)
    case 3:
      let numbers = ["0", "0.5", "1", "2.5", "3", "10", "11", "-1", "1e3", "2.0"]
      text[i] = Self.replacingFirstNumber(in: line, with: numbers[edit.value % numbers.count])
    case 4:
      text.insert(itemIndent + "replaces: [\(id)]", at: i + 1)
    case 5:
      text.insert(itemIndent + "split_from: \(id)", at: i + 1)
    case 6:
      text.insert(itemIndent + "parent: \(id)", at: i + 1)
    case 7:
      guard let r = line.range(of: "id: ") else { return }
      let renamed = edit.value & 1 == 0 ? id : String(line[r.upperBound...]) + "-v"
      text[i] = String(line[..<r.upperBound]) + renamed
    case 8:
      guard let j = text[i...].firstIndex(where: { $0.contains("sensitivity: ") }),
        let r = text[j].range(of: "sensitivity: ")
      else { return }
      text[j] = String(text[j][..<r.upperBound]) + ["low", "medium", "high"][edit.value % 3]
    default:
      text.swapAt(i, edit.value * text.count / 256)
    }
    lines[f] = text
  }

  static func replacingFirstNumber(in line: String, with number: String) -> String {
    let chars = Array(line)
    guard let start = chars.firstIndex(where: \.isNumber) else { return line }
    var end = start
    while end < chars.count, chars[end].isNumber || chars[end] == "." { end += 1 }
    return String(chars[..<start]) + number + String(chars[end...])
  }
}
