import CoreMetrics
import PIIMask
import Synchronization

/// Records what the conversation state of a long-running mode (`serve`'s `/v1/events`, the
/// stream worker) did, through the swift-metrics facade. Counts only, never ids or text.
///
/// | metric | what |
/// |---|---|
/// | `piimask_conversations_tracked` | conversations held now (a gauge) |
/// | `piimask_conversations_dropped_total` | `reason` (`full`, `expired`, `ended`): conversations dropped |
/// | `piimask_conversation_split_values_total` | values found across two or more messages |
/// | `piimask_conversation_partial_values_total` | message ends masked as the start of a value |
public final class ConversationMetrics: Sendable {
    private let tracked: Gauge
    private let evicted: Counter
    private let expired: Counter
    private let ended: Counter
    private let splitValues: Counter
    private let partialValues: Counter
    /// The totals last recorded, for recording differences.
    private let last = Mutex(ConversationCounters())

    /// Records into `factory` (default: the process-wide `MetricsSystem.factory`).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        tracked = Gauge(label: "piimask_conversations_tracked", factory: factory)
        evicted = Counter(label: "piimask_conversations_dropped_total", dimensions: [("reason", "full")], factory: factory)
        expired = Counter(label: "piimask_conversations_dropped_total", dimensions: [("reason", "expired")], factory: factory)
        ended = Counter(label: "piimask_conversations_dropped_total", dimensions: [("reason", "ended")], factory: factory)
        splitValues = Counter(label: "piimask_conversation_split_values_total", factory: factory)
        partialValues = Counter(label: "piimask_conversation_partial_values_total", factory: factory)
    }

    /// Records `totals` (counts since the state was created, `tracked` as it is now): what
    /// grew since the last call.
    public func record(totals: ConversationCounters) {
        // Under the lock: calls from two requests at once record each difference once.
        last.withLock { previous in
            tracked.record(totals.tracked)
            increment(evicted, by: totals.evicted - previous.evicted)
            increment(expired, by: totals.expired - previous.expired)
            increment(ended, by: totals.ended - previous.ended)
            increment(splitValues, by: totals.splitValues - previous.splitValues)
            increment(partialValues, by: totals.partialValues - previous.partialValues)
            previous.evicted = max(previous.evicted, totals.evicted)
            previous.expired = max(previous.expired, totals.expired)
            previous.ended = max(previous.ended, totals.ended)
            previous.splitValues = max(previous.splitValues, totals.splitValues)
            previous.partialValues = max(previous.partialValues, totals.partialValues)
        }
    }

    private func increment(_ counter: Counter, by amount: Int) {
        if amount > 0 { counter.increment(by: amount) }
    }
}
