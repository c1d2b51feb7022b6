internal import CNATS

/// A JetStream context on a connection: streams, publishing with acknowledgement, and pull
/// consumers. Thread-safe; freed on `deinit` (it keeps its connection alive).
public final class JetStream: @unchecked Sendable {
    /// The connection this context runs on.
    public let connection: NATSConnection
    private let context: OpaquePointer
    private let requestTimeout: Duration

    init(connection: NATSConnection, requestTimeout: Duration) throws(NATSError) {
        self.connection = connection
        self.requestTimeout = requestTimeout
        var options = jsOptions()
        try check(jsOptions_Init(&options))
        options.Wait = requestTimeout.milliseconds
        var context: OpaquePointer?
        try check(natsConnection_JetStream(&context, connection.pointer, &options))
        self.context = context!
    }

    deinit { jsCtx_Destroy(context) }

    /// Creates the stream; a stream of that name with the same configuration is left as is.
    ///
    /// - Throws: `NATSError`; a stream of that name with another configuration gives
    ///   `jetStreamCode == NATSError.streamNameInUse`.
    public func addStream(_ configuration: StreamConfiguration) throws(NATSError) {
        var config = jsStreamConfig()
        try check(jsStreamConfig_Init(&config))
        var strings = CStrings()
        defer { strings.free() }
        var subjects: [UnsafePointer<CChar>?] = []
        configuration.fill(&config, strings: &strings, subjectArray: &subjects)
        var errorCode = jsErrCode(rawValue: 0)
        let status = subjects.withUnsafeMutableBufferPointer { buffer in
            config.Subjects = buffer.baseAddress
            return js_AddStream(nil, context, &config, nil, &errorCode)
        }
        try check(status, jetStreamCode: errorCode)
    }

    /// The number of messages the stream holds now.
    public func messageCount(stream: String) throws(NATSError) -> UInt64 {
        var info: UnsafeMutablePointer<jsStreamInfo>?
        var errorCode = jsErrCode(rawValue: 0)
        try check(js_GetStreamInfo(&info, context, stream, nil, &errorCode), jetStreamCode: errorCode)
        defer { jsStreamInfo_Destroy(info) }
        return info!.pointee.State.Msgs
    }

    /// The message stored at `sequence` in `stream`.
    ///
    /// - Throws: `NATSError` (status `.notFound` when there is none).
    public func storedMessage(stream: String, sequence: UInt64) throws(NATSError) -> NATSMessage {
        var message: OpaquePointer?
        var errorCode = jsErrCode(rawValue: 0)
        try check(js_GetMsg(&message, context, stream, sequence, nil, &errorCode), jetStreamCode: errorCode)
        return NATSMessage(owning: message!)
    }

    /// Publishes `payload` to `subject` and waits for the stream's acknowledgement.
    ///
    /// - Parameters:
    ///   - messageID: sent as `Nats-Msg-Id`: a second publish with the same id within the
    ///     stream's duplicate window is stored once (the ack then says `duplicate`).
    ///   - headers: further headers, in order.
    /// - Throws: `NATSError` when the stream did not acknowledge (no stream for the subject,
    ///   timeout, payload over the server's limit, …); the message may or may not be stored,
    ///   so publish again with the same `messageID`.
    public func publish(subject: String, payload: UnsafeRawBufferPointer, messageID: String? = nil,
                        headers: KeyValuePairs<String, String> = [:]) throws(NATSError) -> PublishAck {
        var message: OpaquePointer?
        try check(natsMsg_Create(&message, subject, nil,
                                 payload.baseAddress?.assumingMemoryBound(to: CChar.self),
                                 Int32(payload.count)))
        defer { natsMsg_Destroy(message) }
        for (key, value) in headers { try check(natsMsgHeader_Add(message, key, value)) }
        var options = jsPubOptions()
        try check(jsPubOptions_Init(&options))
        var ack: UnsafeMutablePointer<jsPubAck>?
        var errorCode = jsErrCode(rawValue: 0)
        let status: natsStatus
        if let messageID {
            status = messageID.withCString { id in
                options.MsgId = id
                return js_PublishMsg(&ack, context, message, &options, &errorCode)
            }
        } else {
            status = js_PublishMsg(&ack, context, message, &options, &errorCode)
        }
        try check(status, jetStreamCode: errorCode)
        defer { jsPubAck_Destroy(ack) }
        return PublishAck(stream: String(cString: ack!.pointee.Stream),
                          sequence: ack!.pointee.Sequence, duplicate: ack!.pointee.Duplicate)
    }

