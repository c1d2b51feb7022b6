import Foundation
import NATS
import NATSServerFixture
import Testing

/// The wrapper against a real `nats-server -js` on loopback, one server per test.
@Suite struct JetStreamTests {
    private func connect(_ server: NATSServerProcess) throws -> JetStream {
        try NATSConnection(.init(servers: [server.url], name: "nats-tests")).jetStream(requestTimeout: .seconds(2))
    }

    private func publish(_ js: JetStream, _ subject: String, _ text: String, id: String? = nil,
                         headers: KeyValuePairs<String, String> = [:]) throws -> PublishAck {
        try Array(text.utf8).withUnsafeBytes { try js.publish(subject: subject, payload: $0, messageID: id, headers: headers) }
    }

    private func text(_ message: NATSMessage) -> String {
        message.withPayload { String(decoding: $0, as: UTF8.self) }
    }

    @Test func connectingToAClosedPortThrowsATypedError() throws {
        let port = try NATSServerProcess.freePort()
        #expect(throws: NATSError.self) {
            _ = try NATSConnection(.init(servers: ["nats://127.0.0.1:\(port)"], maxReconnects: 0,
                                         connectTimeout: .milliseconds(200)))
        }
    }

    @Test func aMessageIDIsStoredOnceWithinTheDuplicateWindow() throws {
        let server = try NATSServerProcess()
        defer { server.stop() }
        let js = try connect(server)
        try js.addStream(.init(name: "OUT", subjects: ["out.>"], storage: .memory, duplicateWindow: .seconds(60)))
        let first = try publish(js, "out.1", "hello", id: "IN:1")
        let second = try publish(js, "out.1", "hello again", id: "IN:1")
        let third = try publish(js, "out.1", "next", id: "IN:2")
        #expect(first == PublishAck(stream: "OUT", sequence: 1, duplicate: false))
        #expect(second.duplicate && second.sequence == 1)
        #expect(third == PublishAck(stream: "OUT", sequence: 2, duplicate: false))
        #expect(try js.messageCount(stream: "OUT") == 2)
        #expect(text(try js.storedMessage(stream: "OUT", sequence: 1)) == "hello")
    }

    @Test func headersAndSubjectRoundTrip() throws {
        let server = try NATSServerProcess()
        defer { server.stop() }
        let js = try connect(server)
        try js.addStream(.init(name: "S", subjects: ["s.*"], storage: .memory))
        _ = try publish(js, "s.x", "", headers: ["Reason": "too-large", "Source-Seq": "7"])
        let stored = try js.storedMessage(stream: "S", sequence: 1)
        #expect(stored.subject == "s.x")
        #expect(stored.payloadCount == 0)
        #expect(stored.header("Reason") == "too-large")
        #expect(stored.header("Source-Seq") == "7")
        #expect(stored.header("Missing") == nil)
    }

    @Test func publishingWhereNoStreamListensFails() throws {
        let server = try NATSServerProcess()
        defer { server.stop() }
        let js = try connect(server)
        let error = #expect(throws: NATSError.self) { try publish(js, "nowhere", "x") }
        #expect(error?.status == .noResponders)
    }

    @Test func aStreamNameInUseWithOtherSubjectsIsReported() throws {
        let server = try NATSServerProcess()
        defer { server.stop() }
        let js = try connect(server)
        try js.addStream(.init(name: "S", subjects: ["a.>"], storage: .memory))
        try js.addStream(.init(name: "S", subjects: ["a.>"], storage: .memory))  // same: fine
        let error = #expect(throws: NATSError.self) {
            try js.addStream(.init(name: "S", subjects: ["b.>"], storage: .memory))
        }
        #expect(error?.jetStreamCode == NATSError.streamNameInUse)
    }

    @Test func aDurablePullConsumerDeliversInOrderAndRedeliversWhatWasNotAcked() throws {
        let server = try NATSServerProcess()
        defer { server.stop() }
        let consumer = PullConsumerConfiguration(stream: "IN", durableName: "w1", filterSubject: "in.1",
                                                 ackWait: .seconds(1), maxAckPending: 100)
        do {
            let js = try connect(server)
            try js.addStream(.init(name: "IN", subjects: ["in.*"]))
            for index in 1...5 { _ = try publish(js, "in.1", "m\(index)") }
            _ = try publish(js, "in.2", "other partition")
            let subscription = try js.pullSubscribe(consumer)
            let batch = try subscription.fetch(batch: 10, timeout: .seconds(2))
            #expect(batch.map(text) == ["m1", "m2", "m3", "m4", "m5"])
            let meta = try batch[2].metadata()
            #expect(meta.stream == "IN" && meta.streamSequence == 3 && meta.deliveries == 1)
            for message in batch.prefix(3) { try message.ack() }
            try js.connection.flush(timeout: .seconds(2))
            // m4 and m5 are left unacked; the connection closes here.
        }
        let js = try connect(server)
        let subscription = try js.pullSubscribe(consumer)
        var again: [NATSMessage] = []
        let deadline = Date().addingTimeInterval(10)
        while again.count < 2 && Date() < deadline {
            again += try subscription.fetch(batch: 10, timeout: .milliseconds(500))
        }
        #expect(again.map(text) == ["m4", "m5"])
        #expect(try again.map { try $0.metadata().deliveries } == [2, 2])
        for message in again { try message.ack() }
        try js.connection.flush(timeout: .seconds(2))
        #expect(try subscription.fetch(batch: 10, timeout: .milliseconds(300)).isEmpty)
    }

    @Test func fetchOnAnEmptyConsumerReturnsNothingAfterTheTimeout() throws {
        let server = try NATSServerProcess()
        defer { server.stop() }
        let js = try connect(server)
        try js.addStream(.init(name: "IN", subjects: ["in.*"], storage: .memory))
        let subscription = try js.pullSubscribe(.init(stream: "IN", durableName: "w", filterSubject: "in.1"))
        #expect(try subscription.fetch(batch: 5, timeout: .milliseconds(200)).isEmpty)
    }
}
