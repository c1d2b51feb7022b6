import Testing
@testable import PIIMask

/// Values typed across the messages of a conversation (issue 10 §1), in the library.
@Suite struct ConversationMaskerTests {
    static let masker = try! Masker()

    /// A clock the test moves by hand.
    final class Clock: @unchecked Sendable {
        var now = 0.0
    }

    func conversations(capacity: Int = 100, ttl: Double = 60) -> (ConversationMasker, Clock) {
        let clock = Clock()
        let masker = ConversationMasker(masker: Self.masker, limits: ConversationLimits(capacity: capacity, timeToLive: ttl),
                                        clock: { clock.now })
        return (masker, clock)
    }

    /// The digits of `text`, in order.
    static func digits(_ text: String) -> String { String(text.filter(\.isNumber)) }

    @Test(arguments: [
        (["my card is 5555 5555", "5555 4444"], "5555555555554444", "card"),
        (["mijn kaart: 5555", "5555 5555", "4444"], "5555555555554444", "card"),
        (["creditcard 4111111", "111111111"], "4111111111111111", "card"),
        (["bel me op 06 1234", "5678"], "0612345678", "phone"),
        (["mijn nummer is +31 6", "1234", "5678"], "31612345678", "phone"),
        (["iban NL91 ABNA", "0417 1643 00"], "NL91ABNA0417164300", "iban"),
        (["ssn 123-45", "-6789"], "123456789", "ssn"),
        // Typed in full-width digits or with a no-break space: joined on the folded form.
        (["my card is ５５５５ ５５５５", "５５５５ ４４４４"], "5555555555554444", "card"),
        (["bel me op 06\u{00A0}1234", "5678"], "0612345678", "phone"),
    ])
    func splitValuesShowNoMoreThanTheLastFourDigits(messages: [String], value: String, type: String) {
        let (conversations, _) = conversations()
        let outputs = messages.map { conversations.mask($0, conversation: "c-1") }
        // Of the value's characters, at most its last four digits appear, and only at the end.
        let shown = Self.digits(outputs.joined(separator: " "))
        #expect(shown.count <= 4, "\(outputs)")
        #expect(String(Self.digits(value).suffix(4)).hasSuffix(shown), "\(outputs)")
        #expect(conversations.conversationCounters.splitValues >= 1, "\(outputs)")
        #expect(conversations.maskCounters.findingsByType[type] ?? 0 >= 1, "\(outputs)")
    }

    @Test func emailsBrokenAtTheAt() {
        let (conversations, _) = conversations()
        #expect(conversations.mask("mail me at jan.devries@", conversation: "a") == "mail me at j**********@")
        #expect(conversations.mask("ziggo.nl thanks", conversation: "a") == "ziggo.nl thanks")
        #expect(conversations.mask("my email is melissa", conversation: "b") == "my email is m******")
        #expect(conversations.mask("@gmail.com", conversation: "b") == "@gmail.com")
    }

    @Test func valuesNotSplitAreMaskedAsBefore() {
        let (conversations, _) = conversations()
        let lines = ["bel me op 06-12345678", "0687654321", "card 4111 1111 1111 1111", "1234 is my pin",
                     "order 123456782", "thanks!", "melissa@gmail.com", "see you at 10:30"]
        for line in lines {
            #expect(conversations.mask(line, conversation: "c") == Self.masker.mask(line), "\(line)")
        }
    }

    @Test func interleavedConversationsKeepTheirOwnTails() {
        let (conversations, _) = conversations()
        #expect(conversations.mask("my card is 4111 1111", conversation: "x") == "my card is **** ****")
        #expect(conversations.mask("bel me op 06 1234", conversation: "y") == "bel me op ** ****")
        #expect(conversations.mask("1111 1111", conversation: "x") == "****1111")
        #expect(conversations.mask("5678", conversation: "y") == "5678")
        // The same fragment in a conversation that began nothing stays as it was.
        #expect(conversations.mask("1111 1111", conversation: "z") == "1111 1111")
    }

    @Test func theLeastRecentlySeenConversationIsDroppedAtCapacity() {
        let (conversations, _) = conversations(capacity: 2)
        _ = conversations.mask("my card is 4111 1111", conversation: "a")
        _ = conversations.mask("hello", conversation: "b")
        _ = conversations.mask("hello", conversation: "c")
        #expect(conversations.conversationCounters.evicted == 1)
        #expect(conversations.conversationCounters.tracked == 2)
        // `a` was dropped: its second half is not seen as a continuation.
        #expect(conversations.mask("1111 1111", conversation: "a") == "1111 1111")
    }

    @Test func aConversationExpiresAfterItsTimeToLive() {
        let (conversations, clock) = conversations(ttl: 30)
        _ = conversations.mask("my card is 4111 1111", conversation: "a")
        clock.now = 31
        #expect(conversations.mask("1111 1111", conversation: "a") == "1111 1111")
        #expect(conversations.conversationCounters.expired == 1)
    }

    @Test func anEndedConversationIsForgotten() {
        let (conversations, _) = conversations()
        _ = conversations.mask("my card is 4111 1111", conversation: "a")
        conversations.end(conversation: "a")
        #expect(conversations.conversationCounters.ended == 1)
        #expect(conversations.conversationCounters.tracked == 0)
        #expect(conversations.mask("1111 1111", conversation: "a") == "1111 1111")
    }

    /// Many conversations through a small store: ended and evicted ones leave the hash table
    /// (entries moved back over the holes), and every tracked one still finds its own tail.
    @Test func manyConversationsEndedAndEvictedKeepTheirTails() {
        let (conversations, _) = conversations(capacity: 64)
        var live: [Int] = []
        for index in 0..<300 {
            #expect(conversations.mask("my card is 5555 5555", conversation: "c-\(index)") == "my card is **** ****")
            if index % 3 == 0 {
                conversations.end(conversation: "c-\(index)")
            } else {
                live.append(index)
            }
        }
        let tracked = Set(live.suffix(64))
        #expect(conversations.conversationCounters.tracked == 64)
        // The tracked ones first (a hit evicts nothing), then the others (new, tail empty).
        for index in (0..<300).sorted(by: { tracked.contains($0) && !tracked.contains($1) }) {
            let output = conversations.mask("5555 4444", conversation: "c-\(index)")
            #expect(output == (tracked.contains(index) ? "****4444" : "5555 4444"), "c-\(index)")
        }
        #expect(conversations.conversationCounters.ended == 100)
    }
}
