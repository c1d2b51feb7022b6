import Foundation
import NATS
import NATSServerFixture
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `piimask stream` processes against a real `nats-server -js` on loopback. Each test starts
/// its own server (free port, temporary store) and stops it and its workers at the end.
@Suite(.serialized) struct StreamWorkerTests {
    @Test(.timeLimit(.minutes(1)))
    func twoWorkersDeliverEveryEventOnceMaskedAndInOrder() throws {
        let server = try NATSServerProcess(extraConfiguration: StreamLayout.mapping(partitions: 2))
        defer { server.stop() }
        let js = try StreamLayout.connect(server)
        try StreamLayout.createStreams(js)
        let traffic = ChatTraffic(conversations: 40, perConversation: 25)
        try StreamLayout.produce(traffic.events, js, deadline: Date().addingTimeInterval(20))
        // The subject mapping spreads the conversations over both partitions.
        let perPartition = try (0..<2).map { partition in
            try StreamLayout.contents(of: "CHAT_IN", js).filter { $0.subject == "chat.in.\(partition)" }.count
        }
        #expect(perPartition.allSatisfy { $0 > 0 } && perPartition.reduce(0, +) == traffic.events.count)

        let workers = try (0..<2).map { try WorkerProcess(server: server, partition: $0, extra: ["--batch", "64"]) }
        let total = UInt64(traffic.events.count)
        #expect(StreamLayout.waitFor(total, in: "CHAT_MASKED", js, timeout: 30) == total)
        let statuses = workers.map { $0.stop() }
        #expect(statuses == [0, 0])

        let outputs = try StreamLayout.contents(of: "CHAT_MASKED", js)
        let check = OutputCheck(outputs: outputs, traffic: traffic)
        #expect(check.holds, "\(check)")
        #expect(outputs.count == traffic.events.count)
        #expect(outputs.first?.text.contains("*********") == true)
        #expect(workers.map { $0.reported("published") ?? -1 } == perPartition)
        for worker in workers {
            #expect(!traffic.planted.contains { worker.stderr.contains($0) })
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func killNineMidStreamAndARestartLoseAndDuplicateNothing() throws {
        let server = try NATSServerProcess(extraConfiguration: StreamLayout.mapping(partitions: 1))
        defer { server.stop() }
        let js = try StreamLayout.connect(server)
        try StreamLayout.createStreams(js)
        let traffic = ChatTraffic(conversations: 40, perConversation: 30)
        try StreamLayout.produce(traffic.events, js, deadline: Date().addingTimeInterval(30))
        let total = UInt64(traffic.events.count)

        let first = try WorkerProcess(server: server, partition: 0, extra: ["--batch", "32"])
        let atKill = StreamLayout.waitFor(total / 5, in: "CHAT_MASKED", js, timeout: 20)
        first.kill9()
        #expect(atKill >= total / 5 && atKill < total, "the kill must land mid-stream")

        let second = try WorkerProcess(server: server, partition: 0, extra: ["--batch", "32"])
        #expect(StreamLayout.waitFor(total, in: "CHAT_MASKED", js, timeout: 30) == total)
        Thread.sleep(forTimeInterval: 0.5)  // anything doubled would land now
        #expect(second.stop() == 0)

        let outputs = try StreamLayout.contents(of: "CHAT_MASKED", js)
        let check = OutputCheck(outputs: outputs, traffic: traffic)
        #expect(check.holds, "\(check)")
        #expect(outputs.count == traffic.events.count)
        #expect(second.reported("rewinds") == 1)
        let consumer = try js.consumerState(stream: "CHAT_IN", durableName: "piimask-0")
        #expect(consumer?.ackPending == 0 && consumer?.pending == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func aNATSServerRestartIsSurvived() throws {
        let server = try NATSServerProcess(extraConfiguration: StreamLayout.mapping(partitions: 1))
        defer { server.stop() }
        let traffic = ChatTraffic(conversations: 20, perConversation: 60)
        let half = traffic.events.count / 2
        do {
            let js = try StreamLayout.connect(server)
            try StreamLayout.createStreams(js)
            try StreamLayout.produce(Array(traffic.events[..<half]), js, deadline: Date().addingTimeInterval(20))
        }
        let worker = try WorkerProcess(server: server, partition: 0, extra: ["--batch", "16"])
        let beforeRestart = try StreamLayout.waitFor(UInt64(half / 4), in: "CHAT_MASKED", StreamLayout.connect(server), timeout: 20)
        #expect(beforeRestart >= UInt64(half / 4))
        server.terminate()
        Thread.sleep(forTimeInterval: 1)
        try server.start()
        let js = try StreamLayout.connect(server)
        try StreamLayout.produce(Array(traffic.events[half...]), js, deadline: Date().addingTimeInterval(20))
        let total = UInt64(traffic.events.count)
        #expect(StreamLayout.waitFor(total, in: "CHAT_MASKED", js, timeout: 40) == total)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(worker.process.isRunning, "the same worker process carried on")
        #expect(worker.stop() == 0)

        let outputs = try StreamLayout.contents(of: "CHAT_MASKED", js)
        let check = OutputCheck(outputs: outputs, traffic: traffic)
        #expect(check.holds, "\(check)")
        #expect(outputs.count == traffic.events.count)
    }

    @Test(.timeLimit(.minutes(1)))
    func poisonEventsAreCountedAndDeadLetteredNeverRaw() throws {
        let server = try NATSServerProcess(extraConfiguration: StreamLayout.mapping(partitions: 1))
        defer { server.stop() }
        let js = try StreamLayout.connect(server)
        try StreamLayout.createStreams(js)
        let traffic = ChatTraffic(conversations: 3, perConversation: 4)
        let notJSON = #"{"conversation":"c9","message":{"text":"call +447966197542, mail melissa@gmail.com"#
        let large = #"{"conversation":"c9","message":{"text":"card 4111 1111 1111 1111 "# + String(repeating: "x", count: 5000) + #""}}"#
        let poison = [ChatTraffic.Event(conversation: "c9", seq: 1, json: notJSON),
                      ChatTraffic.Event(conversation: "c9", seq: 2, json: large)]
        try StreamLayout.produce(Array(traffic.events.prefix(6)) + poison + Array(traffic.events.dropFirst(6)), js,
                                 deadline: Date().addingTimeInterval(20))
        let worker = try WorkerProcess(server: server, partition: 0, extra: ["--max-event-bytes", "4096"])
        #expect(StreamLayout.waitFor(UInt64(traffic.events.count), in: "CHAT_MASKED", js, timeout: 20)
                == UInt64(traffic.events.count))
        #expect(StreamLayout.waitFor(2, in: "CHAT_DEADLETTER", js, timeout: 20) == 2)
        #expect(worker.stop() == 0)

        #expect(worker.reported("dead-lettered invalid-json") == 1)
        #expect(worker.reported("dead-lettered too-large") == 1)
        #expect(worker.reported("published") == traffic.events.count)
        let invalid = try js.storedMessage(stream: "CHAT_DEADLETTER", sequence: 1)
        let tooLarge = try js.storedMessage(stream: "CHAT_DEADLETTER", sequence: 2)
        #expect(invalid.header("Piimask-Reason") == "invalid-json")
        #expect(invalid.header("Piimask-Source-Stream") == "CHAT_IN")
        #expect(invalid.header("Piimask-Source-Sequence") == "7")
        let invalidText = invalid.withPayload { String(decoding: $0, as: UTF8.self) }
        #expect(invalidText.contains("*********7542") && invalidText.contains("m******@gmail.com"))
        #expect(tooLarge.header("Piimask-Reason") == "too-large")
        #expect(tooLarge.header("Piimask-Source-Sequence") == "8")
        #expect(tooLarge.header("Piimask-Source-Bytes") == String(large.utf8.count))
        #expect(tooLarge.payloadCount == 0)
        let everything = try StreamLayout.contents(of: "CHAT_DEADLETTER", js).map(\.text).joined()
            + StreamLayout.contents(of: "CHAT_MASKED", js).map(\.text).joined() + worker.stderr
        for raw in ["+447966197542", "melissa@gmail.com", "4111 1111 1111 1111"] + traffic.planted {
            #expect(!everything.contains(raw))
        }
        let check = OutputCheck(outputs: try StreamLayout.contents(of: "CHAT_MASKED", js), traffic: traffic)
        #expect(check.holds, "\(check)")
    }
}

extension StreamWorkerTests {
    @Test(.timeLimit(.minutes(1)))
    func anEventOverTheServersMaxPayloadOnceMaskedIsDeadLetteredWithoutBody() throws {
        let server = try NATSServerProcess(extraConfiguration: "max_payload: 4096\n" + StreamLayout.mapping(partitions: 1))
        defer { server.stop() }
        let js = try NATSConnection(.init(servers: [server.url])).jetStream(requestTimeout: .seconds(2))
        try StreamLayout.createStreams(js)
        // 760 bytes in; invalid UTF-8 in a masked string becomes \ufffd (6 bytes each): over 4096 out.
        let event = Array(#"{"conversation":"c1","message":{"seq":1,"text":"+447966197542 "#.utf8)
            + [UInt8](repeating: 0xFF, count: 700) + Array(#""}}"#.utf8)
        _ = try event.withUnsafeBytes { try js.publish(subject: "chat.conv.c1", payload: $0, messageID: "c1:1") }
        let worker = try WorkerProcess(server: server, partition: 0)
        #expect(StreamLayout.waitFor(1, in: "CHAT_DEADLETTER", js, timeout: 20) == 1)
        #expect(worker.stop() == 0)
        #expect(worker.reported("dead-lettered too-large") == 1)
        #expect(try js.messageCount(stream: "CHAT_MASKED") == 0)
        let dead = try js.storedMessage(stream: "CHAT_DEADLETTER", sequence: 1)
        #expect(dead.header("Piimask-Reason") == "too-large")
        #expect(dead.header("Piimask-Source-Bytes") == String(event.count))
        #expect(dead.payloadCount == 0)
        #expect(!worker.stderr.contains("447966197542"))
    }
}

/// Rule reload on SIGHUP and the Prometheus endpoint of a running worker.
@Suite(.serialized) struct StreamWorkerOperationsTests {
    private func metrics(_ port: Int) -> String {
        (try? String(contentsOf: URL(string: "http://127.0.0.1:\(port)/metrics")!, encoding: .utf8)) ?? ""
    }

    private func value(_ line: String, in text: String) -> Int? {
        text.split(separator: "\n").first { $0.hasPrefix(line + " ") }.flatMap { Int($0.split(separator: " ").last!) }
    }

    private func waitUntil(_ timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    @Test(.timeLimit(.minutes(1)))
    func sighupReloadsTheRulesAndMetricsAreServed() throws {
        let server = try NATSServerProcess(extraConfiguration: StreamLayout.mapping(partitions: 1))
        defer { server.stop() }
        let js = try NATSConnection(.init(servers: [server.url])).jetStream(requestTimeout: .seconds(2))
        try StreamLayout.createStreams(js)
        let rules = server.folder.appendingPathComponent("rules.yaml")
        try "version: 1\nrules:\n  - id: email.address\n    enabled: false\n".write(to: rules, atomically: true, encoding: .utf8)
        let metricsPort = try NATSServerProcess.freePort()
        let worker = try WorkerProcess(server: server, partition: 0,
                                       extra: ["--rules", rules.path, "--metrics-listen", "127.0.0.1:\(metricsPort)"])
        let traffic = ChatTraffic(conversations: 4, perConversation: 10)
        let (before, after) = (Array(traffic.events.prefix(20)), Array(traffic.events.dropFirst(20)))
        try StreamLayout.produce(before, js, deadline: Date().addingTimeInterval(20))
        #expect(StreamLayout.waitFor(20, in: "CHAT_MASKED", js, timeout: 20) == 20)

        // A broken file keeps the rules in effect; a good one replaces them.
        try "version: 1\nrules: [\n".write(to: rules, atomically: true, encoding: .utf8)
        kill(worker.process.processIdentifier, SIGHUP)
        #expect(waitUntil(10) { value(#"piimask_rule_reloads_total{result="failure"}"#, in: metrics(metricsPort)) == 1 })
        try "version: 1\nrules: []\n".write(to: rules, atomically: true, encoding: .utf8)
        kill(worker.process.processIdentifier, SIGHUP)
        #expect(waitUntil(10) { value(#"piimask_rule_reloads_total{result="success"}"#, in: metrics(metricsPort)) == 1 })
        try StreamLayout.produce(after, js, deadline: Date().addingTimeInterval(20))
        #expect(StreamLayout.waitFor(40, in: "CHAT_MASKED", js, timeout: 20) == 40)

        let text = metrics(metricsPort)
        #expect(value(#"piimask_stream_published_total{partition="0"}"#, in: text) == 40)
        #expect(value(#"piimask_findings_total{type="phone"}"#, in: text) == 40)
        #expect(value(#"piimask_findings_total{type="email"}"#, in: text) == 20)
        #expect(worker.stop() == 0)

        let outputs = try StreamLayout.contents(of: "CHAT_MASKED", js).map(\.text)
        #expect(outputs.prefix(20).allSatisfy { $0.contains("@example.com") && !$0.contains("*@example.com") },
                "with email.address disabled, addresses stay")
        #expect(outputs.dropFirst(20).allSatisfy { $0.contains("*@example.com") }, "after the reload they are masked")
        #expect(!traffic.planted.filter { $0.hasPrefix("+") }.contains { phone in outputs.contains { $0.contains(phone) } })
        #expect(!traffic.planted.contains { text.contains($0) } && !traffic.planted.contains { worker.stderr.contains($0) })
    }

    @Test(.timeLimit(.minutes(1)))
    func aWorkerThatCannotConnectExitsWithStatus2() throws {
        let server = try NATSServerProcess()
        defer { server.stop() }
        server.terminate()  // nothing listens on its port now
        let worker = try WorkerProcess(server: server, partition: 0)
        worker.process.waitUntilExit()
        #expect(worker.process.terminationStatus == 2)
    }
}
