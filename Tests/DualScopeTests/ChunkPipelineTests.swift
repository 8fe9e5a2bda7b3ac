import Foundation
import XCTest

@testable import DualScope

/// The worker threads of a portfolio run: outputs come back by number whatever order the workers
/// finish in, and a job's input is let go once its worker is done with it.
final class ChunkPipelineTests: XCTestCase {
  /// A job's payload, to see when the pipeline lets go of it.
  final class Payload: Sendable {
    let value: Int
    init(_ value: Int) { self.value = value }
  }

  func testOutputsComeBackByNumberWhateverOrderTheyFinishIn() {
    let pipeline = ChunkPipeline<Int, Int>(threads: 3, makeState: { 0 }) { job, calls in
      calls += 1
      // Early jobs take longest, so later ones finish first.
      usleep(useconds_t((20 - job % 20) * 200))
      return job * job
    }
    for n in 0..<40 { pipeline.submit(n, n) }
    var outputs: [Int] = []
    for n in 0..<40 { outputs.append(pipeline.result(n, wait: true)!) }
    pipeline.close(dropQueued: false)
    XCTAssertEqual(outputs, (0..<40).map { $0 * $0 })
    XCTAssertNil(pipeline.result(0, wait: false), "an output is handed back once")
  }

  func testAJobIsLetGoOnceItsWorkerIsDoneWithIt() {
    let pipeline = ChunkPipeline<Payload, Int>(threads: 1, makeState: { () }) { job, _ in job.value + 1 }
    weak var first: Payload?
    do {
      let payload = Payload(41)
      first = payload
      pipeline.submit(0, payload)
    }
    XCTAssertEqual(pipeline.result(0, wait: true), 42)
    // The worker lets go of its own reference when it takes the next job.
    pipeline.submit(1, Payload(1))
    XCTAssertEqual(pipeline.result(1, wait: true), 2)
    // Kept in the queue until it was next compacted (after 64 jobs), a run held up to 64 chunks
    // of input it had finished with.
    XCTAssertNil(first, "the pipeline still holds a job whose output was handed back")
    pipeline.close(dropQueued: false)
  }
}
