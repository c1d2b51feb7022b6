internal import CNATS

/// A subscription to a durable pull consumer: fetch a batch, process it, ack each message.
///
/// Owns the C client's subscription and frees it on `deinit`; the durable consumer stays on
/// the server. Fetch from one thread at a time.
public final class PullSubscription: @unchecked Sendable {
    private let pointer: OpaquePointer
    /// The JetStream context it belongs to (kept alive by the subscription).
    public let jetStream: JetStream

    init(owning pointer: OpaquePointer, jetStream: JetStream) {
        self.pointer = pointer
        self.jetStream = jetStream
    }

    deinit { natsSubscription_Destroy(pointer) }

    /// Up to `batch` messages, in the consumer's order; empty when none came within `timeout`.
    ///
    /// Returns what is there at once; waits up to `timeout` only when nothing is.
    /// - Throws: `NATSError` when the fetch failed (e.g. disconnected).
    public func fetch(batch: Int, timeout: Duration) throws(NATSError) -> [NATSMessage] {
        var list = natsMsgList()
        var errorCode = jsErrCode(rawValue: 0)
        let status = natsSubscription_Fetch(&list, pointer, Int32(batch), timeout.milliseconds, &errorCode)
        if status == NATS_TIMEOUT { return [] }
        try check(status, jetStreamCode: errorCode)
        defer { natsMsgList_Destroy(&list) }
        var messages: [NATSMessage] = []
        messages.reserveCapacity(Int(list.Count))
        for index in 0..<Int(list.Count) {
            guard let message = list.Msgs[index] else { continue }
            list.Msgs[index] = nil  // now owned by the NATSMessage
            messages.append(NATSMessage(owning: message))
        }
        return messages
    }
}
