#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Stops the run when an invariant does not hold, so libFuzzer records the input as a crash.
///
/// Unlike `precondition`, the check stays in `-Ounchecked` builds and prints its message to
/// standard error before aborting.
@inline(__always)
public func fuzzCheck(
  _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
  file: StaticString = #fileID, line: UInt = #line
) {
  if !condition() { fuzzFailure(message(), file: file, line: line) }
}

/// Prints the broken invariant and aborts.
public func fuzzFailure(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
  let text = "invariant failed at \(file):\(line): \(message)\n"
  var bytes = Array(text.utf8)
  _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
  abort()
}
