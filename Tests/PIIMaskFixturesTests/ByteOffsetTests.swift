import Foundation
import Testing
@testable import PIIMaskFixtures

/// Span offsets count UTF-8 bytes, not characters or UTF-16 units.
@Suite("UTF-8 byte offsets")
struct ByteOffsetTests {
    @Test("A span after é and € starts at its byte offset")
    func builderCountsBytes() {
        var builder = MessageBuilder()
        builder.append("Café € ")
        builder.append("+31 6 12345678", as: .phone)
        builder.append(" and ")
        builder.append("1012 AB", asNegative: .postcode)
        let message = builder.build()
        // "Café € " is 7 characters but 10 bytes: é takes two, € three.
        #expect(message.pii == [PIISpan(type: .phone, start: 10, end: 24)])
        #expect(message.negatives == [NegativeSpan(kind: .postcode, start: 29, end: 36)])
        #expect(TestSupport.slice(message.text, 10, 24) == "+31 6 12345678")
        #expect(Array(message.text).count == 33)
        #expect(message.text.utf8.count == 36)
    }

    @Test("The corpus has spans after multi-byte text, and their bytes hold the value")
    func corpusSpansAfterMultiByteText() {
        let messages = TestSupport.messages(.piiDense, seed: 5, count: 3000)
        var shifted = 0
        for message in messages {
            for span in message.pii {
                let prefix = TestSupport.slice(message.text, 0, span.start) ?? ""
                if prefix.count != span.start {
                    shifted += 1
                    let value = TestSupport.slice(message.text, span.start, span.end)
                    #expect(value != nil)
                    #expect(prefix.utf8.count == span.start)
                }
            }
        }
        #expect(shifted > 10, "too few spans after non-ASCII text: \(shifted)")
    }

    @Test("Offsets read back from the JSON select the value in the text's UTF-8 bytes")
    func jsonOffsetsAreBytes() throws {
        let output = try TestSupport.emitted(.piiDense, seed: 5, limit: .lines(600)).bytes
        let objects = try TestSupport.jsonObjects(output)
        let messages = TestSupport.messages(.piiDense, seed: 5, count: 600)
        #expect(objects.count == messages.count)
        var nonASCIIBefore = 0
        for (object, message) in zip(objects, messages) {
            let text = try #require(object["text"] as? String)
            #expect(text == message.text)
            let spans = try #require(object["pii"] as? [[String: Any]])
            #expect(spans.count == message.pii.count)
            for (json, span) in zip(spans, message.pii) {
                let start = try #require(json["start"] as? Int)
                let end = try #require(json["end"] as? Int)
                #expect(json["type"] as? String == span.type.rawValue)
                #expect(start == span.start && end == span.end)
                let bytes = Array(text.utf8)[start..<end]
                let expected = TestSupport.slice(message.text, span.start, span.end)
                #expect(String(decoding: bytes, as: UTF8.self) == expected)
                if !text.utf8.prefix(start).allSatisfy({ $0 < 0x80 }) { nonASCIIBefore += 1 }
            }
        }
        #expect(nonASCIIBefore > 0)
    }
}
