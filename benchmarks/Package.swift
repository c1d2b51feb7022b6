// swift-tools-version:6.1
// Benchmarks of the PIIMask library with ordo-one's package-benchmark. A package of its own,
// so the root package (and CI's `swift test`) never builds it.
//
//     cd benchmarks && swift package --disable-sandbox benchmark
import PackageDescription

// A path dependency is known by the name of its folder, which is whatever the clone was called
// (`piimask`, `main`, …): take it from the path of the folder above this one.
let rootPackage = Context.packageDirectory
    .split(separator: "/", omittingEmptySubsequences: true)
    .dropLast().last.map(String.init) ?? "piimask"

let package = Package(
    name: "piimask-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../"),
        // On Swift 6.3 on Linux, package-benchmark's default traits also pull in a runtime
        // interposer package; naming only MallocInterposer leaves that one out.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1",
                 traits: ["MallocInterposer"]),
    ],
    targets: [
        // package-benchmark runs only executable targets whose folder is inside `Benchmarks/`.
        .executableTarget(
            name: "MaskingBenchmarks",
            dependencies: [
                .product(name: "PIIMask", package: rootPackage),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MaskingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
