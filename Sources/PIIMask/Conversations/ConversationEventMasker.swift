import Synchronization

/// Masks chat events (one JSON value each) exactly as the filter's `--format ndjson` does
/// with conversations followed, for services that receive events one at a time: `piimask
/// serve`'s `/v1/events` (within a request and across requests) and the stream worker (the
/// events of its partition). Values typed across the messages of a conversation are masked,
/// and no event is held back.
///
/// State lives in this object, in memory: per conversation the last
/// `ConversationStore.tailBytes` bytes of its chat text, for at most `options.limits.capacity`
/// conversations (the least recently seen is dropped first) and `options.limits.timeToLive`
/// seconds since last seen; an end event (`options.endEvents`) drops its conversation at
/// once. Nothing is written anywhere: a new process starts with no conversation known.
///
/// The masker is passed per event, so that a rule reload keeps the conversations. An event
/// whose conversation id is missing or empty is masked on its own. Thread-safe: events are
/// masked one at a time under a lock; a conversation's events must be passed in order.
///
/// ```swift
/// let events = ConversationEventMasker(options: ConversationOptions())
/// var output: [UInt8] = []
/// line.withUnsafeBytes { _ = events.maskEvent(utf8: $0, masker: masker, appendingTo: &output) }
/// ```
///
/// - Complexity: O(n) per event in its length, O(1) per event for the conversation state.
public final class ConversationEventMasker: Sendable {
    private let state: Mutex<State>

    private final class State: @unchecked Sendable {
        let tracker: ConversationTracker
        /// The masker the worker was made for (a reload brings another).
        var masker: Masker?
        var worker: MaskingWorker?
        let rewriter = JSONLineRewriter()
        var totals = ConversationCounters()

        init(tracker: ConversationTracker) {
            self.tracker = tracker
        }
    }

    /// Follows conversations as `options` says; `clock` gives seconds (default: monotonic).
    public init(options: ConversationOptions,
                clock: @escaping @Sendable () -> Double = ConversationMasker.monotonicSeconds) {
        state = Mutex(State(tracker: ConversationTracker(options: options, clock: clock)))
    }

    /// Masks one chat event (without its line break) with `masker`'s rules and appends it
    /// to `output`, as `Masker.maskEvent(utf8:appendingTo:)` does, its chat text with its
    /// conversation's earlier text in view. A line that is not valid JSON is masked as text
    /// (fail closed).
    @discardableResult
    public func maskEvent(utf8 event: UnsafeRawBufferPointer, masker: Masker,
                          appendingTo output: inout [UInt8]) -> EventMaskResult {
        state.withLock { state in
            if state.masker !== masker {
                state.masker = masker
                state.worker = masker.makeWorker()
            }
            let tracker = state.tracker
            var visitor = MaskingVisitor(worker: state.worker!, masker: masker, conversations: tracker)
            tracker.beginBlock()
            tracker.beginEvent()
            let mark = output.count
            var valid = state.rewriter.rewrite(event, into: &output, visitor: &visitor)
            if valid, tracker.needsSecondPass {
                // The chat text came before the conversation id: rewrite once more, id known.
                output.removeSubrange(mark...)
                visitor.counters = MaskCounters()
                tracker.beginSecondPass()
                valid = state.rewriter.rewrite(event, into: &output, visitor: &visitor)
            }
            let result: EventMaskResult
            if valid {
                tracker.finishEvent()
                result = EventMaskResult(isValidJSON: true, counters: visitor.counters)
            } else {
                output.removeSubrange(mark...)
                var counters = MaskCounters()
                visitor.maskAsText(event, into: &output, counters: &counters)
                result = EventMaskResult(isValidJSON: false, counters: counters)
            }
            state.totals.add(tracker.takeCounters())
            return result
        }
    }

    /// What the conversation state did so far: `tracked` now, the others since creation.
    public var counters: ConversationCounters {
        state.withLock { $0.totals }
    }
}

extension ConversationCounters {
    /// Adds `delta` (from `ConversationTracker.takeCounters()`): `tracked` is taken as it is.
    mutating func add(_ delta: ConversationCounters) {
        tracked = delta.tracked
        evicted += delta.evicted
        expired += delta.expired
        ended += delta.ended
        splitValues += delta.splitValues
        partialValues += delta.partialValues
    }
}
