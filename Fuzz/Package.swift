// swift-tools-version: 6.1
import PackageDescription

// libFuzzer harnesses, one executable per harness, kept in their own package so that normal
// builds of DualScope never see the sanitizer flags. Linux only; build and run with ./run.sh,
// which builds with `swift build -c release -Xswiftc -sanitize=fuzzer,address`.
let package = Package(
  name: "DualScopeFuzz",
  dependencies: [
    .package(name: "DualScope", path: "../")
  ],
  targets: [
    .target(name: "CLibFuzzer", path: "Sources/CLibFuzzer"),
    .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"], path: "Sources/FuzzSupport"),
    .target(
      name: "FuzzRecordReading",
      dependencies: ["FuzzSupport", .product(name: "DualScope", package: "DualScope")],
      path: "Sources/FuzzRecordReading"
    ),
    .executableTarget(
      name: "FuzzYAMLReader",
      dependencies: ["FuzzSupport", .product(name: "DualScope", package: "DualScope")],
      path: "Sources/FuzzYAMLReader"
    ),
    .executableTarget(
      name: "FuzzTaxonomyLoader",
      dependencies: ["FuzzSupport", .product(name: "DualScope", package: "DualScope")],
      path: "Sources/FuzzTaxonomyLoader"
    ),
    .executableTarget(
      name: "FuzzCSVReader",
      dependencies: ["FuzzSupport", "FuzzRecordReading", .product(name: "DualScope", package: "DualScope")],
      path: "Sources/FuzzCSVReader"
    ),
    .executableTarget(
      name: "FuzzJSONLReader",
      dependencies: ["FuzzSupport", "FuzzRecordReading", .product(name: "DualScope", package: "DualScope")],
      path: "Sources/FuzzJSONLReader"
    ),
    .executableTarget(
      name: "FuzzMatcher",
      dependencies: [
        "FuzzSupport",
        .product(name: "PhraseMatching", package: "DualScope"),
        .product(name: "DualScopeTestSupport", package: "DualScope"),
      ],
      path: "Sources/FuzzMatcher"
    ),
    .executableTarget(
      name: "FuzzDiff",
      dependencies: [
        "FuzzSupport", .product(name: "DualScope", package: "DualScope"),
        .product(name: "DualScopeReports", package: "DualScope"),
      ],
      path: "Sources/FuzzDiff"
    ),
  ]
)
