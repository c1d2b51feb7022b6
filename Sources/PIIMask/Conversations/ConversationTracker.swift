import Glibc

/// How the filter follows the conversations of NDJSON chat events.
public struct ConversationOptions: Sendable, Equatable {
    /// The dotted path of an event's conversation id (a string), e.g. `conversation`.
    public var idPath: String
    /// The dotted path of an event's type, e.g. `event`.
    public var eventPath: String
    /// Event types after which a conversation's state is dropped.
    public var endEvents: [String]
    /// How many conversations, for how long.
    public var limits: ConversationLimits

    /// The built-in schema's paths (`conversation`, `event`), ending at `conversation.ended`
    /// and `customer.ended`.
    public init(idPath: String = "conversation", eventPath: String = "event",
                endEvents: [String] = ["conversation.ended", "customer.ended"],
                limits: ConversationLimits = ConversationLimits()) {
        self.idPath = idPath
        self.eventPath = eventPath
        self.endEvents = endEvents
        self.limits = limits
    }
}

/// The conversation state of one NDJSON stream: which conversation each event belongs to,
/// and the tails of the conversations. The chat text of an event (strings the field map gives
/// the default category explicitly, `message.text`) is masked with its conversation's tail
/// in view, and conversation-scoped token masks are keyed with its id. The id is read as the
/// event is rewritten; an event whose chat text (or, with conversation-scoped token masks, a
/// masked value) comes before its id is rewritten a second time. Not thread-safe: the events
/// of a stream are handled in order on one thread.
///
/// The state sits behind a pointer, as `MaskingWorker`'s does: the per-string calls pay no
/// dynamic exclusivity checks or reference counting.
final class ConversationTracker {
    private struct State {
        var store: ConversationStore
        /// The conversation id of the event being rewritten, once read.
        var id: [UInt8] = []
        var idKnown = false
        /// Whether the event's type was read, and whether it ends its conversation.
        var typeKnown = false
        var ends = false
        /// Whether chat text, or a value needing the id, came before the id in this event.
        var neededIDEarly = false
        var secondPass = false
        /// When the events being rewritten were read.
        var now = 0.0
        /// The counters last reported, for reporting differences per block.
        var reported = ConversationCounters()
    }

    private let state: UnsafeMutablePointer<State>
    private let idKeys: DottedKeys
    private let eventKeys: DottedKeys
    private let endEvents: [[UInt8]]
    private let clock: () -> Double

    /// Whether the event must be rewritten again: something needed its id before it was read.
    var needsSecondPass: Bool { state.pointee.neededIDEarly && state.pointee.idKnown }

    init(options: ConversationOptions, clock: @escaping () -> Double = ConversationMasker.monotonicSeconds) {
        state = .allocate(capacity: 1)
        state.initialize(to: State(store: ConversationStore(limits: options.limits)))
        idKeys = DottedKeys(options.idPath)
        eventKeys = DottedKeys(options.eventPath)
        endEvents = options.endEvents.map { Array($0.utf8) }
        self.clock = clock
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
        idKeys.deallocate()
        eventKeys.deallocate()
    }

    /// Before the events of a block are rewritten: they were read now.
    func beginBlock() {
        state.pointee.now = clock()
    }

    /// Before an event is rewritten.
    func beginEvent() {
        state.pointee.idKnown = false
        state.pointee.typeKnown = false
        state.pointee.ends = false
        state.pointee.neededIDEarly = false
        state.pointee.secondPass = false
    }

    /// Before the second rewrite of an event whose chat text came before its id.
    func beginSecondPass() {
        state.pointee.secondPass = true
        state.pointee.neededIDEarly = false
        state.pointee.typeKnown = false
    }

    /// Takes note of a string of the event: its id or its type.
    @inline(__always)
    func note(_ string: UnsafeRawBufferPointer, at path: JSONPath) {
        // Most strings are at neither path: their depth tells at once.
        guard path.count == idKeys.count || path.count == eventKeys.count else { return }
        if !state.pointee.idKnown, idKeys.matches(path) {
            // Ids of one length follow each other: copied in place, without an allocation.
            if state.pointee.id.count == string.count {
                state.pointee.id.withUnsafeMutableBytes { $0.copyMemory(from: string) }
            } else {
                state.pointee.id = Array(string)
            }
            state.pointee.idKnown = true
        } else if !state.pointee.typeKnown, eventKeys.matches(path) {
            state.pointee.typeKnown = true
            state.pointee.ends = endEvents.contains { end in
                end.count == string.count && end.withUnsafeBytes { memcmp($0.baseAddress!, string.baseAddress!, end.count) == 0 }
            }
        }
    }

