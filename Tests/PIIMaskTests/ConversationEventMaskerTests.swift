import Foundation
import Testing
@testable import PIIMask

/// Conversations in every library mode (issue 17): the split-value first-part endings, the
/// e-mail local part typed before its `@`, `ConversationEventMasker` against the filter, its
/// bound, and the empty conversation id.
@Suite struct ConversationEventMaskerTests {
    static let masker = try! Masker()
    static let chatFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/chat")

    /// The ways a customer ends the first part of a value typed across messages.
    static let endings = [".", ",", "-", "?", "/", " :)", "\r\n", "\n"]

    /// One NDJSON chat event of `conversation` (nil: no id) with `text`.
    static func event(_ text: String, conversation: String? = "c-1") -> String {
        var object: [String: Any] = ["event": "message", "message": ["text": text]]
        if let conversation { object["conversation"] = conversation }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// The chat text of a masked event.
    static func text(ofEvent line: String) -> String {
        let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        return (object["message"] as! [String: Any])["text"] as! String
    }

    /// The messages' masked texts in each library mode: `ConversationMasker`, the NDJSON
    /// filter with conversations followed, and `ConversationEventMasker`.
    static func maskedInEveryMode(_ messages: [String]) throws -> [String: [String]] {
        let conversations = ConversationMasker(masker: masker)
        let library = messages.map { conversations.mask($0, conversation: "c-1") }
        let input = messages.map { event($0) + "\n" }.joined()
        let filtered = try StreamRunner.filter(masker, Array(input.utf8), chunk: 1 << 16, format: .ndjson(onInvalid: .fail),
                                               conversations: ConversationOptions())
        let filter = String(decoding: filtered.output, as: UTF8.self).split(separator: "\n").map { text(ofEvent: String($0)) }
        let events = ConversationEventMasker(options: ConversationOptions())
        let eventTexts = messages.map { message -> String in
            var output: [UInt8] = []
            Array(event(message).utf8).withUnsafeBytes { _ = events.maskEvent(utf8: $0, masker: masker, appendingTo: &output) }
            return text(ofEvent: String(decoding: output, as: UTF8.self))
        }
        return ["library": library, "filter": filter, "events": eventTexts]
    }

    @Test(arguments: endings)
    func aFirstPartEndingInPunctuationOrALineBreakIsMaskedInEveryMode(ending: String) throws {
        for (mode, outputs) in try Self.maskedInEveryMode(["my card is 4111 1111" + ending, "1111 1111"]) {
            // The first part is masked whole, what follows it stays as typed.
            #expect(outputs[0] == "my card is **** ****" + ending, "\(mode): \(outputs)")
            // Across the conversation no more than the last 4 digits are written.
            let shown = outputs.joined().filter(\.isNumber)
            #expect(shown.count <= 4 && "1111".hasSuffix(shown), "\(mode): \(outputs)")
        }
    }

    @Test(arguments: [
        (["my email is melissa.de", "vries@gmail.com"], ["my email is m*********", "*****@gmail.com"]),
        (["mail me at jansen", "@ziggo.nl"], ["mail me at j*****", "@ziggo.nl"]),
        (["je kunt me mailen naar p.devries", "@kpn.nl"], ["je kunt me mailen naar p********", "@kpn.nl"]),
    ])
    func aLocalPartTypedBeforeItsAtIsMaskedInEveryMode(messages: [String], expected: [String]) throws {
        for (mode, outputs) in try Self.maskedInEveryMode(messages) {
            #expect(outputs == expected, "\(mode)")
        }
    }

    @Test(arguments: ["I will mail you tomorrow", "mail me tomorrow", "see you at noon"])
    func aLastWordThatIsNoAddressStays(message: String) throws {
        for (mode, outputs) in try Self.maskedInEveryMode([message]) {
            #expect(outputs == [message], "\(mode)")
        }
    }

    /// The split fixture comes out of the event masker byte for byte as out of the filter's
    /// golden file, fed one event at a time.
    @Test func theSplitFixtureComesOutAsTheFiltersGoldenFile() throws {
        let input = try String(contentsOf: Self.chatFolder.appendingPathComponent("split-conversations.ndjson"), encoding: .utf8)
        let golden = try String(contentsOf: Self.chatFolder.appendingPathComponent("split-conversations.masked.ndjson"), encoding: .utf8)
        let events = ConversationEventMasker(options: ConversationOptions())
        var output: [UInt8] = []
        for line in input.split(separator: "\n") {
            Array(line.utf8).withUnsafeBytes { _ = events.maskEvent(utf8: $0, masker: Self.masker, appendingTo: &output) }
            output.append(0x0A)
        }
        #expect(String(decoding: output, as: UTF8.self) == golden)
        #expect(events.counters.splitValues >= 5)
        #expect(events.counters.ended == 1)
    }

    /// A rule reload brings another masker: the conversations stay.
    @Test func conversationsOutliveARuleReload() throws {
        let events = ConversationEventMasker(options: ConversationOptions())
        var output: [UInt8] = []
        Array(Self.event("my card is 4111 1111").utf8).withUnsafeBytes {
            _ = events.maskEvent(utf8: $0, masker: Self.masker, appendingTo: &output)
        }
        output.removeAll()
        let reloaded = try Masker()
        Array(Self.event("1111 1111").utf8).withUnsafeBytes {
            _ = events.maskEvent(utf8: $0, masker: reloaded, appendingTo: &output)
        }
        #expect(Self.text(ofEvent: String(decoding: output, as: UTF8.self)) == "****1111")
    }

    /// At capacity the least recently seen conversation is dropped: its continuation is then
    /// a message on its own.
    @Test func theStateBoundIsReached() {
        let clock = ManualClock()
        let events = ConversationEventMasker(options: ConversationOptions(limits: ConversationLimits(capacity: 2)),
                                             clock: { clock.now })
        func mask(_ text: String, _ conversation: String) -> String {
            var output: [UInt8] = []
            Array(Self.event(text, conversation: conversation).utf8).withUnsafeBytes {
                _ = events.maskEvent(utf8: $0, masker: Self.masker, appendingTo: &output)
            }
            return Self.text(ofEvent: String(decoding: output, as: UTF8.self))
        }
        #expect(mask("my card is 4111 1111", "a") == "my card is **** ****")
        #expect(mask("my card is 4111 1111", "b") == "my card is **** ****")
        #expect(mask("my card is 4111 1111", "c") == "my card is **** ****")
        #expect(events.counters.evicted == 1)
        #expect(events.counters.tracked == 2)
        #expect(mask("1111 1111", "a") == "1111 1111")
        #expect(mask("1111 1111", "c") == "****1111")
        // Past the time to live every conversation is forgotten.
        clock.now += ConversationLimits().timeToLive + 1
        #expect(mask("1111 1111", "b") == "1111 1111")
        #expect(events.counters.expired == 2)
    }

    /// An event whose conversation id is empty is masked as one without an id: no state
    /// shared with other such events, and no token scope (conversation-scoped tokens give
    /// stars).
    @Test func anEmptyConversationIDIsNoConversation() throws {
        let messages = ["my card is 4111 1111", "1111 1111"]
        func run(_ masker: Masker, _ conversation: String?) -> [String] {
            let events = ConversationEventMasker(options: ConversationOptions())
            return messages.map { message in
                var output: [UInt8] = []
                Array(Self.event(message, conversation: conversation).utf8).withUnsafeBytes {
                    _ = events.maskEvent(utf8: $0, masker: masker, appendingTo: &output)
                }
                return Self.text(ofEvent: String(decoding: output, as: UTF8.self))
            }
        }
        #expect(run(Self.masker, "") == run(Self.masker, nil))
        #expect(run(Self.masker, "")[1] == "1111 1111")
        let keys = try TokenKeyRing(keys: [TokenKey(id: "k1", secret: [UInt8](repeating: 7, count: 32))])
        let tokens = try Masker(ruleSet: RuleSet.builtin().bindingTokens(keys: keys, kind: .token, scope: .conversation))
        let events = ConversationEventMasker(options: ConversationOptions())
        var output: [UInt8] = []
        Array(Self.event("bel 06-12345678", conversation: "").utf8).withUnsafeBytes {
            _ = events.maskEvent(utf8: $0, masker: tokens, appendingTo: &output)
        }
        let text = Self.text(ofEvent: String(decoding: output, as: UTF8.self))
        #expect(text.hasPrefix("bel ") && !text.contains("1234") && !text.contains(":"), "\(text)")
        #expect(events.counters.tracked == 0)
        // The library's own entry point alike.
        let conversations = ConversationMasker(masker: Self.masker)
        #expect(conversations.mask("my card is 4111 1111", conversation: "") == Self.masker.mask("my card is 4111 1111"))
        #expect(conversations.mask("1111 1111", conversation: "") == "1111 1111")
        #expect(conversations.conversationCounters.tracked == 0)
    }
}

/// A clock a test moves by hand.
final class ManualClock: @unchecked Sendable {
    var now = 0.0
}
