internal import CNATS

/// A message received from NATS: its subject, payload and headers and, for a message a
/// JetStream consumer delivered, its stream position and the acknowledgements.
///
/// Owns the C client's message and frees it on `deinit`. Not thread-safe (the C client's
/// headers are not): use it from one thread at a time.
public final class NATSMessage {
    private let pointer: OpaquePointer

    init(owning pointer: OpaquePointer) { self.pointer = pointer }

    deinit { natsMsg_Destroy(pointer) }

    /// The subject it was published to.
    public var subject: String { String(cString: natsMsg_GetSubject(pointer)) }

    /// The payload's length in bytes.
    public var payloadCount: Int { Int(natsMsg_GetDataLength(pointer)) }

    /// Calls `body` with the payload's bytes, valid only during the call.
    public func withPayload<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: natsMsg_GetData(pointer), count: payloadCount))
    }

    /// The first value of header `key` (case-sensitive), or nil.
    public func header(_ key: String) -> String? {
        var value: UnsafePointer<CChar>?
        guard natsMsgHeader_Get(pointer, key, &value) == NATS_OK, let value else { return nil }
        return String(cString: value)
    }

    /// Where a JetStream consumer's message comes from.
    ///
    /// - Throws: `NATSError` when the message was not delivered by a JetStream consumer.
    public func metadata() throws(NATSError) -> DeliveryMetadata {
        var meta: UnsafeMutablePointer<jsMsgMetaData>?
        try check(natsMsg_GetMetaData(&meta, pointer))
        defer { jsMsgMetaData_Destroy(meta) }
        let data = meta!.pointee
        return DeliveryMetadata(stream: String(cString: data.Stream), streamSequence: data.Sequence.Stream,
                                consumerSequence: data.Sequence.Consumer, deliveries: data.NumDelivered)
    }

    /// Acknowledges the message: the consumer will not deliver it again. Sent without
    /// waiting for the server (a lost ack means one more delivery, never a lost message).
    public func ack() throws(NATSError) { try check(natsMsg_Ack(pointer, nil)) }

    /// Acknowledges the message and waits until the server confirms it: once this returns,
    /// a process that dies cannot have the message delivered again.
    public func ackSync() throws(NATSError) { try check(natsMsg_AckSync(pointer, nil, nil)) }
}

/// A delivered message's place in its stream and consumer.
public struct DeliveryMetadata: Sendable, Equatable {
    /// The stream that holds the message.
    public let stream: String
    /// Its sequence in the stream: with `stream`, a unique id of the message.
    public let streamSequence: UInt64
    /// The consumer's delivery sequence.
    public let consumerSequence: UInt64
    /// How many times it has been delivered, this time included.
    public let deliveries: UInt64
}