    /// The store slot of the event's conversation for its chat text, or nil when the id is
    /// not known yet (the text is then masked on its own, and a second pass is asked for).
    func slotForChatText() -> Int? {
        guard state.pointee.idKnown else {
            if !state.pointee.secondPass { state.pointee.neededIDEarly = true }
            return nil
        }
        let now = state.pointee.now
        return state.pointee.id.withUnsafeBytes { state.pointee.store.slot(for: $0, now: now) }
    }

    /// Calls `body` with the event's conversation id, or nil when it is not known yet (then
    /// a second pass is asked for, in which it is known from the start).
    func withID<Result>(_ body: (UnsafeRawBufferPointer?) -> Result) -> Result {
        guard state.pointee.idKnown else {
            if !state.pointee.secondPass { state.pointee.neededIDEarly = true }
            return body(nil)
        }
        return state.pointee.id.withUnsafeBytes { body($0) }
    }

    /// Masks the chat text `text` of the conversation in `slot` into `output` and keeps it
    /// as the conversation's tail; whether anything was masked.
    func mask(_ text: UnsafeRawBufferPointer, slot: Int, worker: MaskingWorker, policy: FieldPolicy,
              words: ContextWordTable, into output: inout [UInt8], counters: inout MaskCounters) -> Bool {
        let state = self.state
        var split = state.pointee.store.counters
        let masked = state.pointee.id.withUnsafeBytes { id in
            state.pointee.store.withTail(slot) { tail in
                worker.maskContinuing(text, tail: tail, policy: policy, words: words, id: id, into: &output,
                                      counters: &counters, conversation: &split)
            }
        }
        state.pointee.store.counters = split
        state.pointee.store.append(text, to: slot)
        return masked
    }

    /// After an event was rewritten: drops its conversation when the event ended it.
    func finishEvent() {
        guard state.pointee.ends && state.pointee.idKnown else { return }
        let state = self.state
        state.pointee.id.withUnsafeBytes { state.pointee.store.end($0) }
    }

    /// The counters since the last call (`tracked` as it is now).
    func takeCounters() -> ConversationCounters {
        let now = state.pointee.store.counters
        let reported = state.pointee.reported
        var delta = ConversationCounters()
        delta.tracked = now.tracked
        delta.evicted = now.evicted - reported.evicted
        delta.expired = now.expired - reported.expired
        delta.ended = now.ended - reported.ended
        delta.splitValues = now.splitValues - reported.splitValues
        delta.partialValues = now.partialValues - reported.partialValues
        state.pointee.reported = now
        return delta
    }
}

/// The keys of a dotted path (`conversation`, `meta.conversation_id`) in memory of their
/// own, compared with a JSON path without reference counting.
private struct DottedKeys {
    /// The keys back to back.
    private let bytes: UnsafeMutableRawBufferPointer
    /// Where each key ends in `bytes`.
    private let ends: UnsafeMutableBufferPointer<Int>

    /// How many keys.
    var count: Int { ends.count }

    init(_ dotted: String) {
        let keys = dotted.split(separator: ".").map { Array($0.utf8) }
        bytes = .allocate(byteCount: max(1, keys.reduce(0) { $0 + $1.count }), alignment: 1)
        ends = .allocate(capacity: keys.count)
        var offset = 0
        for (index, key) in keys.enumerated() {
            key.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: bytes[offset...]).copyMemory(from: $0) }
            offset += key.count
            ends[index] = offset
        }
    }

    func deallocate() {
        bytes.deallocate()
        ends.deallocate()
    }

    /// Whether `path` is exactly these keys.
    @inline(__always)
    func matches(_ path: JSONPath) -> Bool {
        guard path.count == ends.count else { return false }
        var start = 0
        for depth in 0..<ends.count {
            let frame = path.frames[depth]
            guard frame.isObject else { return false }
            let key = path.keyBytes(frame)
            let length = ends[depth] - start
            guard key.count == length,
                  length == 0 || memcmp(key.baseAddress!, bytes.baseAddress! + start, length) == 0 else { return false }
            start = ends[depth]
        }
        return true
    }
}
