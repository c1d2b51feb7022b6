import Foundation
import NATS
import NATSServerFixture

/// A `piimask stream` process started by a test, its stderr kept in a file.
final class WorkerProcess {
    /// The `piimask` executable next to the test bundle (or `PIIMASK_BINARY`).
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["PIIMASK_BINARY"] { return URL(fileURLWithPath: path) }
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("piimask")
    }()

    let process = Process()
    let stderrFile: URL

    /// Starts `piimask stream` for `partition` against `server`, with `extra` arguments and
    /// `environment` added to the test's own.
    init(server: NATSServerProcess, partition: Int, extra: [String] = [], environment: [String: String] = [:]) throws {
        stderrFile = server.folder.appendingPathComponent("worker-\(partition)-\(UUID()).log")
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = Self.binary
        process.arguments = ["stream", "--server", server.url, "--partition", String(partition),
                             "--ack-wait", "2"] + extra
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
    }

    deinit { kill9() }

    /// Kills it with SIGKILL: no flush, no ack, no goodbye.
    func kill9() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Asks it to stop (SIGTERM) and waits; returns the exit status.
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// What it wrote to stderr.
    var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    /// The value of `piimask stream: <name>: N` in its final report (nil if absent).
    func reported(_ name: String) -> Int? {
        for line in stderr.split(separator: "\n") where line.hasPrefix("piimask stream: \(name): ") {
            return Int(line.split(separator: " ").last!)
        }
        return nil
    }
}

/// Chat events for N conversations, phone numbers and e-mail addresses planted in each.
struct ChatTraffic {
    /// One event: its conversation, its number within it, and the JSON line.
    struct Event {
        let conversation: String
        let seq: Int
        let json: String
    }

    let events: [Event]
    /// Every planted raw value: none may reach an output, a dead letter or a log.
    let planted: [String]

    /// `conversations` × `perConversation` events, interleaved round-robin.
    init(conversations: Int, perConversation: Int) {
        var events: [Event] = []
        var planted: [String] = []
        for seq in 1...perConversation {
            for index in 0..<conversations {
                let phone = "+44796619\(String(format: "%04d", (index * 31 + seq) % 10_000))"
                let mail = "user\(index)x\(seq)@example.com"
                planted += [phone, mail]
                let json = #"{"event":"message","conversation":"c\#(index)","message":{"seq":\#(seq),"text":"call \#(phone) or mail \#(mail)"}}"#
                events.append(Event(conversation: "c\(index)", seq: seq, json: json))
            }
        }
        self.events = events
        self.planted = planted
    }
}

/// Helpers on a test server with the stream layout of docs/stream.md.
enum StreamLayout {
    /// The server configuration: producers publish to `chat.conv.<conversation>` and the
    /// server maps each conversation to one of `partitions` input subjects.
    static func mapping(partitions: Int) -> String {
        #"mappings = { "chat.conv.*": "chat.in.{{partition(\#(partitions),1)}}" }"#
    }

    /// A JetStream context on `server` for the test itself (2-second requests).
    static func connect(_ server: NATSServerProcess) throws -> JetStream {
        try NATSConnection(.init(servers: [server.url], name: "stream-tests")).jetStream(requestTimeout: .seconds(2))
    }

    /// Creates CHAT_IN, CHAT_MASKED and CHAT_DEADLETTER (file storage, 10-minute duplicate window).
    static func createStreams(_ js: JetStream) throws {
        for (name, subject) in [("CHAT_IN", "chat.in.*"), ("CHAT_MASKED", "chat.masked.*"),
                                ("CHAT_DEADLETTER", "chat.deadletter.*")] {
            try js.addStream(.init(name: name, subjects: [subject], duplicateWindow: .seconds(600)))
        }
    }

    /// Publishes each event to `chat.conv.<conversation>` with id `<conversation>:<seq>`,
    /// retrying (same id) until the stream acknowledges or `deadline` passes.
    static func produce(_ events: [ChatTraffic.Event], _ js: JetStream, deadline: Date) throws {
        for event in events {
            while true {
                do {
                    _ = try Array(event.json.utf8).withUnsafeBytes {
                        try js.publish(subject: "chat.conv.\(event.conversation)", payload: $0,
                                       messageID: "\(event.conversation):\(event.seq)")
                    }
                    break
                } catch {
                    if Date() > deadline { throw error }
                    Thread.sleep(forTimeInterval: 0.05)
                }
            }
        }
    }

    /// Waits until `stream` holds `count` messages (or `timeout` passes); returns the count.
    @discardableResult
    static func waitFor(_ count: UInt64, in stream: String, _ js: JetStream, timeout: TimeInterval) -> UInt64 {
        let deadline = Date().addingTimeInterval(timeout)
        var seen: UInt64 = 0
        while Date() < deadline {
            seen = (try? js.messageCount(stream: stream)) ?? seen
            if seen >= count { return seen }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return seen
    }

    /// Every message of `stream` in order: subject and payload text.
    static func contents(of stream: String, _ js: JetStream) throws -> [(subject: String, text: String)] {
        let count = try js.messageCount(stream: stream)
        guard count > 0 else { return [] }
        return try (1...count).map { sequence in
            let message = try js.storedMessage(stream: stream, sequence: sequence)
            return (message.subject, message.withPayload { String(decoding: $0, as: UTF8.self) })
        }
    }
}

/// The checks on the output stream: every event exactly once, masked, in order per conversation.
struct OutputCheck {
    /// (conversation, seq) pairs seen more than once.
    var duplicates: [String] = []
    /// Events never seen.
    var missing: [String] = []
    /// Conversations whose events came out of order.
    var outOfOrder: Set<String> = []
    /// Conversations found on more than one output subject.
    var splitConversations: Set<String> = []
    /// Planted values found raw.
    var leaked: [String] = []
    /// Outputs that are not JSON objects with `conversation` and `message.seq`.
    var unreadable = 0

    init(outputs: [(subject: String, text: String)], traffic: ChatTraffic) {
        var seen: [String: Int] = [:]
        var lastSeq: [String: Int] = [:]
        var subjectOf: [String: String] = [:]
        for output in outputs {
            guard let object = try? JSONSerialization.jsonObject(with: Data(output.text.utf8)) as? [String: Any],
                  let conversation = object["conversation"] as? String,
                  let seq = (object["message"] as? [String: Any])?["seq"] as? Int else {
                unreadable += 1
                continue
            }
            let key = "\(conversation):\(seq)"
            seen[key, default: 0] += 1
            if seen[key]! > 1 { duplicates.append(key) }
            if let last = lastSeq[conversation], seq <= last { outOfOrder.insert(conversation) }
            lastSeq[conversation] = max(seq, lastSeq[conversation] ?? 0)
            if let subject = subjectOf[conversation], subject != output.subject { splitConversations.insert(conversation) }
            subjectOf[conversation] = output.subject
        }
        missing = traffic.events.map { "\($0.conversation):\($0.seq)" }.filter { seen[$0] == nil }
        let all = outputs.map(\.text).joined(separator: "\n")
        leaked = traffic.planted.filter { all.contains($0) }
    }

    /// True when every check holds.
    var holds: Bool {
        duplicates.isEmpty && missing.isEmpty && outOfOrder.isEmpty && splitConversations.isEmpty
            && leaked.isEmpty && unreadable == 0
    }
}
