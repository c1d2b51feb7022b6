import Foundation
import Logging
import PIIMask
import PIIMaskService
import ServiceLifecycle
import Synchronization

/// Runs a `StreamWorker` as a swift-service-lifecycle `Service`: the worker's blocking loop
/// (the NATS C client blocks) runs on a thread of its own, and the group's graceful shutdown
/// (SIGTERM, SIGINT) or a cancellation asks it to finish the batch in hand, ack and return.
public final class StreamWorkerService: Service, Sendable {
    private let configuration: StreamWorkerConfiguration
    private let masker: ReloadableMasker
    private let metrics: StreamMetrics
    private let maskingMetrics: MaskingMetrics
    private let logger: Logger
    private let stopRequested = Atomic<Bool>(false)
    private let finalStats = Mutex<StreamWorkerStats?>(nil)

    /// A service for one partition's worker, masking with `masker`'s current rules.
    public init(configuration: StreamWorkerConfiguration, masker: ReloadableMasker, metrics: StreamMetrics,
                maskingMetrics: MaskingMetrics, logger: Logger = Logger(label: "piimask.stream")) {
        self.configuration = configuration
        self.masker = masker
        self.metrics = metrics
        self.maskingMetrics = maskingMetrics
        self.logger = logger
    }

    /// The worker's counts once `run()` has returned (nil before).
    public var stats: StreamWorkerStats? { finalStats.withLock { $0 } }

    /// Runs the worker until a graceful shutdown or cancellation.
    ///
    /// - Throws: `NATSError` when the first connection fails.
    public func run() async throws {
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                let stats = try await runOnThread()
                finalStats.withLock { $0 = stats }
            } onGracefulShutdown: {
                self.stopRequested.store(true, ordering: .relaxed)
            }
        } onCancel: {
            stopRequested.store(true, ordering: .relaxed)
        }
    }

    private func runOnThread() async throws -> StreamWorkerStats {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { [self] in
                let holder = masker
                let worker = StreamWorker(configuration: configuration, masker: { holder.current },
                                          metrics: metrics, maskingMetrics: maskingMetrics, logger: logger)
                continuation.resume(with: Result { try worker.run(shouldStop: { self.stopRequested.load(ordering: .relaxed) }) })
            }
            thread.name = "piimask-stream-\(configuration.partition)"
            thread.start()
        }
    }
}
