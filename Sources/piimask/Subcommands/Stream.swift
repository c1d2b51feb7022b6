import ArgumentParser
import Logging
import PIIMask
import PIIMaskStream

/// `piimask stream`: the NATS JetStream worker for one partition.
struct Stream: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mask chat events from a NATS JetStream partition into an output subject (one worker per partition).",
        discussion: """
            Reads <input-prefix>.<partition> from the input stream through the durable pull consumer \
            <durable-prefix>-<partition>, masks each event as `--format ndjson` does, publishes it to \
            <output-prefix>.<partition> with Nats-Msg-Id <stream>:<sequence>, and acks the input once the \
            publish is acknowledged. Events that are not JSON (masked as text) or larger than \
            --max-event-bytes (without their body) go to <dead-letter-prefix>.<partition>. \
            SIGTERM or SIGINT: finish the batch in hand, ack, exit 0.
            """)

    @OptionGroup var rules: RuleOptions

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

    @Flag(help: "Create the input, output and dead-letter streams (CHAT_IN, CHAT_MASKED, CHAT_DEADLETTER) if missing.")
    var createStreams = false

    func validate() throws {
        if let problem = makeConfiguration().validationError() { throw ValidationError(problem) }
        guard ackWait >= 0.1 && ackWait <= 86_400 else { throw ValidationError("--ack-wait must be between 0.1 and 86400 seconds") }
    }

    func run() throws {
        let masker = try rules.makeMasker()
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        SignalStop.install()
        let worker = StreamWorker(configuration: makeConfiguration(), masker: { masker },
                                  metrics: StreamMetrics(partition: partition))
        do {
            let stats = try worker.run(shouldStop: SignalStop.requested)
            Diagnostics.write(StreamStatsReport(stats: stats).text)
        } catch {
            Diagnostics.error("cannot connect to NATS: \(error.description)")
            throw ExitCode(ExitStatus.usage)
        }
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
