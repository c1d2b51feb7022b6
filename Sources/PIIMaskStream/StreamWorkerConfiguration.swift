import PIIMask

/// What a stream worker reads, where it writes, and how it treats poison events.
///
/// One worker serves one partition: it reads `<inputPrefix>.<partition>` from `inputStream`
/// through the durable pull consumer `<durablePrefix>-<partition>`, and publishes each masked
/// event to `<outputPrefix>.<partition>` (poison events to `<deadLetterPrefix>.<partition>`).
public struct StreamWorkerConfiguration: Sendable {
    /// NATS server URLs.
    public var servers: [String]
    /// The partition this worker serves (a subject token, e.g. `3`).
    public var partition: String
    /// The JetStream stream holding the input events.
    public var inputStream = "CHAT_IN"
    /// The input subjects' prefix: the worker reads `<inputPrefix>.<partition>`.
    public var inputPrefix = "chat.in"
    /// The output subjects' prefix: masked events go to `<outputPrefix>.<partition>`.
    public var outputPrefix = "chat.masked"
    /// The dead-letter subjects' prefix: poison events go to `<deadLetterPrefix>.<partition>`.
    public var deadLetterPrefix = "chat.deadletter"
    /// The durable consumer's name prefix: the consumer is `<durablePrefix>-<partition>`.
    public var durablePrefix = "piimask"
    /// Messages fetched at once; all of a batch are published and acked before the next fetch.
    public var batchSize = 256
    /// How long a fetch waits when nothing is there.
    public var fetchTimeout: Duration = .milliseconds(500)
    /// How long the server waits for an ack before delivering a message again (set on the
    /// consumer when the worker creates it).
    public var ackWait: Duration = .seconds(30)
    /// How long a publish waits for the stream's acknowledgement before it is retried.
    public var publishTimeout: Duration = .seconds(5)
    /// Events larger than this (bytes, masked or not) are dead-lettered without their body.
    public var maxEventBytes = 1 << 20
    /// An event delivered more than this many times (JetStream's delivery count: the worker
    /// died or stalled on it each time) is dead-lettered without its body and acked.
    public var maxDeliveries = 3
    /// How the worker follows the conversations of its partition (nil: each event on its own).
    public var conversations: ConversationOptions? = ConversationOptions()
    /// Create the input, output and dead-letter streams when they do not exist.
    public var createStreams = false
    /// The duplicate window of streams the worker creates: must exceed the longest time
    /// between a publish and the republish of a redelivery (see docs/stream.md).
    public var duplicateWindow: Duration = .seconds(600)
    /// Output stream name, for `createStreams`.
    public var outputStream = "CHAT_MASKED"
    /// Dead-letter stream name, for `createStreams`.
    public var deadLetterStream = "CHAT_DEADLETTER"

    /// A configuration for `partition` on `servers`, with the defaults above.
    public init(servers: [String], partition: String) {
        self.servers = servers
        self.partition = partition
    }

    /// The subject the consumer filters on.
    public var inputSubject: String { "\(inputPrefix).\(partition)" }
    /// The subject masked events are published to.
    public var outputSubject: String { "\(outputPrefix).\(partition)" }
    /// The subject poison events are published to.
    public var deadLetterSubject: String { "\(deadLetterPrefix).\(partition)" }
    /// The durable consumer's name.
    public var durableName: String { "\(durablePrefix)-\(partition)" }

    /// The problem with this configuration, or nil when it is usable.
    public func validationError() -> String? {
        let token = /^[A-Za-z0-9_-]+$/
        if partition.wholeMatch(of: token) == nil { return "partition must be one subject token ([A-Za-z0-9_-]+)" }
        if durablePrefix.wholeMatch(of: token) == nil { return "durable prefix must be [A-Za-z0-9_-]+" }
        let prefixes = [inputPrefix, outputPrefix, deadLetterPrefix]
        if prefixes.contains(where: { $0.isEmpty || $0.contains(where: { " *>".contains($0) }) }) {
            return "subject prefixes must be non-empty and without spaces or wildcards"
        }
        if Set(prefixes).count != 3 { return "input, output and dead-letter prefixes must differ" }
        if batchSize < 1 || batchSize > 10_000 { return "batch size must be between 1 and 10000" }
        if maxEventBytes < 1 { return "max event bytes must be positive" }
        if maxDeliveries < 1 || maxDeliveries > 1_000 { return "max deliveries must be between 1 and 1000" }
        if servers.isEmpty { return "at least one server is needed" }
        return nil
    }
}
