import Foundation
import Logging
import NATS
import PIIMask
import PIIMaskService

/// A JetStream worker for one partition: fetches chat events from a durable pull consumer,
/// masks each, publishes it with `Nats-Msg-Id` = `<input stream>:<sequence>` and acks the
/// input only once the publish is acknowledged.
///
/// Nothing is lost: an event is acked only after its masked form (or its dead-letter record)
/// is stored. Nothing is doubled: a redelivered event is published with the same id, and the
/// output stream's duplicate window drops it. Order is kept: events are handled one after
/// the other; after a process died with events delivered and not acked, the next one keeps
/// the consumer and waits out its ack wait, so that the server delivers those events again,
/// first and in order; when deliveries have a gap (a lost batch) the consumer is moved back
/// to the first event not yet published before going on.
///
/// No event stops the partition: one delivered more than `maxDeliveries` times (the worker
/// died on it each time) is dead-lettered without its body (`repeated-failure`) and acked.
/// Events taken again after a crash are fetched one at a time and their acks confirmed, so
/// a delivery count is raised only for the event a process died on, not for those fetched
/// with it (which would otherwise reach the limit unmasked).
///
/// Conversations are followed in memory (`ConversationEventMasker`): a new process starts
/// with none, so a value typed across a restart is masked as two messages on their own.
///
/// Logs carry subjects, sequences, counts and the NATS client's error text, never event text.
public final class StreamWorker {
    /// What the worker reads and writes.
    public let configuration: StreamWorkerConfiguration
    /// What it did so far.
    public private(set) var stats = StreamWorkerStats()

    private let masker: @Sendable () -> Masker
    private let metrics: StreamMetrics
    private let maskingMetrics: MaskingMetrics
    private let conversationMetrics: ConversationMetrics
    private let logger: Logger
    /// The conversations of the partition, when followed.
    private let conversations: ConversationEventMasker?
    private var output: [UInt8] = []
    /// At start-up after an unclean stop: the stream sequence of the last event the previous
    /// process was given; the events up to it are taken again before any newer one.
    private var recoveryEnd: UInt64?
    /// How long to wait at start-up for those events to be delivered again (the consumer's
    /// ack wait).
    private var recoveryWait: Duration?
    /// The stream sequence of the last event published and acked by this process.
    private var lastDone: UInt64?
    /// The consumer sequence the next delivery must have (nil: not known yet).
    private var nextConsumerSequence: UInt64?

    /// A worker for `configuration`.
    ///
    /// - Parameters:
    ///   - masker: returns the masker to use for the next event (a rule reload swaps it).
    ///   - metrics: where the worker's counts are recorded as metrics, besides `stats`.
    ///   - maskingMetrics: where what masking found is recorded.
    ///   - conversationMetrics: where the conversation state's counts are recorded.
    public init(configuration: StreamWorkerConfiguration, masker: @escaping @Sendable () -> Masker,
                metrics: StreamMetrics, maskingMetrics: MaskingMetrics,
                conversationMetrics: ConversationMetrics = ConversationMetrics(),
                logger: Logger = Logger(label: "piimask.stream")) {
        self.configuration = configuration
        self.masker = masker
        self.metrics = metrics
        self.maskingMetrics = maskingMetrics
        self.conversationMetrics = conversationMetrics
        conversations = configuration.conversations.map { ConversationEventMasker(options: $0) }
        var logger = logger
        logger[metadataKey: "partition"] = .string(configuration.partition)
        self.logger = logger
    }

