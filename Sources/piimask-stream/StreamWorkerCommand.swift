import ArgumentParser
import Hummingbird
import Logging
import Metrics
import PIIMask
import PIIMaskCLI
import PIIMaskService
import PIIMaskStream
import Prometheus
import ServiceLifecycle

/// `piimask-stream` (also run as `piimask stream`): the NATS JetStream worker for one
/// partition. The only executable that links the NATS client library.
struct StreamWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "piimask-stream",
        abstract: "Mask chat events from a NATS JetStream partition into an output subject (one worker per partition).",
        discussion: StreamOptions.discussion,
        version: CommandMain.version)

    @OptionGroup var options: StreamOptions

    func validate() throws {
        if let problem = makeConfiguration().validationError() { throw ValidationError(problem) }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "piimask.stream")
        let registry = PrometheusCollectorRegistry()
        let factory = PrometheusMetricsFactory(registry: registry)
        MetricsSystem.bootstrap(factory)
        let maskingMetrics = MaskingMetrics(factory: factory)
        let masker = try options.rules.makeReloadableMasker(tokenKeyFile: options.keys.path, metrics: maskingMetrics, logger: logger)
        if options.conversations.options == nil && masker.current.ruleSet.usesConversationScopedTokens {
            Diagnostics.error("token masks are scoped per conversation, and --no-conversations reads no conversation id: set `token_scope: global` in the rule file")
            throw ExitCode(ExitStatus.usage)
        }
        let worker = StreamWorkerService(configuration: makeConfiguration(), masker: masker,
                                         metrics: StreamMetrics(partition: options.partition), maskingMetrics: maskingMetrics,
                                         logger: logger)
        // Shut down in reverse order: the worker finishes its batch first, then the rest.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let (host, port) = options.metricsAddress {
            services.append(.init(service: Self.metricsApplication(registry: registry, host: host, port: port, logger: logger)))
        }
        services.append(.init(service: await RuleReloadService(holder: masker)))
        services.append(.init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup,
                              failureTerminationBehavior: .gracefullyShutdownGroup))
        do {
            try await ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                        logger: logger)).run()
        } catch {
            Diagnostics.error("stream worker stopped: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        if let stats = worker.stats { Diagnostics.write(StreamStatsReport(stats: stats).text) }
    }

    /// A Hummingbird application serving the registry's Prometheus text at `/metrics`.
    private static func metricsApplication(registry: PrometheusCollectorRegistry, host: String, port: Int,
                                           logger: Logger) -> some Service {
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            var text: [UInt8] = []
            registry.emit(into: &text)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: text)))
        }
        return Application(router: router, configuration: .init(address: .hostname(host, port: port)), logger: logger)
    }

    private func makeConfiguration() -> StreamWorkerConfiguration {
        var configuration = StreamWorkerConfiguration(servers: options.servers, partition: options.partition)
        configuration.inputStream = options.inputStream
        configuration.inputPrefix = options.inputPrefix
        configuration.outputPrefix = options.outputPrefix
        configuration.deadLetterPrefix = options.deadLetterPrefix
        configuration.durablePrefix = options.durablePrefix
        configuration.batchSize = options.batch
        configuration.ackWait = .milliseconds(Int64(options.ackWait * 1000))
        configuration.maxEventBytes = options.maxEventBytes
        configuration.createStreams = options.createStreams
        configuration.maxDeliveries = options.maxDeliveries
        configuration.conversations = options.conversations.options
        return configuration
    }
}
