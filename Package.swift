// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "piimask",
    products: [
        .library(name: "PIIMask", targets: ["PIIMask"]),
        .executable(name: "piimask", targets: ["piimask"]),
        .executable(name: "piimask-fixtures", targets: ["piimask-fixtures"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
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
                "PIIMask", "NATS",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // Rules, validators, masks, field policy, the masking engine and stream processing.
        .target(
            name: "PIIMask",
            dependencies: ["PCRE2", .product(name: "Yams", package: "Yams")]
        ),
        // The command line: a thin layer over PIIMask.
        .executableTarget(
            name: "piimask",
            dependencies: [
                "PIIMask",
                "PIIMaskStream",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
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
                    dependencies: ["PIIMaskStream", "NATS", "NATSServerFixture", "piimask"]),
        .testTarget(name: "PIIMaskTests", dependencies: ["PIIMask"]),
        .testTarget(name: "piimaskCLITests", dependencies: ["piimask"]),
    ]
)
