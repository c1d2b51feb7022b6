// swift-tools-version:6.0
// The concurrency tests of the PIIMask library under ThreadSanitizer. A package of its own so
// that the sanitized build holds only PIIMask and what it needs, not the server and stream
// targets of the root package. Its one test file is the root package's own
// (`Tests/PIIMaskTests/ConcurrencyTests.swift`, linked). Run it with `scripts/tsan-test`.
import PackageDescription

// A path dependency is known by the name of its folder, which is whatever the clone was called
// (`piimask`, `main`, …): take it from the path of the folder above this one.
let rootPackage = Context.packageDirectory
    .split(separator: "/", omittingEmptySubsequences: true)
    .dropLast().last.map(String.init) ?? "piimask"

let package = Package(
    name: "piimask-tsan",
    dependencies: [
        .package(path: "../"),
    ],
    targets: [
        .testTarget(
            name: "ConcurrencyTests",
            dependencies: [.product(name: "PIIMask", package: rootPackage)]
        ),
    ]
)
