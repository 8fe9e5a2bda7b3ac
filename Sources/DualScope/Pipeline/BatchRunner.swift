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

  /// `jointScan: false` scans for the classifier's phrases and the cues one after the other, as
  /// when the joint matcher would be over the limits of one automaton.
  init(classifier: Classifier, screening: PortfolioScreening?, encoding: BatchEncoding, jointScan: Bool = true) {
    self.classifier = classifier
    self.screening = screening
    self.encoding = encoding
    // Without it (a matcher over the limits of one automaton), each scans on its own.
    joint =
      jointScan
      ? screening.flatMap {
        $0.preparedJointScan(matching: classifier.index.phrases)
          ?? (try? JointMatcher(classifier.index.phrases, $0.screener.cues.phrases))
      } : nil
  }

  /// A worker's buffers: the classifier's (the joint scan fills it and moves the cue matches out
  /// into the screening's) and the screening's.
  struct Scratch {
    var classifier = ClassifierScratch()
    let screening: ScreeningScratch
  }

  /// A worker writing JSON lines keeps each screening line's bytes, not its lists.
  func makeScratch() -> Scratch {
    let jsonLines = if case .jsonLines = encoding { true } else { false }
    return Scratch(screening: ScreeningScratch(keepsLines: !jsonLines))
  }

  func interner(_ scratch: Scratch) -> CellInterner? { screening == nil ? nil : scratch.screening.interner }

  func process(_ records: [PortfolioRecord], scratch: inout Scratch) -> ProcessedChunk {
    var out = ProcessedChunk()
    var lines: [ResultLine] = []
    lines.reserveCapacity(records.count)
    // The screening of each line with its JSON, made once per distinct screening line (JSON
    // lines only).
    var screened: [ScreenedLine] = []
    if let screening = self.screening {
      screen(records, screening, scratch: &scratch, into: &out, lines: &lines, screened: &screened)
    } else {
      // One copy of each record, taken once: `records[r]` handed to each function below was
      // copied for every call (three copies a record, measured), a `for record in` loop likewise.
      for r in records.indices {
        let record = records[r]
        let classification = classifier.classify(record, scratch: &scratch.classifier)
        // Counted from its parts and made in place: a line read back from the array, or built
        // in a variable and appended, is copied with all its strings.
        out.counts.add(classification, invalidUTF8: record.hadInvalidUTF8, triage: nil)
        lines.append(ResultLine(record, classification))
      }
    }
    let encoding = ContinuousClock.now
    self.encoding.encode(lines, screened: screened, into: &out)
    out.encodeSeconds = (ContinuousClock.now - encoding).seconds
    return out
  }

  /// A chunk classified and screened, in two passes: every record scanned and classified (its
  /// cue matches kept), then every record screened. Record by record, the screening's tables
  /// and the scanner's pushed each other out of the core's first-level cache (the joint scan
  /// missed it 62 more times a record than a plain scan, cachegrind) and shared its branch
  /// history. A record whose cells cannot be used is classified, then dropped for its error
  /// record, as it was before.
  private func screen(
    _ records: [PortfolioRecord], _ screening: PortfolioScreening, scratch: inout Scratch,
    into out: inout ProcessedChunk, lines: inout [ResultLine], screened: inout [ScreenedLine]
  ) {
    let jsonLines = if case .jsonLines = encoding { true } else { false }
    var classifications: [Classification?] = []
    classifications.reserveCapacity(records.count)
    // Each record's cue matches, one record's after the other's, and where each record's end.
    var cueMatches: [PhraseMatch] = []
    var cueEnds: [(end: Int, words: Int)] = []
    cueEnds.reserveCapacity(records.count)
    // The text and the carried columns read out of each record, not the record: a copy of a
    // record is a retain and a release for each of its nine strings and lists.
    for r in records.indices {
      let text = records[r].text
      if let joint {
        joint.scan(text, &scratch.classifier.match, &scratch.screening.match)
      } else {
        classifier.index.matcher.findAll(in: text, into: &scratch.classifier.match)
        screening.screener.cues.findAll(in: text, into: &scratch.screening.match)
      }
      classifications.append(classifier.classify(scanned: text, carried: records[r].carried, scratch: &scratch.classifier))
      if !scratch.screening.match.matches.isEmpty { cueMatches.append(contentsOf: scratch.screening.match.matches) }
      cueEnds.append((cueMatches.count, scratch.screening.match.wordCount))
    }
    var start = 0
    // Documents per triage level, by rank, added to the counts once for the chunk.
    var triageCounts = [Int](repeating: 0, count: TriageLevel.allCases.count)
    defer {
      for level in TriageLevel.allCases { out.counts.addTriage(level, count: triageCounts[level.rank]) }
    }
    // The record's parts handed on, not the record: bound to a name, or handed to a function
    // (even one that borrows it), a record read from the array was copied, a retain and a
    // release of each of its strings, twice a record (measured).
    for r in records.indices {
      let classification = classifications[r].take()!
      // Through the buffer: a slice of the array was appended match by match.
      cueMatches.withUnsafeBufferPointer { all in
        scratch.screening.match.restore(UnsafeBufferPointer(rebasing: all[start..<cueEnds[r].end]), wordCount: cueEnds[r].words)
      }
      start = cueEnds[r].end
      let cells: ScreenedCells
      switch screening.cells(records[r].screening, scratch: scratch.screening) {
      case .success(let c): cells = c
      case .failure(let failure):
        out.counts.addError()
        out.errors.append(screening.error(failure, of: records[r]))
        continue
      }
      let s = screening.screener.screenLine(
        text: records[r].text, classification: classification, cells: cells, scratch: scratch.screening,
        cuesScanned: true)
      // JSON lines write the screening's bytes made once per distinct line; the line itself goes
      // into the result line only for the writers that read it.
      var line: ScreeningLine?
      if jsonLines { screened.append(s) } else { line = s.line }
      // Counted from its parts and made in place: a line read back from the array, or built in
      // a variable and appended, is copied with all its strings.
      out.counts.add(classification, invalidUTF8: records[r].hadInvalidUTF8, triage: nil)
      triageCounts[s.level.rank] += 1
      lines.append(
        ResultLine(
          id: records[r].id, source: records[r].source, line: records[r].line, classification: classification,
          carried: ResultLine.carried(records[r].carried), invalidUTF8: records[r].hadInvalidUTF8, screening: line))
    }
  }
}
