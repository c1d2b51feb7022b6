import Foundation
import Hummingbird
import HummingbirdTesting
import PIIMask
import Testing

/// `/v1/events` follows conversations within a request and across requests (issue 17), byte
/// for byte as the NDJSON filter does.
@Suite struct ConversationEventsTests {
    static let chat = CLIPaths.packageRoot.appendingPathComponent("fixtures/chat")

    /// POSTs `lines` (each followed by a newline) to `/v1/events`; the response's lines.
    static func post(_ lines: [String], _ client: any TestClientProtocol) async throws -> [String] {
        let response = try await client.execute(uri: "/v1/events", method: .post,
                                                headers: [.contentType: "application/x-ndjson"],
                                                body: ByteBuffer(string: lines.map { $0 + "\n" }.joined()))
        #expect(response.status == .ok)
        return response.body.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// One chat event of `conversation` with `text`.
    static func event(_ text: String, conversation: String = "c-1") -> String {
        let data = try! JSONSerialization.data(withJSONObject: ["conversation": conversation, "message": ["text": text]],
                                               options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// The chat text of a masked event.
    static func text(_ line: String) -> String {
        let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        return (object["message"] as! [String: Any])["text"] as! String
    }

    static func fixture() throws -> (input: [String], golden: [String]) {
        let input = try String(contentsOf: chat.appendingPathComponent("split-conversations.ndjson"), encoding: .utf8)
        let golden = try String(contentsOf: chat.appendingPathComponent("split-conversations.masked.ndjson"), encoding: .utf8)
        return (input.split(separator: "\n").map(String.init), golden.split(separator: "\n").map(String.init))
    }

    @Test func theSplitFixtureInOneRequestIsTheFiltersGoldenFile() async throws {
        let (input, golden) = try Self.fixture()
        try await ServerHarness().run { (client: any TestClientProtocol) async throws in
            #expect(try await Self.post(input, client) == golden)
        }
    }

    /// The fixture cut at every line: the second request goes on with the conversations the
    /// first began.
    @Test func theSplitFixtureAcrossTwoRequestsIsTheFiltersGoldenFile() async throws {
        let (input, golden) = try Self.fixture()
        for cut in 1..<input.count {
            try await ServerHarness().run { (client: any TestClientProtocol) async throws in
                let first = try await Self.post(Array(input[..<cut]), client)
                let second = try await Self.post(Array(input[cut...]), client)
                #expect(first + second == golden, "cut at line \(cut)")
            }
        }
    }

    @Test(arguments: [".", ",", "-", "?", "/", " :)", "\r\n", "\n"])
    func aFirstPartEndingInPunctuationOrALineBreakIsMaskedAcrossRequests(ending: String) async throws {
        try await ServerHarness().run { (client: any TestClientProtocol) async throws in
            let first = try await Self.post([Self.event("my card is 4111 1111" + ending)], client).map(Self.text)
            let second = try await Self.post([Self.event("1111 1111")], client).map(Self.text)
            #expect(first == ["my card is **** ****" + ending])
            let shown = (first + second).joined().filter(\.isNumber)
            #expect(shown.count <= 4 && "1111".hasSuffix(shown), "\(first + second)")
        }
    }

    @Test func aLocalPartTypedBeforeItsAtIsMaskedAcrossRequests() async throws {
        try await ServerHarness().run { (client: any TestClientProtocol) async throws in
            #expect(try await Self.post([Self.event("my email is melissa.de")], client).map(Self.text) == ["my email is m*********"])
            #expect(try await Self.post([Self.event("vries@gmail.com")], client).map(Self.text) == ["*****@gmail.com"])
            #expect(try await Self.post([Self.event("mail me at jansen", conversation: "c-2")], client).map(Self.text)
                == ["mail me at j*****"])
            #expect(try await Self.post([Self.event("@ziggo.nl", conversation: "c-2")], client).map(Self.text) == ["@ziggo.nl"])
        }
    }

    /// With room for 2 conversations, a third drops the least recently seen: its continuation
    /// is then masked on its own, and the metrics count the drop.
    @Test func theStateBoundIsReached() async throws {
        let harness = try ServerHarness { $0.conversations = ConversationOptions(limits: ConversationLimits(capacity: 2)) }
        try await harness.run { (client: any TestClientProtocol) async throws in
            for conversation in ["a", "b", "c"] {
                _ = try await Self.post([Self.event("my card is 4111 1111", conversation: conversation)], client)
            }
            #expect(try await Self.post([Self.event("1111 1111", conversation: "a")], client).map(Self.text) == ["1111 1111"])
            #expect(try await Self.post([Self.event("1111 1111", conversation: "c")], client).map(Self.text) == ["****1111"])
            let metrics = try await client.execute(uri: "/metrics", method: .get).body.text
            #expect(metrics.contains(#"piimask_conversations_dropped_total{reason="full"} 2"#), "\(metrics)")
            #expect(metrics.contains("piimask_conversations_tracked 2"))
            #expect(metrics.contains("piimask_conversation_split_values_total 1"))
        }
    }

    /// Events with an empty conversation id share nothing: no state, no token scope.
    @Test func anEmptyConversationIDIsNoConversation() async throws {
        try await ServerHarness().run { (client: any TestClientProtocol) async throws in
            _ = try await Self.post([Self.event("my card is 4111 1111", conversation: "")], client)
            #expect(try await Self.post([Self.event("1111 1111", conversation: "")], client).map(Self.text) == ["1111 1111"])
            let metrics = try await client.execute(uri: "/metrics", method: .get).body.text
            #expect(metrics.contains("piimask_conversations_tracked 0"), "\(metrics)")
        }
    }

    /// Without conversations (`--no-conversations`) every event is masked on its own.
    @Test func conversationsCanBeTurnedOff() async throws {
        let (input, _) = try Self.fixture()
        let golden = try String(contentsOf: Self.chat.appendingPathComponent("split-conversations.no-conversations.masked.ndjson"),
                                encoding: .utf8)
        try await ServerHarness { $0.conversations = nil }.run { (client: any TestClientProtocol) async throws in
            #expect(try await Self.post(input, client) == golden.split(separator: "\n").map(String.init))
        }
    }
}
