/// One classified input record, as the writers see it: where it came from, what it carried and
/// what the classifier said. The text itself is dropped once classified.
public struct BatchDocument: Sendable {
  /// 0-based position of the record among all records of the run (error records included).
  public var sequence: Int
  public var id: String
  public var source: String
  public var line: Int
  /// The carried columns, in the order they were asked for.
  public var carried: [(String, String)]
  /// The record held invalid UTF-8, replaced with U+FFFD before classifying.
  public var invalidUTF8: Bool
  public var classification: Classification

  public init(
    sequence: Int, id: String, source: String, line: Int, carried: [(String, String)], invalidUTF8: Bool,
    classification: Classification
  ) {
    self.sequence = sequence
    self.id = id
    self.source = source
    self.line = line
    self.carried = carried
    self.invalidUTF8 = invalidUTF8
    self.classification = classification
  }

  /// The value of a carried column, empty when it was not carried.
  public func carried(_ column: String) -> String {
    carried.first { $0.0 == column }?.1 ?? ""
  }

  /// The most specific top evidence terms over all assigned fields, best first, without repeats.
  public func topTerms(_ limit: Int) -> [String] {
    var seen = Set<String>()
    var all: [(String, Double)] = []
    for field in classification.fields {
      for e in field.evidence where seen.insert(e.term).inserted { all.append((e.term, e.contribution)) }
    }
    all.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    return all.prefix(limit).map(\.0)
  }
}

/// What a worker hands back for one chunk: the encoded output or the documents themselves, the
/// error records, and the counts, all in input order.
public struct ProcessedChunk: Sendable {
  /// Encoded output lines (JSONL, CSV); empty when the sink takes documents.
  public var bytes: [UInt8] = []
  /// The documents, when the sink takes documents (SQLite, the map).
  public var documents: [BatchDocument] = []
  public var errors: [RecordError] = []
  public var counts: BatchCounts
  public var inputBytes: Int = 0
  /// Seconds this chunk spent turning records into strings, classifying, and encoding.
  public var times = StageTimes()
}

/// Where a run's time went, in seconds (worker stages summed over the workers).
public struct StageTimes: Sendable, Hashable {
  /// Reading blocks and finding records (the reader thread).
  public var read = 0.0
  /// Turning records into strings: fields, UTF-8 checks, JSON (workers).
  public var parse = 0.0
  /// Matching and scoring (workers).
  public var classify = 0.0
  /// Encoding output lines or rows (workers).
  public var encode = 0.0
  /// Writing to the output (the writer thread; SQLite inserts included).
  public var write = 0.0

  mutating func add(_ o: StageTimes) {
    read += o.read
    parse += o.parse
    classify += o.classify
    encode += o.encode
    write += o.write
  }
}
