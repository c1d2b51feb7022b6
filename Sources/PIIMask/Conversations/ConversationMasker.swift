import Dispatch
import Synchronization

/// Masks the messages of many conversations, each with its earlier messages in view, for
/// applications that hold chat messages themselves: values typed across messages are
/// masked (see `MaskingWorker.maskContinuing`), and no message is held back.
///
/// Messages of one conversation must be passed in order. The state per conversation is the
/// last `ConversationStore.tailBytes` bytes of its text, at most `limits.capacity`
/// conversations (least recently seen dropped first) for at most `limits.timeToLive` seconds;
/// `end(conversation:)` drops one at once. Token masks scoped per conversation are keyed
/// with the conversation's id. Thread-safe: calls are serialized by a lock.
///
/// ```swift
/// let conversations = ConversationMasker(masker: try Masker())
/// conversations.mask("my card is 4111 1111", conversation: "c-1")  // "my card is **** ****"
/// conversations.mask("1111 1111", conversation: "c-1")              // "**** 1111"
/// ```
public final class ConversationMasker: Sendable {
    /// The masker whose rules and policies apply.
    public let masker: Masker
    private let state: Mutex<State>
    private let clock: @Sendable () -> Double

    private final class State: @unchecked Sendable {
        var store: ConversationStore
        let worker: MaskingWorker
        var counters = MaskCounters()

        init(store: ConversationStore, worker: MaskingWorker) {
            self.store = store
            self.worker = worker
        }
    }

    /// A conversation masker over `masker`; `clock` gives seconds (default: monotonic time).
    public init(masker: Masker, limits: ConversationLimits = ConversationLimits(),
                clock: @escaping @Sendable () -> Double = ConversationMasker.monotonicSeconds) {
        self.masker = masker
        self.clock = clock
        state = Mutex(State(store: ConversationStore(limits: limits), worker: masker.makeWorker()))
    }

    /// Masks one message of conversation `conversation` (its field category `field`; nil
    /// or unknown: the default). An empty `conversation` is none: the message is masked on
    /// its own.
    public func mask(_ text: String, conversation: String, field: String? = nil) -> String {
        var text = text
        let policy = masker.policy(for: field)
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            mask(utf8: UnsafeRawBufferPointer(bytes), conversation: Array(conversation.utf8), policy: policy,
                 appendingTo: &output)
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Masks the UTF-8 bytes of one message of `conversation` and appends them to `output`.
    ///
    /// - Returns: whether anything was masked.
    @discardableResult
    public func mask(utf8 text: UnsafeRawBufferPointer, conversation: [UInt8], policy: FieldPolicy,
                     appendingTo output: inout [UInt8]) -> Bool {
        let now = clock()
        return state.withLock { state in
            // An empty id is no conversation: the message is masked on its own.
            guard !conversation.isEmpty else {
                let worker = state.worker
                guard worker.detectIfCandidate(text, policy: policy) else {
                    output.append(contentsOf: text)
                    return false
                }
                worker.count(into: &state.counters)
                worker.render(text, into: &output)
                return true
            }
            return conversation.withUnsafeBytes { id in
                let slot = state.store.slot(for: id, now: now)
                var splitCounters = state.store.counters
                let worker = state.worker
                let masked = worker.withReadableText(text, policy: policy) { readable in
                    let masked = state.store.withTail(slot) { tail in
                        worker.maskContinuing(readable, tail: tail, policy: policy, words: masker.conversationWords,
                                              id: id, into: &output, counters: &state.counters,
                                              conversation: &splitCounters)
                    }
                    state.store.append(readable, to: slot)
                    return masked
                }
                state.store.counters = splitCounters
                if !masked { output.append(contentsOf: text) }
                return masked
            }
        }
    }

    /// Forgets `conversation` (it ended).
    public func end(conversation: String) {
        var conversation = conversation
        conversation.withUTF8 { id in state.withLock { $0.store.end(UnsafeRawBufferPointer(id)) } }
    }

    /// What the store did so far.
    public var conversationCounters: ConversationCounters {
        state.withLock { $0.store.counters }
    }

    /// Counts of what was masked so far.
    public var maskCounters: MaskCounters {
        state.withLock { $0.counters }
    }

    /// Seconds of monotonic time.
    @Sendable public static func monotonicSeconds() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}
