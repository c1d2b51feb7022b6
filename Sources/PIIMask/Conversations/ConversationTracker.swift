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

/// The conversation state of one NDJSON stream: which conversation an event belongs to
/// (found in a first, read-only pass over the line), and the tails of the conversations.
/// The chat text of an event (strings whose path the field map gives the default category,
/// `message.text`) is masked with its conversation's tail in view. Not thread-safe: the
/// events of a stream are handled in order on one thread.
final class ConversationTracker {
    let options: ConversationOptions
    var store: ConversationStore
    private let idKeys: [[UInt8]]
    private let eventKeys: [[UInt8]]
    private let endEvents: [[UInt8]]
    private let clock: () -> Double
    /// The conversation of the event being rewritten (nil: none found).
    private(set) var current: [UInt8]?
    /// When the event being rewritten is read.
    private(set) var now = 0.0
    /// The counters last reported, for reporting differences per block.
    private var reported = ConversationCounters()

    init(options: ConversationOptions, clock: @escaping () -> Double = ConversationMasker.monotonicSeconds) {
        self.options = options
        store = ConversationStore(limits: options.limits)
        idKeys = options.idPath.split(separator: ".").map { Array($0.utf8) }
        eventKeys = options.eventPath.split(separator: ".").map { Array($0.utf8) }
        endEvents = options.endEvents.map { Array($0.utf8) }
        self.clock = clock
    }

    /// Reads the conversation id and event type of `line` (one JSON value) before it is
    /// rewritten; returns whether the event ends its conversation.
    func begin(_ line: UnsafeRawBufferPointer, rewriter: JSONLineRewriter) -> Bool {
        var visitor = IdentifyingVisitor(idKeys: idKeys, eventKeys: eventKeys)
        current = rewriter.scan(line, visitor: &visitor) ? visitor.id : nil
        now = clock()
        guard let event = visitor.event else { return false }
        return endEvents.contains(event)
    }

    /// Drops the current conversation (its event ended it).
    func endCurrent() {
        if let current { store.end(current) }
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
}

/// Finds the conversation id and the event type of one event.
private struct IdentifyingVisitor: JSONStringVisitor {
    let idKeys: [[UInt8]]
    let eventKeys: [[UInt8]]
    var id: [UInt8]?
    var event: [UInt8]?

    mutating func visit(_ string: JSONStringValue, at path: JSONPath, replacement: inout [UInt8]) -> JSONStringEdit {
        if id == nil, Self.path(path, is: idKeys) { id = Array(string.bytes) }
        if event == nil, Self.path(path, is: eventKeys) { event = Array(string.bytes) }
        return .keep
    }

    private static func path(_ path: JSONPath, is keys: [[UInt8]]) -> Bool {
        guard path.count == keys.count else { return false }
        for (component, key) in zip(path, keys) {
            guard case .key(let bytes) = component, bytes.elementsEqual(key) else { return false }
        }
        return true
    }
}