    /// Runs until `shouldStop` returns true, then finishes the batch in hand (publishes and
    /// acks it), sends the outstanding acks and returns the counts.
    ///
    /// While the server is unreachable the worker retries, fetches and publishes alike; a stop
    /// requested meanwhile leaves the unpublished rest of the batch unacked, to be delivered
    /// again. - Throws: `NATSError` only when the first connection fails.
    public func run(shouldStop: () -> Bool) throws(NATSError) -> StreamWorkerStats {
        let connection = try NATSConnection(.init(servers: configuration.servers,
                                                  name: "piimask-stream-\(configuration.partition)"))
        defer { connection.close() }
        let jetStream = try connection.jetStream(requestTimeout: configuration.publishTimeout)
        if configuration.createStreams {
            guard retrying("create streams", shouldStop, { () throws(NATSError) in try createStreams(jetStream) }) != nil
            else { return stats }
        }
        guard var subscription = retrying("bind consumer", shouldStop, { () throws(NATSError) in
            try bind(jetStream)
        }) else { return stats }
        if let wait = recoveryWait {
            recoveryWait = nil
            guard pause(wait + .milliseconds(250), shouldStop) else { return finish(connection) }
        }
        logger.info("consuming", metadata: ["subject": .string(configuration.inputSubject),
                                            "consumer": .string(configuration.durableName)])
        while !shouldStop() {
            let batch: [NATSMessage]
            do {
                // Events a process died on are taken again one at a time, so that only the one
                // it died on has its delivery count raised by each crash, never its batchmates.
                let size = recoveryEnd == nil ? configuration.batchSize : 1
                batch = try subscription.fetch(batch: size, timeout: configuration.fetchTimeout)
                if batch.isEmpty, recoveryEnd != nil { try endRecoveryIfNothingPending(jetStream) }
            } catch {
                stats.fetchErrors += 1
                metrics.fetchErrors.increment()
                logger.warning("fetch failed, retrying", metadata: ["error": .string(error.description)])
                Thread.sleep(forTimeInterval: 0.25)
                continue
            }
            switch handle(batch, jetStream, shouldStop) {
            case .done: break
            case .stopped: return finish(connection)
            case .gap(let resumeAt):
                guard let rebound = retrying("rewind consumer", shouldStop, { () throws(NATSError) in
                    try rewind(jetStream, to: resumeAt)
                }) else { return finish(connection) }
                subscription = rebound
            }
        }
        return finish(connection)
    }

    /// How handling a batch ended.
    private enum BatchEnd {
        /// Every message published and acked.
        case done
        /// Stopped while a publish could not get through; the rest stays unacked.
        case stopped
        /// Deliveries had a gap: resume at this stream sequence.
        case gap(resumeAt: UInt64)
    }

    private func handle(_ batch: [NATSMessage], _ jetStream: JetStream, _ shouldStop: () -> Bool) -> BatchEnd {
        for message in batch {
            let metadata: DeliveryMetadata
            do { metadata = try message.metadata() } catch {
                logger.error("a delivery without JetStream metadata was skipped", metadata: ["error": .string(error.description)])
                continue
            }
            if let expected = nextConsumerSequence, metadata.consumerSequence != expected {
                logger.warning("deliveries have a gap; moving the consumer back", metadata: [
                    "expected": .stringConvertible(expected), "got": .stringConvertible(metadata.consumerSequence)])
                return .gap(resumeAt: (lastDone ?? 0) + 1)
            }
            if let end = recoveryEnd {
                // Taking again the events of a process that died: none newer may come first.
                guard metadata.streamSequence <= end else {
                    logger.warning("a newer event came before the ones to take again; moving the consumer back",
                                   metadata: ["sequence": .stringConvertible(metadata.streamSequence)])
                    recoveryEnd = nil
                    return .gap(resumeAt: (lastDone ?? 0) + 1)
                }
                if metadata.streamSequence == end { recoveryEnd = nil }
            }
            nextConsumerSequence = metadata.consumerSequence + 1
            stats.received += 1
            if metadata.deliveries > 1 {
                stats.redelivered += 1
                metrics.redelivered.increment()
            }
            guard publishAndAck(message, metadata, jetStream, shouldStop) else { return .stopped }
            lastDone = max(lastDone ?? 0, metadata.streamSequence)
        }
        if let conversations { conversationMetrics.record(totals: conversations.counters) }
        return .done
    }

