import Testing
@testable import PIIMaskFixtures

/// Each profile produces roughly the mix it promises.
@Suite("Profile mix")
struct ProfileMixTests {
    static func share(_ messages: [LabeledMessage], _ predicate: (LabeledMessage) -> Bool) -> Double {
        Double(messages.filter(predicate).count) / Double(messages.count)
    }

    static func hasDigitOrAt(_ message: LabeledMessage) -> Bool {
        message.text.contains { $0 == "@" || ($0.isASCII && $0.isNumber) }
    }

    @Test("chat: ~10% with personal data, ~30% with a digit or @, lines of 40–200 bytes")
    func chat() {
        let messages = TestSupport.messages(.chat, seed: 3, count: 4000)
        let pii = Self.share(messages) { !$0.pii.isEmpty }
        let digits = Self.share(messages, Self.hasDigitOrAt)
        #expect((0.08...0.12).contains(pii), "pii share \(pii)")
        #expect((0.26...0.34).contains(digits), "digit share \(digits)")
        let lengths = messages.map(\.text.utf8.count).sorted()
        let median = lengths[lengths.count / 2]
        #expect((40...200).contains(median), "median \(median)")
        let typical = Self.share(messages) { (30...220).contains($0.text.utf8.count) }
        #expect(typical > 0.8, "typical share \(typical)")
        // Plain lines have no digit and no @ at all.
        for message in messages where message.pii.isEmpty && message.negatives.isEmpty {
            #expect(!Self.hasDigitOrAt(message), "\(message.text)")
        }
    }

    @Test("digits: most lines hold digits")
    func digits() {
        let messages = TestSupport.messages(.digits, seed: 3, count: 3000)
        let digits = Self.share(messages, Self.hasDigitOrAt)
        #expect(digits > 0.6, "digit share \(digits)")
        let pii = Self.share(messages) { !$0.pii.isEmpty }
        #expect((0.2...0.3).contains(pii), "pii share \(pii)")
    }

    @Test("pii-dense: most lines carry one or two values of every type, plus look-alikes")
    func piiDense() {
        let messages = TestSupport.messages(.piiDense, seed: 3, count: 3000)
        let pii = Self.share(messages) { !$0.pii.isEmpty }
        #expect(pii > 0.85, "pii share \(pii)")
        #expect(messages.allSatisfy { $0.pii.count <= 2 })
        #expect(Self.share(messages) { $0.pii.count == 2 } > 0.25)
        #expect(Self.share(messages) { !$0.negatives.isEmpty } > 0.5)
        let spans = messages.flatMap(\.pii)
        for type in PIIType.classic {
            let share = Double(spans.filter { $0.type == type }.count) / Double(spans.count)
            #expect(share > 0.08, "\(type.rawValue) share \(share)")
        }
    }

    @Test("Messages come in English and Dutch")
    func languages() {
        let messages = TestSupport.messages(.chat, seed: 4, count: 2000)
        let dutch = Self.share(messages) { message in
            let words = [" ik ", " de ", " het ", "mijn", "Ik ", "niet", "Hoe", "Kan", "Wat"]
            return words.contains { message.text.contains($0) }
        }
        #expect((0.3...0.65).contains(dutch), "Dutch-looking share \(dutch)")
    }
}
