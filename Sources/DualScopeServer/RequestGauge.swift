import Synchronization

/// Counts the requests in flight against a limit.
final class RequestGauge: Sendable {
  let limit: Int
  private let count = Atomic<Int>(0)

  init(limit: Int) { self.limit = max(1, limit) }

  /// Takes a place, or answers false when all are taken.
  func enter() -> Bool {
    let now = count.add(1, ordering: .acquiringAndReleasing).newValue
    if now > limit {
      count.subtract(1, ordering: .acquiringAndReleasing)
      return false
    }
    return true
  }

  func leave() { count.subtract(1, ordering: .acquiringAndReleasing) }

  var current: Int { count.load(ordering: .relaxed) }
}