    /// Masks, publishes (retrying with the same id until the stream acknowledges) and acks.
    /// Returns false when stopped before the publish was acknowledged.
    private func publishAndAck(_ message: NATSMessage, _ metadata: DeliveryMetadata, _ jetStream: JetStream,
                               _ shouldStop: () -> Bool) -> Bool {
        var route: EventRoute
        let counters: MaskCounters
        if metadata.deliveries > UInt64(configuration.maxDeliveries) {
            // Masking it failed that often (the process died on it): never masked again.
            output.removeAll(keepingCapacity: true)
            (route, counters) = (.deadLetter(.repeatedFailure), MaskCounters())
            logger.error("an event delivered more than --max-deliveries times is dead-lettered without its body",
                         metadata: ["sequence": .stringConvertible(metadata.streamSequence),
                                    "deliveries": .stringConvertible(metadata.deliveries)])
        } else {
            let masker = masker()
            (route, counters) = message.withPayload { event in
                #if DEBUG
                FaultInjection.dieIfChosen(event)
                #endif
                return EventRouting.route(event, masker: masker, conversations: conversations,
                                          maxEventBytes: configuration.maxEventBytes, into: &output)
            }
        }
        let messageID = "\(metadata.stream):\(metadata.streamSequence)"
        var ack: PublishAck?
        while ack == nil {
            do {
                ack = try publish(route, messageID: messageID, metadata: metadata, size: message.payloadCount, jetStream)
            } catch where error.status == .maxPayload && route == .output {
                route = .deadLetter(.tooLarge)  // over the server's limit: record it without its body
                output.removeAll(keepingCapacity: true)
            } catch {
                stats.publishRetries += 1
                metrics.publishRetries.increment()
                logger.warning("publish not acknowledged, retrying", metadata: [
                    "sequence": .stringConvertible(metadata.streamSequence), "error": .string(error.description)])
                if shouldStop() { return false }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        record(route, duplicate: ack!.duplicate, counters: counters, bytesIn: message.payloadCount)
        do {
            // While taking again the events of a process that died, each ack is confirmed
            // before the next event is masked: a second crash cannot count this one again.
            if recoveryEnd != nil || metadata.deliveries > 1 { try message.ackSync() } else { try message.ack() }
        } catch {
            // Delivered again later, then dropped as a duplicate: nothing lost, nothing doubled.
            logger.warning("ack not sent", metadata: ["sequence": .stringConvertible(metadata.streamSequence),
                                                      "error": .string(error.description)])
        }
        return true
    }

    private func publish(_ route: EventRoute, messageID: String, metadata: DeliveryMetadata, size: Int,
                         _ jetStream: JetStream) throws(NATSError) -> PublishAck {
        let result = output.withUnsafeBytes { bytes in
            Result { () throws(NATSError) -> PublishAck in
                switch route {
                case .output:
                    return try jetStream.publish(subject: configuration.outputSubject, payload: bytes,
                                                 messageID: messageID)
                case .deadLetter(let reason):
                    return try jetStream.publish(subject: configuration.deadLetterSubject, payload: bytes,
                                                 messageID: messageID, headers: [
                                                    "Piimask-Reason": reason.rawValue,
                                                    "Piimask-Source-Stream": metadata.stream,
                                                    "Piimask-Source-Sequence": String(metadata.streamSequence),
                                                    "Piimask-Source-Bytes": String(size),
                                                    "Piimask-Deliveries": String(metadata.deliveries),
                                                 ])
                }
            }
        }
        return try result.get()
    }

    private func record(_ route: EventRoute, duplicate: Bool, counters: MaskCounters, bytesIn: Int) {
        if duplicate {
            stats.duplicates += 1
            metrics.duplicates.increment()
            return
        }
        switch route {
        case .output:
            stats.published += 1
            metrics.published.increment()
        case .deadLetter(let reason):
            stats.deadLettered[reason, default: 0] += 1
            metrics.deadLettered(reason).increment()
        }
        stats.masking.add(counters)
        maskingMetrics.record(counters)
        maskingMetrics.recordBytes(in: bytesIn, out: output.count)
        if route == .deadLetter(.invalidJSON) { maskingMetrics.recordInvalidJSON(1) }
    }

    /// The durable consumer this worker reads through.
    private var consumer: PullConsumerConfiguration {
        PullConsumerConfiguration(
            stream: configuration.inputStream, durableName: configuration.durableName,
            filterSubject: configuration.inputSubject, ackWait: configuration.ackWait,
            maxAckPending: max(configuration.batchSize * 4, 1000))
    }

    /// Binds the durable consumer at start-up, creating it when it does not exist. An existing
    /// one is kept as it is, so that JetStream's delivery counts survive a crash: when it has
    /// deliveries not acked (the previous process died), the worker waits out its ack wait,
    /// after which the server delivers those events again — first, in order, each with its
    /// delivery count one higher.
    private func bind(_ jetStream: JetStream) throws(NATSError) -> PullSubscription {
        let consumer = consumer
        guard let state = try jetStream.consumerState(stream: consumer.stream, durableName: consumer.durableName) else {
            return try rewind(jetStream, to: nil)
        }
        lastDone = state.ackFloorStreamSequence
        nextConsumerSequence = nil
        stats.rewinds += 1
        metrics.rewinds.increment()
        if state.ackPending > 0 {
            recoveryEnd = state.deliveredStreamSequence
            recoveryWait = state.ackWait
            logger.info("events delivered before and not acked are taken again first, after the consumer's ack wait",
                        metadata: ["from": .stringConvertible(state.ackFloorStreamSequence + 1),
                                   "through": .stringConvertible(state.deliveredStreamSequence),
                                   "ack_wait": .stringConvertible(state.ackWait)])
        }
        return try jetStream.pullSubscribe(consumer)
    }

    /// While taking again the events of a process that died: when the consumer has nothing
    /// delivered and not acked any more (those events left the stream), newer ones may come.
    private func endRecoveryIfNothingPending(_ jetStream: JetStream) throws(NATSError) {
        let consumer = consumer
        let state = try jetStream.consumerState(stream: consumer.stream, durableName: consumer.durableName)
        if state == nil || state!.ackPending == 0 { recoveryEnd = nil }
    }

    /// Sleeps for `duration`, in short steps; false when stopped first.
    private func pause(_ duration: Duration, _ shouldStop: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline {
            if shouldStop() { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return true
    }

    /// Binds a fresh consumer that starts at `sequence`, or (nil, at start-up) at the first
    /// event the existing consumer has not seen acked; deliveries left unacked are thus taken
    /// again in order, ahead of anything newer (their delivery counts start afresh).
    private func rewind(_ jetStream: JetStream, to sequence: UInt64?) throws(NATSError) -> PullSubscription {
        let consumer = consumer
        var start = sequence
        if let state = try jetStream.consumerState(stream: consumer.stream, durableName: consumer.durableName) {
            start = start ?? state.ackFloorStreamSequence + 1
            try jetStream.deleteConsumer(stream: consumer.stream, durableName: consumer.durableName)
            stats.rewinds += 1
            metrics.rewinds.increment()
            logger.info("consumer moved to the first event not yet acked", metadata: ["sequence": .stringConvertible(start!)])
        }
        if lastDone == nil { lastDone = (start ?? 1) - 1 }
        nextConsumerSequence = nil
        return try jetStream.pullSubscribe(consumer, startSequence: start)
    }

    private func createStreams(_ jetStream: JetStream) throws(NATSError) {
        let streams = [
            (configuration.inputStream, configuration.inputPrefix),
            (configuration.outputStream, configuration.outputPrefix),
            (configuration.deadLetterStream, configuration.deadLetterPrefix),
        ]
        for (name, prefix) in streams {
            do {
                try jetStream.addStream(.init(name: name, subjects: ["\(prefix).*"],
                                              duplicateWindow: configuration.duplicateWindow))
            } catch where error.jetStreamCode == NATSError.streamNameInUse {
                continue  // it exists with another configuration: keep it as it is
            }
        }
    }

    /// Calls `body` until it succeeds; nil when stopped first. Failures are logged and retried
    /// after a pause.
    private func retrying<T>(_ what: String, _ shouldStop: () -> Bool,
                             _ body: () throws(NATSError) -> T) -> T? {
        while !shouldStop() {
            do { return try body() } catch {
                logger.warning("\(what) failed, retrying", metadata: ["error": .string(error.description)])
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        return nil
    }

    /// Sends the acks still buffered, then returns the counts.
    private func finish(_ connection: NATSConnection) -> StreamWorkerStats {
        do { try connection.flush(timeout: .seconds(5)) } catch {
            logger.warning("could not flush the last acks; those events will be delivered again and dropped as duplicates",
                           metadata: ["error": .string(error.description)])
        }
        logger.info("stopped", metadata: ["published": .stringConvertible(stats.published),
                                          "duplicates": .stringConvertible(stats.duplicates)])
        return stats
    }
}

#if DEBUG
/// A fault hook for tests, compiled into debug builds only: the worker's process kills
/// itself (SIGKILL: no flush, no ack) when it is about to mask an event holding the bytes of
/// the environment variable `PIIMASK_TEST_DIE_ON_EVENT`, as a crash in masking would.
enum FaultInjection {
    private static let marker: [UInt8]? = ProcessInfo.processInfo.environment["PIIMASK_TEST_DIE_ON_EVENT"]
        .flatMap { $0.isEmpty ? nil : Array($0.utf8) }

    static func dieIfChosen(_ event: UnsafeRawBufferPointer) {
        guard let marker, event.count >= marker.count else { return }
        let found = marker.withUnsafeBytes { marker in
            (0...(event.count - marker.count)).contains { start in
                memcmp(event.baseAddress! + start, marker.baseAddress!, marker.count) == 0
            }
        }
        if found { kill(getpid(), SIGKILL) }
    }
}
#endif
