import Foundation
import Testing

/// The golden conversation fixtures of every mode (`fixtures/chat/split-conversations*`), and
/// tokens scoped per conversation in the NDJSON filter.
@Suite struct ConversationFixtureCLITests {
    static let chat = CLIRunner.packageRoot.appendingPathComponent("fixtures/chat")
    static let input = chat.appendingPathComponent("split-conversations.ndjson")

    /// The committed test key (`fixtures/keys/test-token.key`), copied with mode 600 as
    /// piimask asks (git checks it out as 644).
    static func testKey() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-test-key-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("test-token.key")
        try FileManager.default.copyItem(at: CLIRunner.packageRoot.appendingPathComponent("fixtures/keys/test-token.key"), to: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copy.path)
        return copy
    }

    static func text(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    /// Each mode's command over its input against its committed output, byte for byte (the
    /// docs/events.md, "Golden conversation fixtures", lists the same commands).
    @Test(arguments: [
        ("split-conversations", [] as [String], "split-conversations.masked.ndjson"),
        ("split-conversations", ["--no-conversations"], "split-conversations.no-conversations.masked.ndjson"),
        ("split-conversations", ["--mask", "token"], "split-conversations.token.masked.ndjson"),
        ("split-conversations", ["--mask", "encrypt"], "split-conversations.encrypt.masked.ndjson"),
        ("conversation", [], "conversation.masked.ndjson"),
        ("conversation", ["--mask", "token"], "conversation.token.masked.ndjson"),
        ("conversation", ["--mask", "encrypt"], "conversation.encrypt.masked.ndjson"),
    ])
    func modeMatchesItsGoldenFile(input: String, flags: [String], golden: String) throws {
        let key = flags.contains("--mask") ? ["--token-key-file", try Self.testKey().path] : []
        let text = try Self.text(Self.chat.appendingPathComponent("\(input).ndjson"))
        let result = try CLIRunner.run(["--format", "ndjson"] + flags + key, input: text)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == (try Self.text(Self.chat.appendingPathComponent(golden))))
    }

    /// `reveal` turns `encrypt` tokens back into the input's values: over the whole chat of
    /// `conversation.ndjson` (every value whole in one message) the round trip gives every
    /// event back — equal as JSON, and byte for byte but for the escapes of the strings that
    /// were masked (a changed string is written with its escapes normalised); over the split
    /// fixture's golden output, every token comes back and the parts of values typed across
    /// messages stay stars.
    @Test func revealRoundTripsEncryptedConversations() throws {
        let key = try Self.testKey().path
        let chat = try Self.text(Self.chat.appendingPathComponent("conversation.ndjson"))
        let encrypted = try Self.text(Self.chat.appendingPathComponent("conversation.encrypt.masked.ndjson"))
        #expect(encrypted.components(separatedBy: ":enc:test:").count > 5)
        #expect(!encrypted.contains("*"))
        let revealed = try CLIRunner.run(["reveal", "--token-key-file", key], input: encrypted)
        #expect(revealed.status == 0)
        let revealedEvents = revealed.stdout.split(separator: "\n")
        let chatEvents = chat.split(separator: "\n")
        #expect(revealedEvents.count == chatEvents.count)
        var identical = 0
        for (revealedEvent, chatEvent) in zip(revealedEvents, chatEvents) {
            let parsed = try [revealedEvent, chatEvent].map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as? NSDictionary
            }
            #expect(parsed[0] != nil && parsed[0] == parsed[1])
            if revealedEvent == chatEvent { identical += 1 }
        }
        // Only the two events whose masked strings had escapes (`\u0034…`, `\u0028`) differ in bytes.
        #expect(identical == chatEvents.count - 2)

        let golden = try Self.text(Self.chat.appendingPathComponent("split-conversations.encrypt.masked.ndjson"))
        let split = try CLIRunner.run(["reveal", "--token-key-file", key], input: golden)
        #expect(split.status == 0)
        #expect(split.stderr.isEmpty)
        #expect(!split.stdout.contains(":enc:"))
        #expect(split.stdout.contains("bel 0612345678 for the rest"))
        // Lines without tokens are left as they were.
        for (revealedLine, goldenLine) in zip(split.stdout.split(separator: "\n"), golden.split(separator: "\n"))
        where !goldenLine.contains(":enc:") {
            #expect(revealedLine == goldenLine)
        }
    }

    /// One value gets one token within a conversation and unrelated tokens across
    /// conversations; the id may come after the text; an event without an id gets stars.
    @Test func tokensAreScopedPerConversation() throws {
        let events = [
            #"{"event":"message","conversation":"C-1","message":{"text":"bel 06-12345678"}}"#,
            #"{"event":"message","conversation":"C-1","message":{"text":"nogmaals 06-12345678"}}"#,
            #"{"event":"message","conversation":"C-2","message":{"text":"bel 06-12345678"}}"#,
            #"{"message":{"text":"bel 06-12345678"},"event":"message","conversation":"C-2"}"#,
            #"{"event":"message","message":{"text":"bel 06-12345678","sender":{"signature":"Jan, 06-12345678"}}}"#,
            #"{"event":"message","conversation":"C-3","phone":31612345678}"#,
        ].joined(separator: "\n") + "\n"
        let key = try Self.testKey().path
        let result = try CLIRunner.run(["--format", "ndjson", "--mask", "token", "--token-key-file", key], input: events)
        #expect(result.status == 0)
        #expect(!result.stdout.contains("12345678"))
        let lines = result.stdout.split(separator: "\n").map(String.init)
        func token(_ line: String) -> String? {
            line.firstRange(of: "[PHONE:").map { String(line[$0.lowerBound...].prefix { $0 != "]" }) }
        }
        #expect(token(lines[0]) != nil)
        #expect(token(lines[0]) == token(lines[1]))
        #expect(token(lines[2]) != nil && token(lines[2]) != token(lines[0]))
        #expect(token(lines[3]) == token(lines[2]))
        #expect(lines[4] == #"{"event":"message","message":{"text":"bel ***********","sender":{"signature":"Jan, ***********"}}}"#)
        #expect(lines[5].contains(#""phone":"[PHONE:test:"#))
        // The same event, global scope: one token for all.
        let global = try CLIRunner.run(["--format", "ndjson", "--mask", "token", "--token-scope", "global",
                                        "--token-key-file", key], input: events)
        let globalLines = global.stdout.split(separator: "\n").map(String.init)
        #expect(Set(globalLines.prefix(5).compactMap(token)).count == 1)
    }

    @Test func conversationScopeNeedsConversationIDs() throws {
        let key = try Self.testKey().path
        let cases: [([String], String)] = [
            (["--mask", "token"], "text lines carry no conversation id"),
            (["--format", "ndjson", "--no-conversations", "--mask", "encrypt"], "--no-conversations"),
        ]
        for (flags, reason) in cases {
            let result = try CLIRunner.run(flags + ["--token-key-file", key], input: "bel 06-12345678\n")
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains(reason))
            #expect(result.stderr.contains("--token-scope global"))
            #expect(!result.stderr.contains("12345678"))
        }
    }
}
