import PIIMask

/// Why an event went to the dead-letter subject instead of the output subject.
public enum PoisonReason: String, Sendable, CaseIterable {
    /// Not one JSON value: published masked as text (fail closed), never raw.
    case invalidJSON = "invalid-json"
    /// Larger than the limit, before or after masking: published without its body, only
    /// with where to find it (input stream and sequence) and its size.
    case tooLarge = "too-large"
    /// Delivered more than `--max-deliveries` times (the worker died or stalled on it each
    /// time): published without its body, never masked again, so that one event cannot stop
    /// its partition.
    case repeatedFailure = "repeated-failure"
}

/// Where a masked event goes.
enum EventRoute: Equatable {
    /// To the output subject.
    case output
    /// To the dead-letter subject, for this reason.
    case deadLetter(PoisonReason)
}

/// Masks one input event and decides where it goes; knows nothing of NATS.
enum EventRouting {
    /// Masks `event` into `output` (which it empties first) and returns the route and the
    /// masking counters; with `conversations`, its chat text with its conversation's earlier
    /// text in view. A too-large event leaves `output` empty: its body is never published.
    static func route(_ event: UnsafeRawBufferPointer, masker: Masker, conversations: ConversationEventMasker? = nil,
                      maxEventBytes: Int, into output: inout [UInt8]) -> (EventRoute, MaskCounters) {
        output.removeAll(keepingCapacity: true)
        guard event.count <= maxEventBytes else { return (.deadLetter(.tooLarge), MaskCounters()) }
        let result = conversations?.maskEvent(utf8: event, masker: masker, appendingTo: &output)
            ?? masker.maskEvent(utf8: event, appendingTo: &output)
        if output.count > maxEventBytes {
            output.removeAll(keepingCapacity: true)
            return (.deadLetter(.tooLarge), result.counters)
        }
        return (result.isValidJSON ? .output : .deadLetter(.invalidJSON), result.counters)
    }
}
