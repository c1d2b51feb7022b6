/// What a filter run processed, for `--stats`. Holds counts only, never input text.
public struct StreamStats: Sendable, Equatable {
    /// Input lines (a last line without a newline counts).
    public var lines = 0
    /// Bytes read.
    public var bytesIn = 0
    /// Bytes written.
    public var bytesOut = 0
    /// Findings and masked values.
    public var counters = MaskCounters()
    /// NDJSON lines that were not valid JSON.
    public var invalidLines = 0
    /// Lines longer than the filter holds whole, masked in pieces (NDJSON: as text).
    public var longLines = 0
    /// What conversation tracking did (NDJSON with conversations).
    public var conversations = ConversationCounters()

    /// Creates zero stats.
    public init() {}

    /// Adds `other` to these stats.
    public mutating func add(_ other: StreamStats) {
        lines += other.lines
        bytesIn += other.bytesIn
        bytesOut += other.bytesOut
        counters.add(other.counters)
        invalidLines += other.invalidLines
        longLines += other.longLines
        conversations.tracked = max(conversations.tracked, other.conversations.tracked)
        conversations.evicted += other.conversations.evicted
        conversations.expired += other.conversations.expired
        conversations.ended += other.conversations.ended
        conversations.splitValues += other.conversations.splitValues
        conversations.partialValues += other.conversations.partialValues
    }
}
