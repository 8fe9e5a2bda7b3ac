/// What a portfolio pipeline's workers do with each chunk of readable records: classify and
/// encode them (``BatchRunner``), classify them with two releases (``ImpactAnalysis``), or
/// compare them with their labels (``Evaluator``).
///
/// `process` runs on worker threads, one chunk at a time, and must be a pure function of its
/// input and its own scratch: the pipeline hands the outputs back in input order, so what the
/// consumer sees does not depend on the number of threads.
public protocol PortfolioWork: Sendable {
  /// Per-thread state (a classifier scratch), made once per worker.
  associatedtype Scratch
  associatedtype Output: Sendable

  func makeScratch() -> Scratch
  /// The output for one chunk's readable records, in input order.
  func process(_ records: [PortfolioRecord], scratch: inout Scratch) -> Output
  /// The worker's ``CellInterner``, for work that screens: the records of a CSV input whose
  /// screening fields repeat then share one set of cells.
  func interner(_ scratch: Scratch) -> CellInterner?
}

extension PortfolioWork {
  public func interner(_ scratch: Scratch) -> CellInterner? { nil }
}

/// One chunk's worth of a pipeline's output, in input order.
public struct PipelineChunk<Output: Sendable>: Sendable {
  public var output: Output
  /// The chunk's records that could not be read, in input order.
  public var errors: [RecordError]
  /// Readable records handed to the work.
  public var records: Int
  /// Input bytes the chunk covered (uncompressed).
  public var inputBytes: Int
  /// Seconds spent turning rows into records (`parse`) and in the work (`classify`).
  public var times: StageTimes
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
  /// Writing to the output (the consumer's thread; SQLite inserts included).
  public var write = 0.0

  public init() {}

  mutating func add(_ o: StageTimes) {
    read += o.read
    parse += o.parse
    classify += o.classify
    encode += o.encode
    write += o.write
  }
}
