/// A record's screening line and its JSON as a result line carries it (`"screening":{…}`, the
/// bytes ``JSONLinesResultWriter`` writes for it). A portfolio worker makes both once per distinct
/// line (``ScreeningScratch/line(_:make:)``) and copies the bytes into every result line that has it;
/// a worker that writes JSON lines only keeps the bytes and the triage level, not the line's lists
/// (``ScreeningScratch/keepsLines``).
///
/// One object: the level and the lists in its header, the JSON's bytes stored after them in the
/// object itself. A record's line is one reference: as a struct of the line's three lists and
/// the bytes, every record that read it from a memo table retained and released all four. With
/// the bytes in an array of their own, every record still touched two objects that had gone cold
/// in a worker's memo tables (thousands of distinct lines on the benchmark portfolio), retained
/// and released both, and the encoder read the array's header twice more. Such loads that miss
/// the cache are most of what a portfolio of many distinct cells and lines costs the screening
/// over one whose records repeat a single set of cells (DESIGN.md, "Screening").
final class ScreenedLine: ManagedBuffer<ScreenedLine.Header, UInt8> {
  struct Header {
    let level: TriageLevel
    /// How many bytes of JSON follow.
    let count: Int
    let kept: ScreeningLine?
  }

  /// A line with its lists (`line`) or without (`level` alone), and its JSON.
  static func make(level: TriageLevel, line: ScreeningLine? = nil, json: [UInt8]) -> ScreenedLine {
    let made = unsafeDowncast(
      create(minimumCapacity: json.count) { _ in Header(level: level, count: json.count, kept: line) },
      to: ScreenedLine.self)
    made.withUnsafeMutablePointerToElements { elements in
      json.withUnsafeBufferPointer { bytes in
        if let base = bytes.baseAddress { elements.initialize(from: base, count: bytes.count) }
      }
    }
    return made
  }

  /// The triage level, read in place (a copy of the header would retain its lists).
  var level: TriageLevel { withUnsafeMutablePointerToHeader { $0.pointee.level } }

  /// The JSON's bytes, read in place.
  @inline(__always) func withJSON<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
    withUnsafeMutablePointers { header, elements in
      body(UnsafeRawBufferPointer(start: elements, count: header.pointee.count))
    }
  }

  /// How many bytes the JSON has.
  var jsonCount: Int { withUnsafeMutablePointerToHeader { $0.pointee.count } }

  /// A copy of the JSON's bytes.
  var json: [UInt8] { withJSON { Array($0) } }

  /// The line; only for a scratch that keeps lines.
  var line: ScreeningLine {
    guard let kept = withUnsafeMutablePointerToHeader({ $0.pointee.kept }) else {
      preconditionFailure("a screening line asked of a scratch that keeps its JSON only")
    }
    return kept
  }
}
