import Foundation

/// Classifies whole portfolios: reads inputs in chunks, classifies the chunks on worker threads,
/// and hands the results to a sink in input order, so the output bytes do not depend on the
/// number of threads. Every record read yields one document or one error record, and the counts
/// are checked at the end.
public struct BatchRunner: Sendable {
  public let classifier: Classifier
  public let options: BatchOptions

  public init(classifier: Classifier, options: BatchOptions) {
    self.classifier = classifier
    self.options = options
  }

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

  /// The outcome of a run.
  public struct Summary: Sendable {
    public var counts: BatchCounts
    public var metadata: BatchRunMetadata
    /// The first error records, for display.
    public var firstErrors: [RecordError]
    /// Where the time went.
    public var times: StageTimes
  }

  /// Opens every input and checks its columns, so a run fails before writing anything.
  public func open() throws(SetupError) -> [(RecordStream, ResolvedLayout)] {
    var streams: [(RecordStream, ResolvedLayout)] = []
    for path in options.inputs {
      streams.append(
        try RecordStream.open(
          path, format: options.inputFormat, delimiter: options.delimiter, layout: options.layout,
          chunkBytes: options.chunkBytes))
    }
    return streams
  }

  /// Runs the batch into `sink` (and error records into `errors`), calling `progress` now and
  /// then on this thread. On a failure to write, the sink and error file are aborted.
  public func run(
    _ streams: [(RecordStream, ResolvedLayout)], into sink: some BatchSink, errors: ErrorRecordWriter? = nil,
    progress: ((Progress) -> Void)? = nil
  ) throws -> Summary {
    let started = Date()
    let clock = ContinuousClock.now
    var counts = BatchCounts()
    var firstErrors: [RecordError] = []
    var times = StageTimes()
    var inputBytes = 0
    let totalBytes: Int? = streams.reduce(0) { total, s in s.0.size.flatMap { size in total.map { $0 + size } } }
    var lastProgress = clock
    var doneSize = 0
    var current: RecordStream?
    let encoding = sink.encoding
    let classifier = self.classifier

    func deliver(_ chunk: ProcessedChunk) throws {
      let t = ContinuousClock.now
      counts.merge(chunk.counts)
      times.add(chunk.times)
      inputBytes += chunk.inputBytes
      if firstErrors.count < 20 { firstErrors += chunk.errors.prefix(20 - firstErrors.count) }
      try sink.write(chunk)
      try errors?.write(chunk.errors)
      times.write += (ContinuousClock.now - t).seconds
    }
    func report(force: Bool) {
      guard let progress else { return }
      let now = ContinuousClock.now
      guard force || now - lastProgress > .milliseconds(200) else { return }
      lastProgress = now
      progress(
        Progress(
          records: counts.records, bytes: inputBytes, position: doneSize + (current?.position ?? 0),
          totalBytes: totalBytes, seconds: (now - clock).seconds))
    }

    typealias Job = (RecordChunk, ResolvedLayout, Int)
    let pipeline: ChunkPipeline<Job, ProcessedChunk>? =
      options.threads > 1
      ? ChunkPipeline(
        threads: options.threads, makeState: { ClassifierScratch() },
        work: { job, scratch in Self.process(job.0, job.1, first: job.2, classifier, encoding, &scratch) })
      : nil
    var scratch = ClassifierScratch()
    var submitted = 0
    var written = 0
    var sequence = 0
    let inFlight = options.threads * 3
    do {
      for (stream, resolved) in streams {
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
            // A read error mid-file (a damaged gzip stream): one error record, then the next input.
            chunk = RecordChunk(
              source: stream.path, bytes: [], rows: [.error(line: error.line, message: error.message)], inputBytes: 0)
            failed = true
          }
          times.read += (ContinuousClock.now - t).seconds
          guard let chunk else { break }
          let first = sequence
          sequence += chunk.count
          if let pipeline {
            pipeline.submit(submitted, (chunk, resolved, first))
            submitted += 1
            while submitted - written >= inFlight, let out = pipeline.result(written, wait: true) {
              try deliver(out)
              written += 1
            }
            while let out = pipeline.result(written, wait: false) {
              try deliver(out)
              written += 1
            }
          } else {
            try deliver(Self.process(chunk, resolved, first: first, classifier, encoding, &scratch))
          }
          report(force: false)
        }
      }
      if let pipeline {
        while written < submitted, let out = pipeline.result(written, wait: true) {
          try deliver(out)
          written += 1
        }
        pipeline.close(dropQueued: false)
      }
    } catch {
      pipeline?.close(dropQueued: true)
      sink.abort()
      errors?.abort()
      throw error
    }
    report(force: true)
    let finished = Date()
    let formatter = ISO8601DateFormatter()
    let metadata = BatchRunMetadata(
      metadata: ResultMetadata(taxonomy: classifier.taxonomy, options: classifier.options), batch: options,
      counts: counts, startedAt: formatter.string(from: started), finishedAt: formatter.string(from: finished),
      seconds: ((ContinuousClock.now - clock).seconds * 1000).rounded() / 1000, inputBytes: inputBytes)
    guard counts.balanced && counts.records == sequence else {
      sink.abort()
      errors?.abort()
      throw SetupError(
        "internal error: \(sequence) records read, but \(counts.documents) documents and \(counts.errors) errors written")
    }
    do {
      try sink.finish(metadata)
      try errors?.commit()
    } catch {
      sink.abort()
      errors?.abort()
      throw error
    }
    return Summary(
      counts: counts, metadata: metadata, firstErrors: firstErrors, times: times)
  }

  /// Reads, classifies and encodes one chunk: the work of one worker, a pure function of its input.
  static func process(
    _ chunk: RecordChunk, _ resolved: ResolvedLayout, first: Int, _ classifier: Classifier,
    _ encoding: BatchEncoding, _ scratch: inout ClassifierScratch
  ) -> ProcessedChunk {
    var out = ProcessedChunk(counts: BatchCounts())
    out.inputBytes = chunk.inputBytes
    var documents: [BatchDocument] = []
    documents.reserveCapacity(chunk.count)
    let started = ContinuousClock.now
    let records = chunk.records(resolved)
    let parsed = ContinuousClock.now
    for (k, result) in records.enumerated() {
      switch result {
      case .failure(let error):
        out.errors.append(error)
        out.counts.addError()
      case .success(let record):
        scratch.metadata = record.carried
        let classification = classifier.classify(record.text, scratch: &scratch)
        let d = BatchDocument(
          sequence: first + k, id: record.id, source: record.source, line: record.line, carried: record.carried,
          invalidUTF8: record.hadInvalidUTF8, classification: classification)
        out.counts.add(d)
        documents.append(d)
      }
    }
    let classified = ContinuousClock.now
    encoding.encode(documents, into: &out)
    out.times.parse = (parsed - started).seconds
    out.times.classify = (classified - parsed).seconds
    out.times.encode = (ContinuousClock.now - classified).seconds
    return out
  }
}

extension Duration {
  var seconds: Double {
    let (s, a) = components
    return Double(s) + Double(a) / 1e18
  }
}
