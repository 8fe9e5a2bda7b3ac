import Foundation

/// The one way to run a portfolio: read records from every input in chunks, process the chunks on
/// worker threads, and deliver the outputs to the consumer in input order.
///
/// Every record read is either handed to the work or delivered as an error record, and the
/// counts are checked at the end. Memory stays flat: at most `3 × threads` chunks are in flight.
/// `batch`, `map` of a portfolio, `evaluate` and `diff --impact` all run through here; there is no
/// other concurrency loop in the library.
public struct PortfolioPipeline: Sendable {
  public let input: PortfolioInput

  /// A pipeline over the inputs, columns and threads of `input`.
  public init(_ input: PortfolioInput) { self.input = input }

  /// How far a run has come, for a progress line.
  public struct Progress: Sendable {
    public var records: Int
    /// Input bytes processed (uncompressed).
    public var bytes: Int
    /// How far reading has come in the input files (compressed bytes for gzip), and their total
    /// size when known: the fraction done, for an ETA.
    public var position: Int
    public var totalBytes: Int?
    public var seconds: Double
  }

  /// What a run read: records (readable or not), error records, bytes and time.
  public struct Totals: Sendable {
    public var records = 0
    public var errors = 0
    public var inputBytes = 0
    public var times = StageTimes()
    public var startedAt = ""
    public var finishedAt = ""
    public var seconds = 0.0
  }

  /// Opens every input and checks its columns, so a run fails before writing anything.
  public func open() throws(SetupError) -> [OpenedInput] { try input.open() }

  /// Runs `work` over every record of `inputs`, calling `deliver` on this thread with each chunk's
  /// output in input order, and `progress` now and then. A damaged input (a broken gzip stream)
  /// becomes one error record and reading goes on with the next input. An error thrown by
  /// `deliver` stops the run and is rethrown after the workers have stopped.
  public func run<Work: PortfolioWork>(
    _ inputs: [OpenedInput], work: Work, deliver: (PipelineChunk<Work.Output>) throws -> Void,
    progress: ((Progress) -> Void)? = nil
  ) throws -> Totals {
    let started = Date()
    let clock = ContinuousClock.now
    var totals = Totals()
    let totalBytes: Int? = inputs.reduce(0) { total, s in s.stream.size.flatMap { size in total.map { $0 + size } } }
    var lastProgress = clock
    var doneSize = 0
    var current: RecordStream?
    var handed = 0

    func take(_ chunk: PipelineChunk<Work.Output>) throws {
      totals.errors += chunk.errors.count
      totals.inputBytes += chunk.inputBytes
      totals.times.add(chunk.times)
      handed += chunk.records + chunk.errors.count
      let t = ContinuousClock.now
      try deliver(chunk)
      totals.times.write += (ContinuousClock.now - t).seconds
    }
    func report(force: Bool) {
      guard let progress else { return }
      let now = ContinuousClock.now
      guard force || now - lastProgress > .milliseconds(200) else { return }
      lastProgress = now
      progress(
        Progress(
          records: handed, bytes: totals.inputBytes, position: doneSize + (current?.position ?? 0),
          totalBytes: totalBytes, seconds: (now - clock).seconds))
    }

    typealias Job = (RecordChunk, ResolvedLayout)
    let workers: ChunkPipeline<Job, PipelineChunk<Work.Output>>? =
      input.threads > 1
      ? ChunkPipeline(
        threads: input.threads, makeState: { work.makeScratch() },
        work: { job, scratch in Self.process(job.0, job.1, work, &scratch) })
      : nil
    var scratch = work.makeScratch()
    var submitted = 0
    var delivered = 0
    let inFlight = input.threads * 3
    do {
      for opened in inputs {
        let stream = opened.stream
        current = stream
        defer {
          doneSize += stream.size ?? 0
          current = nil
        }
        var failed = false
        while !failed {
          let t = ContinuousClock.now
          var chunk: RecordChunk?
          do {
            chunk = try stream.next()
          } catch {
            chunk = RecordChunk(
              source: stream.path, bytes: [], rows: [.error(line: error.line, message: error.message)], inputBytes: 0)
            failed = true
          }
          totals.times.read += (ContinuousClock.now - t).seconds
          guard let chunk else { break }
          totals.records += chunk.count
          if let workers {
            workers.submit(submitted, (chunk, opened.layout))
            submitted += 1
            while submitted - delivered >= inFlight, let out = workers.result(delivered, wait: true) {
              try take(out)
              delivered += 1
            }
            while let out = workers.result(delivered, wait: false) {
              try take(out)
              delivered += 1
            }
          } else {
            try take(Self.process(chunk, opened.layout, work, &scratch))
          }
          report(force: false)
        }
      }
      if let workers {
        while delivered < submitted, let out = workers.result(delivered, wait: true) {
          try take(out)
          delivered += 1
        }
        workers.close(dropQueued: false)
      }
    } catch {
      workers?.close(dropQueued: true)
      throw error
    }
    report(force: true)
    guard handed == totals.records else {
      throw SetupError(
        .internal, "\(totals.records) records read, but \(handed) handed on as records or error records")
    }
    let formatter = ISO8601DateFormatter()
    totals.startedAt = formatter.string(from: started)
    totals.finishedAt = formatter.string(from: Date())
    totals.seconds = ((ContinuousClock.now - clock).seconds * 1000).rounded() / 1000
    return totals
  }

  /// Turns one chunk's rows into records and error records and runs the work on the records.
  static func process<Work: PortfolioWork>(
    _ chunk: RecordChunk, _ resolved: ResolvedLayout, _ work: Work, _ scratch: inout Work.Scratch
  ) -> PipelineChunk<Work.Output> {
    let started = ContinuousClock.now
    var records: [PortfolioRecord] = []
    var errors: [RecordError] = []
    chunk.records(resolved, into: &records, errors: &errors, interner: work.interner(scratch))
    let parsed = ContinuousClock.now
    let output = work.process(records, scratch: &scratch)
    var times = StageTimes()
    times.parse = (parsed - started).seconds
    times.classify = (ContinuousClock.now - parsed).seconds
    return PipelineChunk(
      output: output, errors: errors, records: records.count, inputBytes: chunk.inputBytes, times: times)
  }
}

extension Duration {
  var seconds: Double {
    let (s, a) = components
    return Double(s) + Double(a) / 1e18
  }
}
