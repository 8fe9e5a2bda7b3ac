import Benchmark
import Foundation
import DualScope

/// A 1.5 KB project description touching quantum and semiconductors, and the areas the shipped
/// release must give it: the benchmark checks its answer on every iteration.
let abstract = """
  Scalable control of spin qubits in silicon. Quantum computers built from electron spins in \
  silicon quantum dots can reuse the fabrication lines of the semiconductor industry, but the \
  control electronics that drive and read out each qubit do not scale: every qubit needs its own \
  coaxial line from room temperature to the dilution refrigerator. This project develops cryogenic \
  CMOS control chips that operate at 4 kelvin next to the quantum processor. We design a \
  low-power microwave pulse generator in a 22 nm FD-SOI process, integrate it with a 12-qubit \
  array fabricated on 300 mm wafers, and demonstrate two-qubit gates with fidelities above 99 \
  percent while the controller dissipates less than one milliwatt per qubit. A second work \
  package studies crosstalk between neighbouring gate electrodes and develops calibration \
  routines based on Bayesian estimation that run on an FPGA at the cryostat. The consortium \
  brings together a university quantum lab, a foundry partner and a start-up that sells control \
  stacks; results feed into the national quantum technology programme and the European chips \
  initiative. We expect the demonstrated architecture to remove the wiring bottleneck for \
  processors of a thousand qubits and to shorten the path from laboratory devices to industrial \
  quantum computing hardware, with applications in materials simulation and optimisation.
  """
let expectedAreas: Set<String> = ["quantum", "semiconductors"]

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    warmupIterations: 10,
    maxDuration: .seconds(5),
    maxIterations: 10_000)

  let classifier = try! Classifier(taxonomy: ShippedTaxonomy.load().taxonomy)

  // End to end for one abstract: normalise, match, score, decide (release 2026.1 by its rules,
  // then the probability of each area with a counted term: sentence roles and hashed context
  // words, to keep what the rules assign and add what they just miss), gather evidence.
  // Allocations per classification are the result's arrays and the evidence strings longer
  // than a small string; the static threshold (Thresholds/, per 1,000 calls) allows 4 more a call.
  let mallocTolerance: [BenchmarkMetric: BenchmarkThresholds] = [
    .mallocCountTotal: .init(absolute: [.p0: 4000, .p25: 4000, .p50: 4000, .p75: 4000, .p90: 4000, .p99: 4000, .p100: 4000])
  ]
  Benchmark("ClassifyAbstract", configuration: .init(scalingFactor: .kilo, thresholds: mallocTolerance)) { benchmark in
    var scratch = ClassifierScratch()
    _ = classifier.classify(abstract, scratch: &scratch)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      let result = classifier.classify(abstract, scratch: &scratch)
      // Checked without allocating, so the malloc count is the classifier's own.
      if result.areas.count != expectedAreas.count || !result.areas.allSatisfy({ expectedAreas.contains($0.id) }) {
        benchmark.error("areas \(result.areas.map(\.id)), expected \(expectedAreas.sorted())")
      }
      blackHole(result)
    }
    benchmark.stopMeasurement()
  }

  // The same abstract with a calibrated release (a folder written by `dualscope calibrate`, e.g.
  // `OUTPUT=/tmp/calibrated Scripts/calibrate-2026.1.sh`), when DUALSCOPE_CALIBRATED names one:
  // sentence roles, hashed context words and a probability per area on top of the scoring above.
  // No static thresholds: CI runs the shipped release's above.
  if let folder = ProcessInfo.processInfo.environment["DUALSCOPE_CALIBRATED"] {
    let calibrated = try! Classifier(taxonomy: TaxonomyLoader.load(directory: folder).taxonomy)
    Benchmark("ClassifyAbstractCalibrated", configuration: .init(scalingFactor: .kilo)) { benchmark in
      var scratch = ClassifierScratch()
      _ = calibrated.classify(abstract, scratch: &scratch)
      benchmark.startMeasurement()
      for _ in benchmark.scaledIterations {
        let result = calibrated.classify(abstract, scratch: &scratch)
        if !result.areas.contains(where: { $0.id == "quantum" && ($0.probability ?? 0) >= 0.5 }) {
          benchmark.error("quantum not assigned by probability: \(result.areas.map { ($0.id, $0.probability) })")
        }
        blackHole(result)
      }
      benchmark.stopMeasurement()
    }
  }
}