    /// The state of a durable consumer, or nil when it does not exist.
    public func consumerState(stream: String, durableName: String) throws(NATSError) -> ConsumerState? {
        var info: UnsafeMutablePointer<jsConsumerInfo>?
        var errorCode = jsErrCode(rawValue: 0)
        let status = js_GetConsumerInfo(&info, context, stream, durableName, nil, &errorCode)
        if status == NATS_NOT_FOUND || errorCode == JSConsumerNotFoundErr { return nil }
        try check(status, jetStreamCode: errorCode)
        defer { jsConsumerInfo_Destroy(info) }
        let data = info!.pointee
        return ConsumerState(ackFloorStreamSequence: data.AckFloor.Stream,
                             deliveredStreamSequence: data.Delivered.Stream,
                             ackPending: Int(data.NumAckPending), pending: data.NumPending,
                             ackWait: .nanoseconds(data.Config?.pointee.AckWait ?? 0))
    }

    /// Deletes a durable consumer (its position and unacknowledged deliveries with it).
    public func deleteConsumer(stream: String, durableName: String) throws(NATSError) {
        var errorCode = jsErrCode(rawValue: 0)
        try check(js_DeleteConsumer(context, stream, durableName, nil, &errorCode), jetStreamCode: errorCode)
    }

    /// Binds to the durable pull consumer, creating it when it does not exist.
    ///
    /// - Parameter startSequence: for a consumer created here, the stream sequence to start
    ///   at (nil: the start of the stream). An existing consumer keeps its position.
    public func pullSubscribe(_ configuration: PullConsumerConfiguration,
                              startSequence: UInt64? = nil) throws(NATSError) -> PullSubscription {
        var options = jsSubOptions()
        try check(jsSubOptions_Init(&options))
        var strings = CStrings()
        defer { strings.free() }
        options.Stream = strings.copy(configuration.stream)
        options.Config.Durable = strings.copy(configuration.durableName)
        options.Config.FilterSubject = strings.copy(configuration.filterSubject)
        options.Config.AckPolicy = js_AckExplicit
        options.Config.AckWait = configuration.ackWait.nanoseconds
        options.Config.MaxAckPending = Int64(configuration.maxAckPending)
        if let startSequence {
            options.Config.DeliverPolicy = js_DeliverByStartSequence
            options.Config.OptStartSeq = startSequence
        }
        var subscription: OpaquePointer?
        var errorCode = jsErrCode(rawValue: 0)
        try check(js_PullSubscribe(&subscription, context, configuration.filterSubject,
                                   configuration.durableName, nil, &options, &errorCode),
                  jetStreamCode: errorCode)
        return PullSubscription(owning: subscription!, jetStream: self)
    }
}

/// Where a durable consumer stands.
public struct ConsumerState: Sendable, Equatable {
    /// The stream sequence up to which every message has been acknowledged.
    public let ackFloorStreamSequence: UInt64
    /// The stream sequence of the last message delivered.
    public let deliveredStreamSequence: UInt64
    /// Messages delivered and not acknowledged yet.
    public let ackPending: Int
    /// Messages in the stream for this consumer not delivered yet.
    public let pending: UInt64
    /// How long the server waits for an ack before it delivers a message again.
    public let ackWait: Duration
}

/// The stream's acknowledgement of a publish.
public struct PublishAck: Sendable, Equatable {
    /// The stream that stored the message.
    public let stream: String
    /// Its sequence in that stream (for a duplicate: the sequence of the first copy).
    public let sequence: UInt64
    /// True when the message id was seen within the duplicate window: nothing new was stored.
    public let duplicate: Bool

    /// Creates an acknowledgement (for comparisons).
    public init(stream: String, sequence: UInt64, duplicate: Bool) {
        self.stream = stream
        self.sequence = sequence
        self.duplicate = duplicate
    }
}
