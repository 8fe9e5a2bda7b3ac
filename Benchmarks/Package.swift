// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so library users never resolve the benchmark tool.
// Run: swift package benchmark (from this folder); static thresholds are in Thresholds/.
let package = Package(
  name: "DualScopeBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "DualScope", path: "../"),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "PhraseMatchingBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "PhraseMatching", package: "DualScope"),
      ],
      path: "Benchmarks/PhraseMatchingBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    .executableTarget(
      name: "ClassifierBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "DualScope", package: "DualScope"),
      ],
      path: "Benchmarks/ClassifierBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
  ]
)
