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
/// in view. The id is read as the event is rewritten; an event whose chat text comes before
/// its id is rewritten a second time. Not thread-safe: the events of a stream are handled in
/// order on one thread.
final class ConversationTracker {
    var store: ConversationStore
    private let idKeys: [[UInt8]]
    private let eventKeys: [[UInt8]]
    private let endEvents: [[UInt8]]
    private let clock: () -> Double
    /// The conversation id of the event being rewritten, once read.
    private var id: [UInt8] = []
    private var idKnown = false
    /// Whether the event's type ends its conversation.
    private var ends = false
    /// Whether chat text came before the id in this event.
    private var chatBeforeID = false
    /// Whether the event must be rewritten again: its chat text came before its id.
    var needsSecondPass: Bool { chatBeforeID && idKnown }
    private var secondPass = false
    /// When the event being rewritten is read.
    private var now = 0.0
    /// The counters last reported, for reporting differences per block.
    private var reported = ConversationCounters()

    init(options: ConversationOptions, clock: @escaping () -> Double = ConversationMasker.monotonicSeconds) {
        store = ConversationStore(limits: options.limits)
        idKeys = options.idPath.split(separator: ".").map { Array($0.utf8) }
        eventKeys = options.eventPath.split(separator: ".").map { Array($0.utf8) }
        endEvents = options.endEvents.map { Array($0.utf8) }
        self.clock = clock
    }

    /// Before an event is rewritten.
    func beginEvent() {
        idKnown = false
        ends = false
        chatBeforeID = false
        secondPass = false
        now = clock()
    }

    /// Before the second rewrite of an event whose chat text came before its id.
    func beginSecondPass() {
        secondPass = true
        chatBeforeID = false
    }

    /// Takes note of a string of the event: its id or its type.
    @inline(__always)
    func note(_ string: UnsafeRawBufferPointer, at path: JSONPath) {
        // Most strings are at neither path: their depth tells at once.
        guard path.count == idKeys.count || path.count == eventKeys.count else { return }
        if !idKnown, Self.path(path, is: idKeys) {
            id.removeAll(keepingCapacity: true)
            id.append(contentsOf: string)
            idKnown = true
        } else if Self.path(path, is: eventKeys) {
            ends = endEvents.contains { $0.elementsEqual(string) }
        }
    }

    /// The store slot of the event's conversation for its chat text, or nil when the id is
    /// not known yet (the text is then masked on its own, and a second pass is asked for).
    func slotForChatText() -> Int? {
        guard idKnown else {
            if !secondPass { chatBeforeID = true }
            return nil
        }
        return id.withUnsafeBytes { store.slot(for: $0, now: now) }
    }

    /// Masks the chat text `text` of the conversation in `slot` into `output` and keeps it
    /// as the conversation's tail; whether anything was masked.
    func mask(_ text: UnsafeRawBufferPointer, slot: Int, worker: MaskingWorker, policy: FieldPolicy,
              words: ContextWordTable, into output: inout [UInt8], counters: inout MaskCounters) -> Bool {
        let tail = store.tail(slot)
        let masked = worker.maskContinuing(text, tail: tail, policy: policy, words: words, into: &output,
                                           counters: &counters, conversation: &store.counters)
        store.append(text, to: slot)
        return masked
    }

    /// After an event was rewritten: drops its conversation when the event ended it.
    func finishEvent() {
        if ends && idKnown { store.end(id) }
    }

    /// The counters since the last call (`tracked` as it is now).
    func takeCounters() -> ConversationCounters {
        let now = store.counters
        var delta = ConversationCounters()
        delta.tracked = now.tracked
        delta.evicted = now.evicted - reported.evicted
        delta.expired = now.expired - reported.expired
        delta.ended = now.ended - reported.ended
        delta.splitValues = now.splitValues - reported.splitValues
        delta.partialValues = now.partialValues - reported.partialValues
        reported = now
        return delta
    }

    private static func path(_ path: JSONPath, is keys: [[UInt8]]) -> Bool {
        guard path.count == keys.count else { return false }
        for depth in 0..<keys.count {
            guard case .key(let bytes) = path[depth], bytes.count == keys[depth].count,
                  keys[depth].withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 })
            else { return false }
        }
        return true
    }
}
