// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "piimask",
    products: [
        .library(name: "PIIMask", targets: ["PIIMask"]),
        .executable(name: "piimask", targets: ["piimask"]),
        .executable(name: "piimask-stream", targets: ["piimask-stream"]),
        .executable(name: "piimask-fixtures", targets: ["piimask-fixtures"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // PCRE2's 8-bit library from the system (Debian: libpcre2-dev).
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        // A safe Swift wrapper over PCRE2: compile, JIT, match over bytes, typed errors.
        .target(name: "PCRE2", dependencies: ["CPCRE2"]),
        // The NATS C client from the system (Debian: libnats-dev), for the stream worker.
        .systemLibrary(
            name: "CNATS",
            pkgConfig: "libnats",
            providers: [.apt(["libnats-dev"])]
        ),
        // A safe Swift wrapper over the NATS C client: connections, JetStream streams,
        // publish with acknowledgement, durable pull consumers, typed errors.
        .target(name: "NATS", dependencies: ["CNATS"]),
        // The JetStream stream worker: consume, mask, publish with a message id, ack.
        .target(
            name: "PIIMaskStream",
            dependencies: [
                "PIIMask", "PIIMaskService", "NATS",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The prefilter's 16-bytes-at-a-time scan (SSE2), in C for its vector instructions.
        .target(name: "CByteScan"),
        // Rules, validators, masks, field policy, the masking engine and stream processing.
        .target(
            name: "PIIMask",
            dependencies: [
                "PCRE2", "CByteScan",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // What every long-running mode shares: a masker whose rules reload without a restart
        // (SIGHUP), and masking metrics through the swift-metrics facade (no backend).
        .target(
            name: "PIIMaskService",
            dependencies: [
                "PIIMask",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // `piimask serve`: the HTTP service (Hummingbird) over PIIMask and PIIMaskService.
        .target(
            name: "PIIMaskServer",
            dependencies: [
                "PIIMask",
                "PIIMaskService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The command line: a thin layer over PIIMask (and PIIMaskServer for `serve`), shared
        // by both executables. It links no NATS library: `piimask stream` runs piimask-stream.
        .target(
            name: "PIIMaskCLI",
            dependencies: [
                "PIIMask",
                "PIIMaskServer",
                "PIIMaskService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // `piimask`: the filter and every mode but the stream worker.
        .executableTarget(name: "piimask", dependencies: ["PIIMaskCLI"]),
        // `piimask-stream`: the JetStream worker, the only executable linking libnats.
        .executableTarget(
            name: "piimask-stream",
            dependencies: [
                "PIIMask",
                "PIIMaskCLI",
                "PIIMaskService",
                "PIIMaskStream",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Labeled chat corpora for accuracy and speed, generated deterministically from a seed.
        .target(name: "PIIMaskFixtures"),
        .executableTarget(
            name: "piimask-fixtures",
            dependencies: [
                "PIIMaskFixtures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PIIMaskFixturesTests", dependencies: ["PIIMaskFixtures"]),
        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"]),
        // Starts a real nats-server with JetStream for the NATS and stream worker tests.
        .target(name: "NATSServerFixture", path: "Tests/NATSServerFixture"),
        .testTarget(name: "NATSTests", dependencies: ["NATS", "NATSServerFixture"]),
        .testTarget(name: "PIIMaskStreamTests",
                    dependencies: ["PIIMaskStream", "PIIMaskService", "NATS", "NATSServerFixture", "piimask", "piimask-stream"]),
        .testTarget(name: "PIIMaskTests", dependencies: ["PIIMask"]),
        // The ```swift blocks of README.md and docs/*.md as one program (Snippets.swift is
        // generated by scripts/doc-snippets), so the build compiles what the docs show.
        .executableTarget(name: "piimask-doc-snippets", dependencies: ["PIIMask"], path: "Tests/DocSnippets"),
        .testTarget(name: "piimaskCLITests", dependencies: ["piimask", "piimask-stream", "piimask-doc-snippets"]),
        .testTarget(
            name: "PIIMaskServiceTests",
            dependencies: [
                "PIIMaskService",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "PIIMaskServerTests",
            dependencies: [
                "piimask",
                "PIIMaskServer",
                "PIIMaskService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
    ]
)
