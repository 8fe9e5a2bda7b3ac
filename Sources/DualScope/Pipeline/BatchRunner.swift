import Foundation
import PhraseMatching

/// Classifies a whole portfolio into a sink (JSONL, CSV, SQLite, memory): the `batch` consumer
/// of the ``PortfolioPipeline``. Workers classify and encode; the sink writes in input order, so
/// the output bytes do not depend on the number of threads. Every record read yields one result
/// line or one error record, and the counts are checked before the output is put in place.
public struct BatchRunner: Sendable {
  public let classifier: Classifier
  public let options: BatchOptions
  /// Screens every record after classifying it, when given.
  public let screening: PortfolioScreening?

  /// A runner; with `screening`, its columns are read from every input and each result line
  /// carries the record's triage.
  public init(classifier: Classifier, options: BatchOptions, screening: PortfolioScreening? = nil) {
    self.classifier = classifier
    var options = options
    if let screening { options.input.layout.screening = screening.columns }
    self.options = options
    self.screening = screening
  }

  public typealias Progress = PortfolioPipeline.Progress

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
  public func open() throws(SetupError) -> [OpenedInput] { try options.input.open() }

  /// Runs the batch into `sink` (and error records into `errors`), calling `progress` now and
  /// then on this thread. On any failure the sink and the error file are aborted: nothing is left
  /// under their final names.
  public func run(
    _ inputs: [OpenedInput], into sink: some BatchSink, errors: ErrorRecordWriter? = nil,
    progress: ((Progress) -> Void)? = nil
  ) throws -> Summary {
    var counts = BatchCounts()
    var firstErrors: [RecordError] = []
    var encodeSeconds = 0.0
    let work = ClassifyWork(classifier: classifier, screening: screening, encoding: sink.encoding)
    let totals: PortfolioPipeline.Totals
    do {
      totals = try PortfolioPipeline(options.input).run(
        inputs, work: work,
        deliver: { chunk in
          counts.merge(chunk.output.counts)
          for _ in chunk.errors { counts.addError() }
          encodeSeconds += chunk.output.encodeSeconds
          let chunkErrors = Self.inOrder(chunk.errors, chunk.output.errors)
          if firstErrors.count < 20 { firstErrors += chunkErrors.prefix(20 - firstErrors.count) }
          try sink.write(chunk.output, errors: chunkErrors)
          try errors?.write(chunkErrors)
        }, progress: progress)
      guard counts.balanced && counts.records == totals.records else {
        throw SetupError(
          .internal,
          "\(totals.records) records read, but \(counts.documents) documents and \(counts.errors) errors written")
      }
    } catch {
      sink.abort()
      errors?.abort()
      throw error
    }
    var times = totals.times
    times.classify -= encodeSeconds
    times.encode = encodeSeconds
    let metadata = BatchRunMetadata(
      metadata: ResultMetadata(taxonomy: classifier.taxonomy, options: classifier.options), batch: options,
      screening: screening.map { ScreeningRunInfo($0, taxonomy: classifier.taxonomy) },
      counts: counts, startedAt: totals.startedAt, finishedAt: totals.finishedAt, seconds: totals.seconds,
      inputBytes: totals.inputBytes)
    do {
      try sink.finish(metadata)
      try errors?.commit()
    } catch {
      sink.abort()
      errors?.abort()
      throw error
    }
    return Summary(counts: counts, metadata: metadata, firstErrors: firstErrors, times: times)
  }

  /// A chunk's unreadable rows and the records its work could not use, by line.
  static func inOrder(_ read: [RecordError], _ work: [RecordError]) -> [RecordError] {
    if work.isEmpty { return read }
    if read.isEmpty { return work }
    return (read + work).sorted { $0.line < $1.line }
  }
}

/// Classifies and encodes one chunk's records: the work of a batch worker.
///
/// With screening, the classifier's phrases and the screening's cue phrases are compiled into one
/// ``JointMatcher``, so each text is scanned once for both.
struct ClassifyWork: PortfolioWork {
  let classifier: Classifier
  let screening: PortfolioScreening?
  let encoding: BatchEncoding
  private let joint: JointMatcher?

  init(classifier: Classifier, screening: PortfolioScreening?, encoding: BatchEncoding) {
    self.classifier = classifier
    self.screening = screening
    self.encoding = encoding
    // Without it (a matcher over the limits of one automaton), each scans on its own.
    joint = screening.flatMap { try? JointMatcher(classifier.index.phrases, $0.screener.cues.phrases) }
  }

  /// A worker's buffers: the joint scan's, the classifier's and the screening's.
  struct Scratch {
    var joint = MatchScratch()
    var classifier = ClassifierScratch()
    let screening = ScreeningScratch()
  }

  func makeScratch() -> Scratch { Scratch() }

  func process(_ records: [PortfolioRecord], scratch: inout Scratch) -> ProcessedChunk {
    var out = ProcessedChunk()
    var lines: [ResultLine] = []
    lines.reserveCapacity(records.count)
    // The screening part of each line as JSON, made once per distinct screening line.
    var screeningJSON: [[UInt8]] = []
    // One copy of each record, taken once: `records[r]` handed to each function below was
    // copied for every call (three copies a record, measured), a `for record in` loop likewise.
    for r in records.indices {
      let record = records[r]
      let classification: Classification
      if let joint {
        joint.scan(record.text, &scratch.joint, &scratch.classifier.match, &scratch.screening.match)
        classification = classifier.classify(scanned: record, scratch: &scratch.classifier)
      } else {
        classification = classifier.classify(record, scratch: &scratch.classifier)
      }
      var screened: ScreeningLine?
      // Optional chaining, not `if let`: a bound copy of the screening costs retains a record.
      switch screening?.screen(record, classification, scratch: scratch.screening, cuesScanned: joint != nil) {
      case nil: break
      case .success(let s)?:
        screened = s.line
        screeningJSON.append(s.json)
      case .failure(let error)?:
        out.counts.addError()
        out.errors.append(error)
        continue
      }
      // Counted from its parts and made in place: a line read back from the array, or built in
      // a variable and appended, is copied with all its strings.
      out.counts.add(classification, invalidUTF8: record.hadInvalidUTF8, triage: screened?.triage.level)
      lines.append(ResultLine(record, classification, screening: screened))
    }
    let encoding = ContinuousClock.now
    self.encoding.encode(lines, screeningJSON: screeningJSON, into: &out)
    out.encodeSeconds = (ContinuousClock.now - encoding).seconds
    return out
  }
}
