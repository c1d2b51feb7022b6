import PIIMask

/// What a stream worker did: counts only, never event text.
public struct StreamWorkerStats: Sendable, Equatable {
    /// Messages fetched from the input consumer (redeliveries included).
    public var received = 0
    /// Masked events the output stream stored (new, not duplicates).
    public var published = 0
    /// Publishes the stream acknowledged as duplicates: redeliveries of events already
    /// stored (after a crash or a lost ack), dropped by the duplicate window.
    public var duplicates = 0
    /// Events the dead-letter stream stored, by reason.
    public var deadLettered: [PoisonReason: Int] = [:]
    /// Messages delivered more than once.
    public var redelivered = 0
    /// Publishes that failed and were retried with the same message id.
    public var publishRetries = 0
    /// Fetches that failed (e.g. while the server restarts).
    public var fetchErrors = 0
    /// Times the consumer was moved back to the first event not yet published (at start and
    /// after a gap in deliveries), to keep per-conversation order.
    public var rewinds = 0
    /// What masking found.
    public var masking = MaskCounters()

    /// Creates zero counts.
    public init() {}
}
