// swift-tools-version: 6.1
import PackageDescription

let internalChecks: [SwiftSetting] = [
  // Full invariant checks (`_checkInvariants()`) compile in with
  // `swift build -Xswiftc -DDUALSCOPE_INTERNAL_CHECKS`; debug builds always have them.
  .define("DUALSCOPE_INTERNAL_CHECKS", .when(configuration: .debug))
]

let package = Package(
  name: "DualScope",
  products: [
    .library(name: "DualScope", targets: ["DualScope"]),
    .library(name: "DualScopeReports", targets: ["DualScopeReports"]),
    .library(name: "DualScopeSQLite", targets: ["DualScopeSQLite"]),
    .library(name: "PhraseMatching", targets: ["PhraseMatching"]),
    .executable(name: "dualscope", targets: ["DualScopeCLI"]),
    // For the harnesses in Fuzz/ (the naive reference matcher); not meant for library users.
    .library(name: "DualScopeTestSupport", targets: ["DualScopeTestSupport"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
  ],
  targets: [
    // System library
    .systemLibrary(
      name: "CLibYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
    ),

    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
    ),

    // Core modules
    .target(
      name: "TaxonomyYAML",
      dependencies: ["CLibYAML"],
      swiftSettings: internalChecks
    ),
    .target(
      name: "PhraseMatching",
      swiftSettings: internalChecks
    ),
    .target(
      name: "DualScope",
      dependencies: ["TaxonomyYAML", "PhraseMatching", "CZlib"],
      swiftSettings: internalChecks
    ),
    // Presentation: text, Markdown and HTML renderers, the institution map.
    .target(name: "DualScopeReports", dependencies: ["DualScope"]),

    // The SQLite writer of `batch`, apart so that what only renders (the fuzz harnesses among
    // them) does not build GRDB.
    .target(
      name: "DualScopeSQLite",
      dependencies: [
        "DualScope",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),

    // HTTP service: the API under /api/v1 and the self-check page.
    .target(
      name: "DualScopeServer",
      dependencies: [
        "DualScope", "DualScopeReports",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ],
      // The page, its script and style, and the OpenAPI document are compiled into the binary.
      resources: [
        .embedInCode("Resources/index.html"), .embedInCode("Resources/app.js"),
        .embedInCode("Resources/app.css"), .embedInCode("Resources/openapi.json"),
      ]
    ),

    // Command-line tool
    .executableTarget(
      name: "DualScopeCLI",
      dependencies: [
        "DualScope", "DualScopeReports", "DualScopeSQLite", "DualScopeServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // Test support
    .target(
      name: "DualScopeTestSupport",
      dependencies: ["DualScope", "PhraseMatching"]
    ),

    // Tests
    .testTarget(name: "TaxonomyYAMLTests", dependencies: ["TaxonomyYAML"]),
    .testTarget(
      name: "PhraseMatchingTests",
      dependencies: ["PhraseMatching", "DualScopeTestSupport"],
      swiftSettings: internalChecks
    ),
    .testTarget(
      name: "DualScopeTests",
      dependencies: ["DualScope", "DualScopeTestSupport", "TaxonomyYAML"],
      swiftSettings: internalChecks
    ),
    .testTarget(
      name: "DualScopeReportsTests",
      dependencies: ["DualScopeReports", "DualScopeSQLite", "DualScopeTestSupport"]
    ),
    .testTarget(
      name: "DualScopeServerTests",
      dependencies: [
        "DualScopeServer", "DualScopeCLI", "DualScopeTestSupport",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ],
      // The tests pass JSON trees ([String: Any]) into the test client's closures.
      swiftSettings: [.swiftLanguageMode(.v5)]
    ),
    // Runs the built `dualscope`; the dependency makes `swift test` build it first.
    .testTarget(
      name: "DualScopeEndToEndTests",
      dependencies: ["DualScopeCLI", "DualScopeTestSupport"]
    ),
  ]
)
