import Benchmark
import PhraseMatching

/// The synthetic corpus and its answer, made once outside the measured parts.
nonisolated(unsafe) let corpus = SyntheticCorpus(bytes: 4 << 20)
/// Leftmost-longest matches of the synthetic phrases in the synthetic corpus (deterministic).
let expectedSyntheticCount = 122_836

let benchmarks: @Sendable () -> Void = {
  let noMallocs: [BenchmarkMetric: BenchmarkThresholds] = [
    .mallocCountTotal: .init(absolute: [.p0: 0, .p25: 0, .p50: 0, .p75: 0, .p90: 0, .p99: 0, .p100: 0])
  ]
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
    warmupIterations: 2,
    maxDuration: .seconds(5),
    maxIterations: 50)

  let synthetic = try! PhraseMatcher(corpus.phrases)
  let sample = try! PhraseMatcher(SampleAbstract.phrases)

  // Bytes per second: one iteration scans the 4 MB corpus.
  Benchmark(
    "ScanSyntheticCorpus",
    configuration: .init(
      metrics: [.wallClock, .throughput, .mallocCountTotal], units: [.throughput: .count],
      thresholds: noMallocs)
  ) { benchmark in
    var scratch = MatchScratch()
    for _ in benchmark.scaledIterations {
      let count = corpus.text.withUnsafeBufferPointer { synthetic.countLeftmostLongest(in: $0, scratch: &scratch) }
      if count != expectedSyntheticCount {
        benchmark.error("synthetic corpus: \(count) matches, expected \(expectedSyntheticCount)")
      }
      blackHole(count)
    }
  }

  // One abstract, all matches (the classifier's call), with a warmed-up scratch: no mallocs.
  Benchmark(
    "FindAllPerAbstract",
    configuration: .init(metrics: [.wallClock, .mallocCountTotal], scalingFactor: .kilo, thresholds: noMallocs)
  ) { benchmark in
    var scratch = MatchScratch(capacity: 64)
    SampleAbstract.text.withUnsafeBufferPointer { sample.findAll(in: $0, into: &scratch) }
    let expectedAll = scratch.matches.count
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      SampleAbstract.text.withUnsafeBufferPointer { sample.findAll(in: $0, into: &scratch) }
      if scratch.matches.count != expectedAll { benchmark.error("findAll changed its answer") }
    }
    benchmark.stopMeasurement()
    let count = SampleAbstract.text.withUnsafeBufferPointer { sample.countLeftmostLongest(in: $0, scratch: &scratch) }
    if count != SampleAbstract.expectedCount {
      benchmark.error("sample abstract: \(count) matches, expected \(SampleAbstract.expectedCount)")
    }
  }

  // Compile 100,000 phrases (one to four words over a 20,000-word vocabulary).
  Benchmark(
    "Compile100kPhrases",
    configuration: .init(metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal], maxIterations: 5)
  ) { benchmark in
    var g = SyntheticCorpus.Generator(state: 7)
    let words = (0..<20_000).map { i in "w\(i)" + String(UnicodeScalar(UInt8(97 + g.below(26)))) }
    let phrases = (0..<100_000).map { i in
      Phrase((0..<(1 + g.below(4))).map { _ in words[g.below(words.count)] }.joined(separator: " "), id: TermID(UInt32(i)))
    }
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      let m = try! PhraseMatcher(phrases)
      if m.phraseCount != 100_000 { benchmark.error("compiled \(m.phraseCount) phrases") }
      blackHole(m)
    }
    benchmark.stopMeasurement()
  }
}
