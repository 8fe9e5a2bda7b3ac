import Foundation
import TaxonomyYAML

/// Reads the screening part of a release (`regimes/`, `lists/`) and extra list folders, decodes
/// every file and collects every problem before failing, like the taxonomy loader.
public enum ScreeningLoader {
  /// The name of the country table inside `regimes/`.
  public static let countryFile = "countries.yaml"

  /// Loads from a folder: a release folder holding `regimes/` (and maybe `lists/`), or a
  /// `regimes` folder itself (its sibling `lists/` is read when there is one). `extraLists` are
  /// further list folders (`--lists`).
  public static func load(directory path: String, extraLists: [String] = []) throws(TaxonomyLoadError)
    -> ScreeningRules
  {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw failure("no such regimes folder (expected a release folder holding regimes/, or a regimes folder)", at: path)
    }
    let base = URL(fileURLWithPath: path)
    var regimesDir = base.appendingPathComponent("regimes").path
    var listsDir = base.appendingPathComponent("lists").path
    if FileManager.default.fileExists(atPath: base.appendingPathComponent(countryFile).path) {
      regimesDir = path
      listsDir = base.deletingLastPathComponent().appendingPathComponent("lists").path
    }
    guard FileManager.default.fileExists(atPath: regimesDir) else {
      throw failure("no regimes/ folder here (expected a release folder holding regimes/, or a regimes folder)", at: path)
    }
    let regimes = try TaxonomyFileSet(directory: regimesDir)
    var lists: [TaxonomyFileSet] = []
    if FileManager.default.fileExists(atPath: listsDir) { lists.append(try TaxonomyFileSet(directory: listsDir)) }
    return try load(regimes: regimes, lists: lists + listFolders(extraLists))
  }

  /// Reads `--lists` folders.
  public static func listFolders(_ paths: [String]) throws(TaxonomyLoadError) -> [TaxonomyFileSet] {
    var out: [TaxonomyFileSet] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw failure("no such list folder", at: path)
      }
      out.append(try TaxonomyFileSet(directory: path))
    }
    return out
  }

  static func failure(_ message: String, at path: String) -> TaxonomyLoadError {
    TaxonomyLoadError(
      diagnostics: [Diagnostic(.error, message, at: SourceLocation(file: path, line: 1, column: 1))], sources: [:])
  }

  /// Loads regimes and lists from file sets.
  public static func load(regimes: TaxonomyFileSet, lists: [TaxonomyFileSet]) throws(TaxonomyLoadError)
    -> ScreeningRules
  {
    var diagnostics: [Diagnostic] = []
    var sources: [String: String] = [:]

    func parse(_ set: TaxonomyFileSet, _ name: String) -> (YAMLNode, String)? {
      let display = set.displayName(name)
      guard let bytes = set.bytes(name) else { return nil }
      sources[display] = String(decoding: bytes, as: UTF8.self)
      do {
        guard let root = try YAMLReader.parseDocument(bytes, file: display) else {
          diagnostics.append(Diagnostic(.error, "the file is empty", at: SourceLocation(file: display, line: 1, column: 1)))
          return nil
        }
        return (root, display)
      } catch {
        for p in error.problems {
          diagnostics.append(
            Diagnostic(.error, p.message, at: SourceLocation(file: p.file, line: p.mark.line, column: p.mark.column)))
        }
        return nil
      }
    }

    var countries = CountryTable()
    if regimes.bytes(countryFile) == nil {
      diagnostics.append(
        Diagnostic(
          .error, "missing the country table \(countryFile)",
          at: SourceLocation(file: regimes.displayName(countryFile), line: 1, column: 1)))
    } else if let (root, display) = parse(regimes, countryFile) {
      var d = YAMLDecoding(file: display)
      countries = CountryTableDecoder.decode(root, &d)
      diagnostics += d.diagnostics
    }

    var decodedRegimes: [Regime] = []
    for name in regimes.names where name != countryFile {
      guard let (root, display) = parse(regimes, name) else { continue }
      var d = YAMLDecoding(file: display)
      let id = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : String(name.dropLast(4))
      if let regime = RegimeFileDecoder.decode(root, expectedID: id, countries: countries, &d) {
        decodedRegimes.append(regime)
      }
      diagnostics += d.diagnostics
    }
    decodedRegimes.sort { $0.id < $1.id }
    let regimeIDs = decodedRegimes.map(\.id)

    var decodedLists: [OrganisationList] = []
    var listsHasher = SHA256()
    for set in lists {
      for name in set.names {
        guard let (root, display) = parse(set, name) else { continue }
        listsHasher.update(Array(display.utf8))
        listsHasher.update([0])
        listsHasher.update(set.bytes(name) ?? [])
        var d = YAMLDecoding(file: display)
        if let list = OrganisationListDecoder.decode(root, countries: countries, &d) {
          if let other = decodedLists.first(where: { $0.id == list.id }) {
            d.error(
              "list '\(list.id)' is loaded twice (also from \(other.file))",
              at: SourceLocation(file: display, line: 1, column: 1))
          } else {
            decodedLists.append(list)
          }
          for regime in list.regimes where !regimeIDs.contains(regime) {
            var message = "list '\(list.id)' names an unknown regime '\(regime)'"
            if let s = EditDistance.suggestion(for: regime, among: regimeIDs) { message += " (did you mean '\(s)'?)" }
            d.error(message, at: SourceLocation(file: display, line: 1, column: 1))
          }
        }
        diagnostics += d.diagnostics
      }
    }

    diagnostics.sort()
    if diagnostics.contains(where: { $0.severity == .error }) {
      throw TaxonomyLoadError(diagnostics: diagnostics, sources: sources)
    }
    return ScreeningRules(
      countries: countries, regimes: decodedRegimes, lists: decodedLists, origin: regimes.origin,
      regimesHash: regimes.contentHash, listsHash: listsHasher.finalizeHex(), sources: sources)
  }
}
