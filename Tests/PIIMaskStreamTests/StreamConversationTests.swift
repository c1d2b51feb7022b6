import Foundation
import NATS
import NATSServerFixture
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A worker follows the conversations of its partition exactly as the NDJSON filter does
/// (issue 17), and a poison event costs at most `--max-deliveries` restarts (issue 16).
/// Against a real `nats-server -js` on loopback.
@Suite(.serialized) struct StreamConversationTests {
    static let chat = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../fixtures/chat").standardized

    /// Publishes `lines` in order to the partition's input subject (one partition, no mapping).
    private func publish(_ lines: [String], _ js: JetStream) throws {
        for (index, line) in lines.enumerated() {
            _ = try Array(line.utf8).withUnsafeBytes {
                try js.publish(subject: "chat.in.0", payload: $0, messageID: "event-\(index)")
            }
        }
    }

    /// What `piimask --format ndjson ARGS` writes for `lines`.
    private func filter(_ lines: [String], _ arguments: [String] = []) throws -> [String] {
        let process = Process()
        process.executableURL = WorkerProcess.binary
        process.arguments = ["--format", "ndjson"] + arguments
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(lines.map { $0 + "\n" }.joined().utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Runs one worker over `lines` until `expected` events are out; the outputs in order.
    private func throughWorker(_ lines: [String], extra: [String] = []) throws -> (outputs: [String], stderr: String) {
        let server = try NATSServerProcess()
        defer { server.stop() }
        let js = try StreamLayout.connect(server)
        try StreamLayout.createStreams(js)
        try publish(lines, js)
        let worker = try WorkerProcess(server: server, partition: 0, extra: extra)
        #expect(StreamLayout.waitFor(UInt64(lines.count), in: "CHAT_MASKED", js, timeout: 20) == UInt64(lines.count))
        #expect(worker.stop() == 0)
        return (try StreamLayout.contents(of: "CHAT_MASKED", js).map(\.text), worker.stderr)
    }

    /// One chat event of `conversation` with `text`.
    static func event(_ text: String, conversation: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: ["conversation": conversation, "message": ["text": text]],
                                               options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.timeLimit(.minutes(1)))
    func theSplitFixtureComesOutAsTheFiltersGoldenFile() throws {
        let input = try String(contentsOf: Self.chat.appendingPathComponent("split-conversations.ndjson"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let golden = try String(contentsOf: Self.chat.appendingPathComponent("split-conversations.masked.ndjson"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let (outputs, stderr) = try throughWorker(input)
        #expect(outputs == golden)
        #expect(!stderr.contains("5555") && !stderr.contains("melissa"))
    }

    /// Every first-part ending (punctuation, a smiley, a line break) and a local part typed
    /// before its `@`, interleaved over conversations: byte for byte the filter's output.
    @Test(.timeLimit(.minutes(1)))
    func everyFirstPartEndingIsMaskedAsTheFilterMasksIt() throws {
        let endings = [".", ",", "-", "?", "/", " :)", "\r\n", "\n"]
        var firsts: [String] = [], seconds: [String] = []
        for (index, ending) in endings.enumerated() {
            firsts.append(Self.event("my card is 4111 1111" + ending, conversation: "e\(index)"))
            seconds.append(Self.event("1111 1111", conversation: "e\(index)"))
        }
        firsts.append(Self.event("my email is melissa.de", conversation: "m1"))
        seconds.append(Self.event("vries@gmail.com", conversation: "m1"))
        firsts.append(Self.event("mail me at jansen", conversation: "m2"))
        seconds.append(Self.event("@ziggo.nl", conversation: "m2"))
        let input = firsts + seconds
        let (outputs, _) = try throughWorker(input)
        #expect(outputs == (try filter(input)))
        let shown = outputs.joined()
        #expect(!shown.contains("4111 1111") && !shown.contains("melissa.de") && !shown.contains("jansen"))
    }

    /// `--token-key-file` (issue 21): the rule files' token and encrypt masks are keyed as in
    /// the filter with the same key — conversation-scoped tokens per event's conversation —
    /// byte for byte; without the key file the worker refuses to start (exit 2).
    @Test(.timeLimit(.minutes(1)))
    func tokenMasksAreTheFiltersForTheSameKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stream-tokens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("test.key").path
        try FileManager.default.copyItem(atPath: Self.chat.appendingPathComponent("../keys/test-token.key").standardized.path, toPath: key)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        let rules = folder.appendingPathComponent("tokens.yaml").path
        try """
            version: 1
            rules:
              - {id: card.luhn, mask: {kind: encrypt}}
              - {id: email.address, mask: {kind: token, token_scope: global}}
            """.write(toFile: rules, atomically: true, encoding: .utf8)
        let input = [Self.event("kaart 4111 1111 1111 1111, mail melissa@gmail.com", conversation: "a"),
                     Self.event("kaart 4111 1111 1111 1111, mail melissa@gmail.com", conversation: "b")]
        let arguments = ["--rules", rules, "--token-key-file", key]
        let (outputs, stderr) = try throughWorker(input, extra: arguments)
        #expect(outputs == (try filter(input, arguments)))
        #expect(outputs.allSatisfy { $0.contains("[CARD:enc:test:") && $0.contains("[EMAIL:test:") }, "\(outputs)")
        #expect(outputs[0] != outputs[1], "the card's token is keyed per conversation")
        #expect(!stderr.contains("4111") && !stderr.contains("melissa"))

        let refused = Process()
        refused.executableURL = WorkerProcess.binary
        refused.arguments = ["stream", "--server", "nats://127.0.0.1:1", "--partition", "0", "--rules", rules]
        let errors = Pipe()
        refused.standardError = errors
        try refused.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        refused.waitUntilExit()
        #expect(refused.terminationStatus == 2)
        #expect(message.contains("no token key file"), "\(message)")
    }

    /// With room for two conversations a third drops the least recently seen: the first's
    /// continuation is then masked on its own (as the filter with the same bound does).
    @Test(.timeLimit(.minutes(1)))
    func theStateBoundIsReachedAsInTheFilter() throws {
        let input = ["a", "b", "c"].map { Self.event("my card is 4111 1111", conversation: $0) }
            + [Self.event("1111 1111", conversation: "a"), Self.event("1111 1111", conversation: "c")]
        let bound = ["--max-conversations", "2"]
        let (outputs, _) = try throughWorker(input, extra: bound)
        #expect(outputs == (try filter(input, bound)))
        #expect(outputs[3].contains(#""text":"1111 1111""#), "a was dropped: its continuation stands alone")
        #expect(outputs[4].contains(#""text":"****1111""#), "c is still followed")
    }

    /// A worker that dies on one event (the debug-only fault hook, as a crash in masking
    /// would) is restarted, as systemd does: after `--max-deliveries` deliveries the event is
    /// dead-lettered without its body, and the partition drains in order, exactly once.
    @Test(.timeLimit(.minutes(2)))
    func aPoisonEventCostsAtMostMaxDeliveriesRestarts() throws {
        let server = try NATSServerProcess(extraConfiguration: StreamLayout.mapping(partitions: 1))
        defer { server.stop() }
        let js = try StreamLayout.connect(server)
        try StreamLayout.createStreams(js)
        let traffic = ChatTraffic(conversations: 4, perConversation: 10)
        let poison = ChatTraffic.Event(conversation: "c9", seq: 1,
                                       json: #"{"conversation":"c9","message":{"seq":1,"text":"POISON card 4111 1111 1111 1111"}}"#)
        try StreamLayout.produce(Array(traffic.events.prefix(17)) + [poison] + Array(traffic.events.dropFirst(17)), js,
                                 deadline: Date().addingTimeInterval(20))
        let total = UInt64(traffic.events.count)
        let options = ["--batch", "8", "--ack-wait", "1", "--max-deliveries", "3"]
        var starts = 0
        var last: WorkerProcess?
        while StreamLayout.waitFor(total, in: "CHAT_MASKED", js, timeout: 0.2) < total && starts < 6 {
            let worker = try WorkerProcess(server: server, partition: 0, extra: options,
                                           environment: ["PIIMASK_TEST_DIE_ON_EVENT": "POISON"])
            starts += 1
            last = worker
            // Until it dies on the poison event or drains the partition.
            let deadline = Date().addingTimeInterval(15)
            while worker.process.isRunning && Date() < deadline
                    && StreamLayout.waitFor(total, in: "CHAT_MASKED", js, timeout: 0.1) < total {}
        }
        #expect(StreamLayout.waitFor(total, in: "CHAT_MASKED", js, timeout: 10) == total)
        #expect(starts == 4, "three deliveries killed the worker, the fourth start dead-letters it")
        let survivor = try #require(last)
        #expect(StreamLayout.waitFor(1, in: "CHAT_DEADLETTER", js, timeout: 10) == 1)
        Thread.sleep(forTimeInterval: 0.5)  // anything doubled would land now
        #expect(survivor.stop() == 0)
        #expect(survivor.reported("dead-lettered repeated-failure") == 1)

        let dead = try js.storedMessage(stream: "CHAT_DEADLETTER", sequence: 1)
        #expect(dead.header("Piimask-Reason") == "repeated-failure")
        #expect(dead.header("Piimask-Source-Sequence") == "18")
        #expect(dead.header("Piimask-Deliveries") == "4")
        #expect(dead.payloadCount == 0)
        let outputs = try StreamLayout.contents(of: "CHAT_MASKED", js)
        let check = OutputCheck(outputs: outputs, traffic: traffic)
        #expect(check.holds, "\(check)")
        #expect(outputs.count == traffic.events.count)
        #expect(!survivor.stderr.contains("4111"))
        let consumer = try js.consumerState(stream: "CHAT_IN", durableName: "piimask-0")
        #expect(consumer?.ackPending == 0 && consumer?.pending == 0)
    }
}
