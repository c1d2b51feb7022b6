import CoreMetrics
import Hummingbird
import Logging
import NIOCore
import PIIMaskService
import Prometheus
import ServiceLifecycle
import Synchronization

/// Builds the `piimask serve` HTTP application: routes, limits, authentication, logging.
///
/// The same function serves `piimask serve` and the tests (which bind port 0).
///
/// ```swift
/// let registry = PrometheusCollectorRegistry()
/// let factory = PrometheusMetricsFactory(registry: registry)
/// let masker = try ReloadableMasker(configuration: RuleConfiguration(),
///                                   metrics: MaskingMetrics(factory: factory))
/// let app = PIIMaskServer.makeApplication(configuration: ServerConfiguration(), masker: masker,
///                                         registry: registry, metricsFactory: factory,
///                                         logger: Logger(label: "piimask"))
/// try await ServiceGroup(services: [app], gracefulShutdownSignals: [.sigterm], logger: logger).run()
/// ```
///
/// `piimask serve` runs it in a `ServiceGroup` with a `RuleReloadService` (SIGHUP) and a
/// `ReadinessService`, which turn SIGTERM into a graceful shutdown.
/// ```swift
/// ```
public enum PIIMaskServer {
    /// The application; run it as a `Service`.
    ///
    /// - Parameters:
    ///   - masker: the rules in effect; the application records masking into its metrics.
    ///   - registry: the Prometheus registry `/metrics` exports.
    ///   - metricsFactory: where request metrics go (normally a factory over `registry`).
    ///   - readiness: what `/health/ready` reports; run a `ReadinessService` over it after
    ///     the application in the same service group, so it turns false as shutdown begins.
    ///   - logger: one line per request at info; start-up and shutdown.
    ///   - policies: the named policies a request may select (`Piimask-Policy: NAME`).
    public static func makeApplication(
        configuration: ServerConfiguration,
        masker: ReloadableMasker,
        maskingMetrics: MaskingMetrics,
        registry: PrometheusCollectorRegistry,
        metricsFactory: any MetricsFactory,
        readiness: Readiness = Readiness(),
        logger: Logger,
        policies: [ServedPolicy] = []
    ) -> some ApplicationProtocol {
        let state = ServerState(configuration: configuration, masker: masker, metrics: maskingMetrics,
                                registry: registry, readiness: readiness,
                                conversationMetrics: ConversationMetrics(factory: metricsFactory),
                                revealMetrics: RevealMetrics(factory: metricsFactory))
        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(AccessLogMiddleware(logger: logger, metrics: RequestMetrics(factory: metricsFactory)))
        router.middlewares.add(JSONErrorMiddleware())
        if let token = configuration.token {
            router.middlewares.add(BearerTokenMiddleware(token: token))
        }
        router.middlewares.add(ConcurrencyLimitMiddleware(limit: configuration.maxConcurrentRequests))
        if !policies.isEmpty {
            router.middlewares.add(PolicyMiddleware(policies: Dictionary(uniqueKeysWithValues: policies.map { ($0.name, $0) })))
        }
        router.middlewares.add(BodyBudgetMiddleware(budget: configuration.maxBodyBytesInFlight,
                                                    maxBody: configuration.maxBodyBytes))
        MaskRoutes.add(to: router, state: state)
        EventRoutes.add(to: router, state: state)
        OperationsRoutes.add(to: router, state: state)
        RuleDraftRoutes.add(to: router, state: state)
        ExplainRoutes.add(to: router, state: state)
        RevealRoutes.add(to: router, state: state)
        WorkbenchRoutes.add(to: router)
        MethodRoutes.add(to: router)

        let idle = TimeAmount.nanoseconds(Int64(configuration.idleTimeout.components.seconds) * 1_000_000_000
            + configuration.idleTimeout.components.attoseconds / 1_000_000_000)
        return Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: idle)),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let address = channel.localAddress
                logger.info("listening", metadata: [
                    "address": "\(address?.ipAddress ?? configuration.host):\(address?.port ?? configuration.port)",
                ])
            },
            logger: logger
        )
    }
}

/// Whether the server takes requests: `/health/ready` answers 503 once it is false.
public final class Readiness: Sendable {
    private let value = Atomic<Bool>(true)

    /// Ready.
    public init() {}

    /// Whether the server is ready.
    public var isReady: Bool { value.load(ordering: .relaxed) }

    /// Marks the server not ready.
    public func markNotReady() { value.store(false, ordering: .relaxed) }
}

/// Marks the server not ready as soon as graceful shutdown begins. A `ServiceGroup` shuts
/// its services down in reverse order, one after the other: list this after the
/// application, so that readiness drops before the server stops accepting connections and
/// finishes the requests in flight.
public struct ReadinessService: Service {
    private let readiness: Readiness
    private let logger: Logger

    /// A service for `readiness`; it logs when shutdown begins.
    public init(readiness: Readiness, logger: Logger) {
        self.readiness = readiness
        self.logger = logger
    }

    /// Waits for graceful shutdown, then marks the server not ready.
    public func run() async throws {
        try? await gracefulShutdown()
        readiness.markNotReady()
        logger.info("shutting down: no new connections, finishing requests in flight")
    }
}
