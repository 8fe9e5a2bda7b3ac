import Foundation

/// Worker threads that process numbered jobs and hand the results back by number, so the
/// caller can write them in input order whatever order they finish in.
final class ChunkPipeline<Job: Sendable, Output: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  /// The queue; a job's slot is emptied when a worker takes it, so the job's input is freed as
  /// soon as its worker is done with it. Kept until the queue was next compacted, up to 64 taken
  /// chunks of input stayed in memory (a 100,000-record batch at two threads peaked at 141 MB,
  /// and every new chunk was new memory for the kernel to hand out and zero).
  private var jobs: [(Int, Job)?] = []
  private var head = 0
  private var done: [Int: Output] = [:]
  private var closed = false
  private var running = 0

  /// Starts `threads` workers; each makes its own state with `makeState` (a classifier scratch)
  /// and runs `work` on every job it takes. A worker's state is released after ``close(dropQueued:)``
  /// has stopped waiting for it, on the worker's thread.
  init<State>(
    threads: Int, makeState: @escaping @Sendable () -> State,
    work: @escaping @Sendable (Job, inout State) -> Output
  ) {
    running = threads
    for _ in 0..<threads {
      let thread = Thread { [self] in
        var state = makeState()
        while let (n, job) = self.take() {
          let output = work(job, &state)
          self.condition.lock()
          self.done[n] = output
          self.condition.broadcast()
          self.condition.unlock()
        }
        self.condition.lock()
        self.running -= 1
        self.condition.broadcast()
        self.condition.unlock()
        // The state is dropped only now, after the worker has said it is done: a screening
        // worker's memo tables hold tens of thousands of lines and reasons, and freeing them
        // before saying so kept `close` waiting at the end of a run (76M instructions over two
        // workers on the 100,000-record benchmark, callgrind).
        withExtendedLifetime(state) {}
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
  }

  private func take() -> (Int, Job)? {
    condition.lock()
    defer { condition.unlock() }
    while head == jobs.count && !closed { condition.wait() }
    guard head < jobs.count else { return nil }
    let job = jobs[head].take()!
    head += 1
    if head > 64 && head * 2 > jobs.count {
      jobs.removeFirst(head)
      head = 0
    }
    return job
  }

  func submit(_ n: Int, _ job: Job) {
    condition.lock()
    jobs.append((n, job))
    condition.signal()
    condition.unlock()
  }

  /// The output of job `n`, waiting for it when `wait` is set.
  func result(_ n: Int, wait: Bool) -> Output? {
    condition.lock()
    defer { condition.unlock() }
    while wait && done[n] == nil { condition.wait() }
    return done.removeValue(forKey: n)
  }

  /// Lets the workers finish the queued jobs' current one and stop; waits for them.
  func close(dropQueued: Bool) {
    condition.lock()
    closed = true
    if dropQueued {
      jobs.removeAll()
      head = 0
    }
    condition.broadcast()
    while running > 0 { condition.wait() }
    condition.unlock()
  }
}
