import Foundation
import Hummingbird
import HummingbirdTesting
import PIIMask
import Testing

/// `conversation_id` on `/v1/mask`, `/v1/mask/batch` and `/v1/scan` (issue 21): token masks
/// scoped per conversation give the token `/v1/events` gives for that conversation and value;
/// without one they write stars; a bad id is refused without quoting it; `/v1/reveal` opens
/// an `encrypt` token of `/v1/mask` and counts every request by outcome.
@Suite struct ConversationTokenTests {
    static let bearer = "conversation-token-tests"
    /// The value the masks see: a user-rule id (a `token` mask) and a card (an `encrypt` mask).
    static let text = ServeTokenProcessTests.text
    /// A conversation id that must appear in no log and no error.
    static let conversation = "C-20261208-conv-7731"

    /// The token rules of `scope` and the committed test key (id `test`), at mode 600.
    struct Files {
        let folder: URL
        let rules: String
        let key: String

        init(scope: String = "conversation") throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("conversation-tokens-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            rules = folder.appendingPathComponent("tokens.yaml").path
            key = folder.appendingPathComponent("test.key").path
            try ServeTokenProcessTests.tokenRules(scope: scope).write(toFile: rules, atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(atPath: CLIPaths.packageRoot.appendingPathComponent("fixtures/keys/test-token.key").path,
                                             toPath: key)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        }
    }

    /// A server with the token rules of `scope`, the bearer token and reveal on.
    static func harness(_ files: Files, reveal: Bool = true) throws -> ServerHarness {
        try ServerHarness(rules: [files.rules], tokenKeyFile: files.key) {
            $0.token = bearer
            $0.revealEnabled = reveal
        }
    }

    static var headers: HTTPFields { [.authorization: "Bearer \(bearer)", .contentType: "application/json"] }

    /// `POST uri` with `body` as JSON; the status and the parsed object.
    static func post(_ uri: String, _ body: [String: Any],
                     _ client: any TestClientProtocol) async throws -> (HTTPResponse.Status, [String: Any], String) {
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: JSON.body(body))
        return (response.status, (try? JSON.parse(response.body) as? [String: Any]) ?? [:], response.body.text)
    }

    /// The masked text of `/v1/mask` for `text` in `conversation` (nil: no `conversation_id`).
    static func mask(_ text: String, conversation: String?, _ client: any TestClientProtocol) async throws -> String {
        var body: [String: Any] = ["text": text]
        if let conversation { body["conversation_id"] = conversation }
        let (status, object, raw) = try await post("/v1/mask", body, client)
        #expect(status == .ok, "\(raw)")
        return try #require(object["text"] as? String)
    }

    /// The chat text `/v1/events` writes for `text` as an event of `conversation`.
    static func event(_ text: String, conversation: String, _ client: any TestClientProtocol) async throws -> String {
        let response = try await client.execute(uri: "/v1/events", method: .post,
                                                headers: [.authorization: "Bearer \(bearer)", .contentType: "application/x-ndjson"],
                                                body: ByteBuffer(string: ConversationEventsTests.event(text, conversation: conversation) + "\n"))
        #expect(response.status == .ok)
        return ConversationEventsTests.text(String(response.body.text.dropLast()))
    }

