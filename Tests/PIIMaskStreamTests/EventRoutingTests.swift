import PIIMask
@testable import PIIMaskStream
import Testing

@Suite struct EventRoutingTests {
    private let masker = try! Masker()

    private func route(_ event: String, max: Int = 1 << 20) -> (EventRoute, String) {
        var output: [UInt8] = Array("left over".utf8)
        let (route, _) = Array(event.utf8).withUnsafeBytes {
            EventRouting.route($0, masker: masker, maxEventBytes: max, into: &output)
        }
        return (route, String(decoding: output, as: UTF8.self))
    }

    @Test func aJSONEventIsMaskedForTheOutputSubject() {
        let (route, text) = route(#"{"conversation":"c1","message":{"text":"bel +447966197542"}}"#)
        #expect(route == .output)
        #expect(text == #"{"conversation":"c1","message":{"text":"bel *********7542"}}"#)
    }

    @Test func anEventThatIsNotJSONIsDeadLetteredMaskedAsText() {
        let (route, text) = route(#"{"conversation":"c1","text":"mail melissa@gmail.com"#)
        #expect(route == .deadLetter(.invalidJSON))
        #expect(text.contains("m******@gmail.com"))
        #expect(!text.contains("melissa@"))
    }

    @Test func aTooLargeEventIsDeadLetteredWithoutItsBody() {
        let event = #"{"text":"+447966197542 "# + String(repeating: "x", count: 100) + #""}"#
        let (route, text) = route(event, max: 64)
        #expect(route == .deadLetter(.tooLarge))
        #expect(text.isEmpty)
    }

    @Test func anEventThatGrowsPastTheLimitWhenMaskedIsTooLarge() {
        // Invalid UTF-8 in a string becomes \ufffd (6 bytes) in the masked JSON.
        let bytes = Array(#"{"text":"+447966197542 "#.utf8) + [UInt8](repeating: 0xFF, count: 20) + Array(#""}"#.utf8)
        let limit = bytes.count + 10
        var output: [UInt8] = []
        let (route, _) = bytes.withUnsafeBytes {
            EventRouting.route($0, masker: masker, maxEventBytes: limit, into: &output)
        }
        #expect(route == .deadLetter(.tooLarge))
        #expect(output.isEmpty)
    }
}
