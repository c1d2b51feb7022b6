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
        /// The conversation id of the event being rewritten, once read: its first `idCount`
        /// bytes (memory of the tracker's own, grown to fit).
        var id = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 1)
        var idCount = 0
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
    private let idKeys: ByteStrings
    private let eventKeys: ByteStrings
    private let endEvents: ByteStrings
    private let clock: () -> Double

    /// Whether the event must be rewritten again: something needed its id before it was read.
    var needsSecondPass: Bool { state.pointee.neededIDEarly && state.pointee.idKnown }

    init(options: ConversationOptions, clock: @escaping () -> Double = ConversationMasker.monotonicSeconds) {
        state = .allocate(capacity: 1)
        state.initialize(to: State(store: ConversationStore(limits: options.limits)))
        idKeys = ByteStrings(options.idPath.split(separator: ".").map(String.init))
        eventKeys = ByteStrings(options.eventPath.split(separator: ".").map(String.init))
        endEvents = ByteStrings(options.endEvents)
        self.clock = clock
    }

    deinit {
        state.pointee.id.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
        idKeys.deallocate()
        eventKeys.deallocate()
        endEvents.deallocate()
    }

    /// The event's conversation id as read so far.
    private var id: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: state.pointee.id.baseAddress, count: state.pointee.idCount)
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
            // An empty id is no conversation: no shared state, no token scope.
            guard string.count > 0 else { return }
            if state.pointee.id.count < string.count {
                state.pointee.id.deallocate()
                state.pointee.id = .allocate(byteCount: string.count, alignment: 1)
            }
            if string.count > 0 { state.pointee.id.baseAddress!.copyMemory(from: string.baseAddress!, byteCount: string.count) }
            state.pointee.idCount = string.count
            state.pointee.idKnown = true
        } else if !state.pointee.typeKnown, eventKeys.matches(path) {
            state.pointee.typeKnown = true
            state.pointee.ends = endEvents.contains(string)
        }
    }

    /// The store slot of the event's conversation for its chat text, or nil when the id is
    /// not known yet (the text is then masked on its own, and a second pass is asked for).
    func slotForChatText() -> Int? {
        guard state.pointee.idKnown else {
            if !state.pointee.secondPass { state.pointee.neededIDEarly = true }
            return nil
        }
        return state.pointee.store.slot(for: id, now: state.pointee.now)
    }

    /// Calls `body` with the event's conversation id, or nil when it is not known yet (then
    /// a second pass is asked for, in which it is known from the start).
    func withID<Result>(_ body: (UnsafeRawBufferPointer?) -> Result) -> Result {
        guard state.pointee.idKnown else {
            if !state.pointee.secondPass { state.pointee.neededIDEarly = true }
            return body(nil)
        }
        return body(id)
    }

    /// Masks the chat text `text` of the conversation in `slot` into `output` and keeps it
    /// as the conversation's tail; whether anything was masked.
    func mask(_ text: UnsafeRawBufferPointer, slot: Int, worker: MaskingWorker, policy: FieldPolicy,
              words: ContextWordTable, into output: inout [UInt8], counters: inout MaskCounters) -> Bool {
        let state = self.state
        let id = self.id
        var split = state.pointee.store.counters
        let masked = worker.withReadableText(text, policy: policy) { readable in
            let masked = state.pointee.store.withTail(slot) { tail in
                worker.maskContinuing(readable, tail: tail, policy: policy, words: words, id: id, into: &output,
                                      counters: &counters, conversation: &split)
            }
            state.pointee.store.append(readable, to: slot)
            return masked
        }
        state.pointee.store.counters = split
        return masked
    }

    /// After an event was rewritten: drops its conversation when the event ended it.
    func finishEvent() {
        guard state.pointee.ends && state.pointee.idKnown else { return }
        state.pointee.store.end(id)
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

/// A few byte strings in memory of their own — the keys of a dotted path (`conversation`,
/// `meta.conversation_id`), the event types that end a conversation — compared with a JSON
/// path or a string without reference counting. Freed with `deallocate()`.
private struct ByteStrings {
    /// The strings back to back.
    private let bytes: UnsafeMutableRawBufferPointer
    /// Where each string ends in `bytes`.
    private let ends: UnsafeMutableBufferPointer<Int>

    /// How many strings.
    var count: Int { ends.count }

    init(_ strings: [String]) {
        let keys = strings.map { Array($0.utf8) }
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

    /// Whether `string` is one of the strings.
    func contains(_ string: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        for end in ends {
            if end - start == string.count,
               string.count == 0 || memcmp(string.baseAddress!, bytes.baseAddress! + start, string.count) == 0 {
                return true
            }
            start = end
        }
        return false
    }

    /// Whether `path` is exactly these strings as keys.
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
