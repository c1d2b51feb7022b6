// swift-tools-version:6.0
// The libFuzzer target of the PIIMask library. A package of its own so that the root package
// (and CI's `swift test`) never builds it: it only links with `-sanitize=fuzzer`, which
// supplies `main`. Build and run it with `fuzz/run.sh [SECONDS]`.
import PackageDescription

// A path dependency is known by the name of its folder, which is whatever the clone was called
// (`piimask`, `main`, …): take it from the path of the folder above this one.
let rootPackage = Context.packageDirectory
    .split(separator: "/", omittingEmptySubsequences: true)
    .dropLast().last.map(String.init) ?? "piimask"

let package = Package(
    name: "piimask-fuzz",
    dependencies: [
        .package(path: "../"),
    ],
    targets: [
        // The header of libFuzzer's `LLVMFuzzerRunDriver`.
        .target(name: "CFuzzerDriver"),
        // `@testable import PIIMask` (debug builds): the NDJSON block processor and the JSON
        // validator are internal.
        .executableTarget(
            name: "PIIMaskFuzz",
            dependencies: ["CFuzzerDriver", .product(name: "PIIMask", package: rootPackage)]
        ),
    ]
)
