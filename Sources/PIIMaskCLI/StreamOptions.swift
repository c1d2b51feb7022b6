import ArgumentParser

/// The options of the stream worker, shared by `piimask stream` (which hands them on to the
/// `piimask-stream` executable) and `piimask-stream` itself, so both parse, document and
/// read from the environment (`PIIMASK_*`) exactly the same options. This module links no
/// NATS library; the worker that uses these options lives in `piimask-stream`.
public struct StreamOptions: ParsableArguments {
    /// The discussion shown by `piimask stream --help` and `piimask-stream --help`.
    public static let discussion = """
        Reads <input-prefix>.<partition> from the input stream through the durable pull consumer \
        <durable-prefix>-<partition>, masks each event as `--format ndjson` does, publishes it to \
        <output-prefix>.<partition> with Nats-Msg-Id <stream>:<sequence>, and acks the input once the \
        publish is acknowledged. Events that are not JSON (masked as text) or larger than \
        --max-event-bytes (without their body) go to <dead-letter-prefix>.<partition>, and so \
        does, without its body, an event delivered more than --max-deliveries times (the worker \
        died on it each time). Conversations are followed as by `--format ndjson`, in memory: \
        a restarted worker starts with none. \
        SIGTERM or SIGINT: finish the batch in hand, ack, exit 0. SIGHUP: reload the rule files \
        and the token key file (a broken file keeps the rules in effect). Token masks are keyed \
        with --token-key-file, per conversation with each event's conversation id. --metrics-listen serves Prometheus text at /metrics. \
        The worker is the executable piimask-stream (the only one linking the NATS client library); \
        `piimask stream` runs the piimask-stream installed beside piimask.
        """

    /// The rule files.
    @OptionGroup public var rules: RuleOptions
    /// How events of one conversation are followed.
    @OptionGroup(title: "Conversations (the events of the partition, in order)") public var conversations: ConversationCLIOptions
    /// The token key file of the rules' `token` and `encrypt` masks.
    @OptionGroup(title: "Tokens (token and encrypt masks)") public var keys: TokenKeyOptions

    /// NATS server URLs.
    @Option(name: .customLong("server"), help: ArgumentHelp("A NATS server URL (repeatable).", valueName: "url"))
    public var servers: [String] = ["nats://127.0.0.1:4222"]

    /// The partition served.
    @Option(help: "The partition this worker serves (one subject token).")
    public var partition: String

    /// The input stream's name.
    @Option(help: "The JetStream stream holding the input events.")
    public var inputStream = "CHAT_IN"

    /// Input subjects' prefix.
    @Option(help: "Input subjects' prefix.")
    public var inputPrefix = "chat.in"

    /// Output subjects' prefix.
    @Option(help: "Output subjects' prefix.")
    public var outputPrefix = "chat.masked"

    /// Dead-letter subjects' prefix.
    @Option(help: "Dead-letter subjects' prefix.")
    public var deadLetterPrefix = "chat.deadletter"

    /// Durable consumer name prefix.
    @Option(help: "Durable consumer name prefix.")
    public var durablePrefix = "piimask"

    /// Messages per batch.
    @Option(help: "Messages fetched, published and acked per batch.")
    public var batch = 256

    /// The consumer's ack wait, in seconds.
    @Option(help: "Seconds the server waits for an ack before delivering again (when the worker creates the consumer).")
    public var ackWait = 30.0

    /// The largest event, in bytes.
    @Option(help: "Events larger than this many bytes, before or after masking, are dead-lettered without their body.")
    public var maxEventBytes = 1 << 20

    /// Deliveries before an event is dead-lettered.
    @Option(help: "An event delivered more than this many times is dead-lettered without its body (reason repeated-failure) and acked.")
    public var maxDeliveries = 3

    /// Whether to create missing streams.
    @Flag(help: "Create the input, output and dead-letter streams (CHAT_IN, CHAT_MASKED, CHAT_DEADLETTER) if missing.")
    public var createStreams = false

    /// Where to serve Prometheus metrics.
    @Option(help: ArgumentHelp("Serve Prometheus metrics at http://HOST:PORT/metrics (default: no endpoint).", valueName: "host:port"))
    public var metricsListen: String?

    /// Creates the options with their defaults (ArgumentParser fills them in).
    public init() {}

    /// Checks what needs no NATS code (the worker's configuration is checked by `piimask-stream`).
    public func validate() throws {
        try conversations.validate(format: .ndjson, given: conversations.given)
        guard ackWait >= 0.1 && ackWait <= 86_400 else { throw ValidationError("--ack-wait must be between 0.1 and 86400 seconds") }
        if metricsListen != nil && metricsAddress == nil { throw ValidationError("--metrics-listen must be HOST:PORT") }
    }

    /// `--metrics-listen` as host and port.
    public var metricsAddress: (host: String, port: Int)? {
        guard let metricsListen, let colon = metricsListen.lastIndex(of: ":"),
              let port = Int(metricsListen[metricsListen.index(after: colon)...]), (0...65_535).contains(port)
        else { return nil }
        return (String(metricsListen[..<colon]), port)
    }
}