    @Test func oneConversationAndValueGiveOneTokenOnMaskAndEvents() async throws {
        let files = try Files()
        let harness = try Self.harness(files)
        let keys = try TokenKeyRing.load(path: files.key)
        let library = try Masker(ruleSet: RuleSet.load(paths: [files.rules]).bindingTokens(keys: keys))
        try await harness.run { client in
            let first = try await Self.mask(Self.text, conversation: Self.conversation, client)
            let second = try await Self.mask(Self.text, conversation: Self.conversation, client)
            #expect(first.contains("[PHONE:test:") && first.contains("[CARD:enc:test:"), "\(first)")
            #expect(!first.contains("EMP-123456") && !first.contains(PlantedPII.card))
            #expect(first == second, "two requests, one conversation: one token")
            #expect(try await Self.event(Self.text, conversation: Self.conversation, client) == first,
                    "/v1/events gives the same token for the conversation")
            #expect(try library.mask(Self.text, conversation: Self.conversation) == first, "and so does the library")

            let other = try await Self.mask(Self.text, conversation: "C-other", client)
            #expect(other.contains("[PHONE:test:") && other != first, "another conversation, another token")
            #expect(try await Self.event(Self.text, conversation: "C-other", client) == other)

            // Without a conversation id: stars over those values (fail closed), never a token.
            let starred = try await Self.mask(Self.text, conversation: nil, client)
            #expect(starred.hasPrefix("id ***") && !starred.contains("[PHONE") && !starred.contains("[CARD"), "\(starred)")
            #expect(!starred.contains("EMP-123456") && !PlantedPII.leaks(starred))
        }
        #expect(!harness.log.all.joined().contains(Self.conversation))
        #expect(!harness.log.all.joined().contains("EMP-123456") && !PlantedPII.leaks(harness.log.all.joined()))
    }

    /// Globally scoped masks ignore the conversation: one token everywhere.
    @Test func globalTokensAreTheSameInEveryConversation() async throws {
        let files = try Files(scope: "global")
        try await Self.harness(files).run { client in
            let none = try await Self.mask(Self.text, conversation: nil, client)
            #expect(none.contains("[PHONE:test:"))
            #expect(try await Self.mask(Self.text, conversation: "C-1", client) == none)
            #expect(try await Self.mask(Self.text, conversation: "C-2", client) == none)
        }
    }

    /// A finding's `masked` is the token the text holds; `/v1/scan` reports the same ones.
    @Test func findingsOfMaskAndScanCarryTheConversationsTokens() async throws {
        let files = try Files()
        try await Self.harness(files).run { client in
            let body: [String: Any] = ["text": Self.text, "conversation_id": Self.conversation]
            let (_, masked, _) = try await Self.post("/v1/mask", body, client)
            let text = try #require(masked["text"] as? String)
            let findings = try #require(masked["findings"] as? [[String: Any]])
            let forms = findings.compactMap { $0["masked"] as? String }
            #expect(forms.count == 3 && forms.allSatisfy { text.contains($0) }, "\(forms)")
            #expect(forms.filter { $0.hasPrefix("[PHONE:test:") || $0.hasPrefix("[CARD:enc:test:") }.count == 2,
                    "the id and the card as tokens, the e-mail address as its stars: \(forms)")
            let (status, scanned, raw) = try await Self.post("/v1/scan", body, client)
            #expect(status == .ok)
            #expect((scanned["findings"] as? [[String: Any]])?.compactMap { $0["masked"] as? String } == forms)
            #expect(!raw.contains("EMP-123456") && !PlantedPII.leaks(raw))
            let (_, unscoped, _) = try await Self.post("/v1/scan", ["text": Self.text], client)
            let starred = (unscoped["findings"] as? [[String: Any]])?.compactMap { $0["masked"] as? String } ?? []
            #expect(starred.count == 3 && !starred.contains { $0.contains("[") }, "without a conversation: stars \(starred)")
        }
    }

    /// Each item is keyed with its own `conversation_id`, else the batch's, else none (stars).
    @Test func batchItemsAreKeyedWithTheirConversations() async throws {
        let files = try Files()
        try await Self.harness(files).run { client in
            let inA = try await Self.mask(Self.text, conversation: "C-a", client)
            let inB = try await Self.mask(Self.text, conversation: "C-b", client)
            let starred = try await Self.mask(Self.text, conversation: nil, client)
            #expect(Set([inA, inB, starred]).count == 3)
            let items: [[String: Any]] = [
                ["text": Self.text, "conversation_id": "C-a"],
                ["text": Self.text, "conversation_id": "C-b"],
                ["text": Self.text],
            ]
            func texts(_ body: [String: Any]) async throws -> [String] {
                let (status, object, raw) = try await Self.post("/v1/mask/batch", body, client)
                #expect(status == .ok, "\(raw)")
                return (object["items"] as? [[String: Any]])?.compactMap { $0["text"] as? String } ?? []
            }
            #expect(try await texts(["items": items]) == [inA, inB, starred])
            #expect(try await texts(["items": items, "conversation_id": "C-b"]) == [inA, inB, inB],
                    "the batch's conversation for the item that names none")
        }
    }

    /// Empty or over-long ids are refused (400) wherever they stand; the error quotes neither
    /// the id nor the text. A misspelt key stays an unknown key.
    @Test func aBadConversationIDIsRefusedWithoutQuotingIt() async throws {
        let files = try Files()
        let long = String(repeating: "Q", count: 200) + "-" + String(repeating: "Z", count: 56)
        #expect(long.utf8.count == 257)
        let exactlyLongest = String(long.dropLast())
        try await Self.harness(files).run { client in
            let refused: [(String, [String: Any], String)] = [
                ("/v1/mask", ["text": PlantedPII.message, "conversation_id": ""], "`conversation_id`"),
                ("/v1/mask", ["text": PlantedPII.message, "conversation_id": long], "`conversation_id`"),
                ("/v1/scan", ["text": PlantedPII.message, "conversation_id": ""], "`conversation_id`"),
                ("/v1/mask/batch", ["items": [["text": PlantedPII.message], ["text": PlantedPII.message, "conversation_id": long]]],
                 "`items[1].conversation_id`"),
                ("/v1/mask/batch", ["items": [["text": PlantedPII.message]], "conversation_id": ""], "`conversation_id`"),
            ]
            for (uri, body, place) in refused {
                let response = try await client.execute(uri: uri, method: .post, headers: Self.headers, body: JSON.body(body))
                try LimitsAndAuthTests.expectError(response, .badRequest, code: "invalid_conversation_id")
                #expect(response.body.text.contains(place), "\(uri): \(response.body.text)")
                #expect(response.body.text.contains("1 to 256 bytes"))
                #expect(!response.body.text.contains("QQQQ") && !response.body.text.contains("ZZZZ"))
                #expect(!response.body.text.contains("melissa") && !response.body.text.contains("\"\""))
            }
            let (status, _, _) = try await Self.post("/v1/mask", ["text": "x", "conversation_id": exactlyLongest], client)
            #expect(status == .ok, "256 bytes is the longest accepted")
            let misspelt = try await client.execute(uri: "/v1/mask", method: .post, headers: Self.headers,
                                                    body: JSON.body(["text": "x", "conversationId": Self.conversation]))
            try LimitsAndAuthTests.expectError(misspelt, .badRequest, code: "invalid_body")
            #expect(!misspelt.body.text.contains(Self.conversation))
        }
    }

    /// An `encrypt` token of `/v1/mask` (scoped per conversation) opens with `/v1/reveal`
    /// behind the bearer token; every request is counted by outcome.
    @Test func revealOpensAMaskTokenAndCountsOutcomes() async throws {
        let files = try Files()
        let harness = try Self.harness(files)
        try await harness.run { client in
            let masked = try await Self.mask(Self.text, conversation: Self.conversation, client)
            let (status, revealed, _) = try await Self.post("/v1/reveal", ["text": masked], client)
            #expect(status == .ok)
            let text = try #require(revealed["text"] as? String)
            #expect(text.contains("kaart \(PlantedPII.card) "), "\(text)")
            #expect(text.contains("[PHONE:test:"), "a `token` stays as it is")

            let start = try #require(masked.range(of: "[CARD:enc:test:"))
            var altered = masked
            let flip = altered.index(start.upperBound, offsetBy: 3)
            altered.replaceSubrange(flip...flip, with: altered[flip] == "A" ? "B" : "A")
            #expect(try await Self.post("/v1/reveal", ["text": altered], client).0 == .unprocessableContent)
            #expect(try await Self.post("/v1/reveal", ["txt": masked], client).0 == .badRequest)
            let unauthorized = try await client.execute(uri: "/v1/reveal", method: .post, headers: JSON.headers,
                                                        body: JSON.body(["text": masked]))
            #expect(unauthorized.status == .unauthorized)

            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: Self.headers).body.text
            #expect(metrics.contains(#"piimask_reveal_total{outcome="revealed"} 1"#), "\(metrics)")
            #expect(metrics.contains(#"piimask_reveal_total{outcome="failed"} 1"#))
            #expect(metrics.contains(#"piimask_reveal_total{outcome="bad_request"} 1"#))
            #expect(!metrics.contains(#"piimask_reveal_total{outcome="disabled"} 1"#))
            #expect(!metrics.contains(Self.conversation) && !metrics.contains("EMP-") && !PlantedPII.leaks(metrics))
        }
        #expect(!PlantedPII.leaks(harness.log.all.joined()) && !harness.log.all.joined().contains(Self.conversation))
    }

    /// Reveal off, and on for a server without token keys: the other two outcomes.
    @Test func revealCountsDisabledAndNoKeys() async throws {
        let files = try Files()
        try await Self.harness(files, reveal: false).run { client in
            #expect(try await Self.post("/v1/reveal", ["text": "x"], client).0 == .forbidden)
            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: Self.headers).body.text
            #expect(metrics.contains(#"piimask_reveal_total{outcome="disabled"} 1"#), "\(metrics)")
            #expect(!metrics.contains(#"piimask_reveal_total{outcome="revealed"} 1"#))
        }
        let keyless = try ServerHarness {
            $0.token = Self.bearer
            $0.revealEnabled = true
        }
        try await keyless.run { client in
            let (status, object, _) = try await Self.post("/v1/reveal", ["text": "x"], client)
            #expect(status == .forbidden && ServeTokenProcessTests.code(object) == "no_token_keys")
            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: Self.headers).body.text
            #expect(metrics.contains(#"piimask_reveal_total{outcome="no_keys"} 1"#), "\(metrics)")
        }
    }
}
