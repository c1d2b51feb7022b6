import ArgumentParser
import Hummingbird
import Logging
import Metrics
import PIIMask
import PIIMaskService
import PIIMaskStream
import Prometheus
import ServiceLifecycle

/// `piimask stream`: the NATS JetStream worker for one partition.
struct Stream: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mask chat events from a NATS JetStream partition into an output subject (one worker per partition).",
        discussion: """
            Reads <input-prefix>.<partition> from the input stream through the durable pull consumer \
            <durable-prefix>-<partition>, masks each event as `--format ndjson` does, publishes it to \
            <output-prefix>.<partition> with Nats-Msg-Id <stream>:<sequence>, and acks the input once the \
            publish is acknowledged. Events that are not JSON (masked as text) or larger than \
            --max-event-bytes (without their body) go to <dead-letter-prefix>.<partition>, and so \
            does, without its body, an event delivered more than --max-deliveries times (the worker \
            died on it each time). Conversations are followed as by `--format ndjson`, in memory: \
            a restarted worker starts with none. \
            SIGTERM or SIGINT: finish the batch in hand, ack, exit 0. SIGHUP: reload the rule files \
            (a broken file keeps the rules in effect). --metrics-listen serves Prometheus text at /metrics.
            """)

    @OptionGroup var rules: RuleOptions
    @OptionGroup(title: "Conversations (the events of the partition, in order)") var conversations: ConversationCLIOptions

    @Option(name: .customLong("server"), help: ArgumentHelp("A NATS server URL (repeatable).", valueName: "url"))
    var servers: [String] = ["nats://127.0.0.1:4222"]

    @Option(help: "The partition this worker serves (one subject token).")
    var partition: String

    @Option(help: "The JetStream stream holding the input events.")
    var inputStream = "CHAT_IN"

    @Option(help: "Input subjects' prefix.")
    var inputPrefix = "chat.in"

    @Option(help: "Output subjects' prefix.")
    var outputPrefix = "chat.masked"

    @Option(help: "Dead-letter subjects' prefix.")
    var deadLetterPrefix = "chat.deadletter"

    @Option(help: "Durable consumer name prefix.")
    var durablePrefix = "piimask"

    @Option(help: "Messages fetched, published and acked per batch.")
    var batch = 256

    @Option(help: "Seconds the server waits for an ack before delivering again (when the worker creates the consumer).")
    var ackWait = 30.0

    @Option(help: "Events larger than this many bytes, before or after masking, are dead-lettered without their body.")
    var maxEventBytes = 1 << 20

    @Option(help: "An event delivered more than this many times is dead-lettered without its body (reason repeated-failure) and acked.")
    var maxDeliveries = 3

    @Flag(help: "Create the input, output and dead-letter streams (CHAT_IN, CHAT_MASKED, CHAT_DEADLETTER) if missing.")
    var createStreams = false

    @Option(help: ArgumentHelp("Serve Prometheus metrics at http://HOST:PORT/metrics (default: no endpoint).", valueName: "host:port"))
    var metricsListen: String?

    func validate() throws {
        if let problem = makeConfiguration().validationError() { throw ValidationError(problem) }
        try conversations.validate(format: .ndjson, given: conversations.given)
        guard ackWait >= 0.1 && ackWait <= 86_400 else { throw ValidationError("--ack-wait must be between 0.1 and 86400 seconds") }
        if metricsListen != nil && metricsAddress == nil { throw ValidationError("--metrics-listen must be HOST:PORT") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "piimask.stream")
        let registry = PrometheusCollectorRegistry()
        let factory = PrometheusMetricsFactory(registry: registry)
        MetricsSystem.bootstrap(factory)
        let maskingMetrics = MaskingMetrics(factory: factory)
        let masker = try rules.makeReloadableMasker(metrics: maskingMetrics, logger: logger)
        let worker = StreamWorkerService(configuration: makeConfiguration(), masker: masker,
                                         metrics: StreamMetrics(partition: partition), maskingMetrics: maskingMetrics,
                                         logger: logger)
        // Shut down in reverse order: the worker finishes its batch first, then the rest.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let (host, port) = metricsAddress {
            services.append(.init(service: Self.metricsApplication(registry: registry, host: host, port: port, logger: logger)))
        }
        services.append(.init(service: RuleReloadService(holder: masker)))
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

    /// `--metrics-listen` as host and port.
    private var metricsAddress: (String, Int)? {
        guard let metricsListen, let colon = metricsListen.lastIndex(of: ":"),
              let port = Int(metricsListen[metricsListen.index(after: colon)...]), (0...65_535).contains(port)
        else { return nil }
        return (String(metricsListen[..<colon]), port)
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
        var configuration = StreamWorkerConfiguration(servers: servers, partition: partition)
        configuration.inputStream = inputStream
        configuration.inputPrefix = inputPrefix
        configuration.outputPrefix = outputPrefix
        configuration.deadLetterPrefix = deadLetterPrefix
        configuration.durablePrefix = durablePrefix
        configuration.batchSize = batch
        configuration.ackWait = .milliseconds(Int64(ackWait * 1000))
        configuration.maxEventBytes = maxEventBytes
        configuration.createStreams = createStreams
        configuration.maxDeliveries = maxDeliveries
        configuration.conversations = conversations.options
        return configuration
    }
}

/// The worker's counts as `name: value` lines for stderr (counts only, never text).
struct StreamStatsReport {
    let stats: StreamWorkerStats

    var text: String {
        var lines = [
            "received: \(stats.received)",
            "published: \(stats.published)",
            "duplicates: \(stats.duplicates)",
        ]
        for reason in PoisonReason.allCases {
            lines.append("dead-lettered \(reason.rawValue): \(stats.deadLettered[reason] ?? 0)")
        }
        lines += [
            "redelivered: \(stats.redelivered)",
            "publish retries: \(stats.publishRetries)",
            "fetch errors: \(stats.fetchErrors)",
            "rewinds: \(stats.rewinds)",
        ]
        for (type, count) in stats.masking.findingsByType.sorted(by: { $0.key < $1.key }) {
            lines.append("findings \(type): \(count)")
        }
        return lines.map { "piimask stream: \($0)\n" }.joined()
    }
}
