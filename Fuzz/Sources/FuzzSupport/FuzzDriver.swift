#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

import CLibFuzzer

/// Hands the process to libFuzzer with `testOneInput` as the target, passing the command line on.
///
/// SwiftPM gives every executable a `main` of its own, so libFuzzer's `main` is never linked;
/// each harness's `main.swift` calls this instead.
public func runFuzzer(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
  var argc = CommandLine.argc
  var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
  let status = LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
  exit(status)
}
