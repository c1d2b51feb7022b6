import Foundation
import Testing
@testable import PIIMask

@Suite struct StreamFilterNDJSONTests {
    static let masker = try! Masker()
    static let chatFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/chat")

    private func ndjson(_ text: String, onInvalid: InvalidLinePolicy = .mask, chunk: Int = 1 << 16,
                        threads: Int = 1) throws -> StreamRunner.Result {
        try StreamRunner.filter(Self.masker, Array(text.utf8), chunk: chunk,
                                format: .ndjson(onInvalid: onInvalid), threads: threads)
    }

    /// The whole chat of the seed, every field category, against its committed golden output.
    @Test(arguments: [1, 2, 7, 65_536])
    func chatFixtureMatchesGoldenAtEveryChunkSize(chunk: Int) throws {
        let input = try Data(contentsOf: Self.chatFolder.appendingPathComponent("conversation.ndjson"))
        let golden = try Data(contentsOf: Self.chatFolder.appendingPathComponent("conversation.masked.ndjson"))
        let result = try StreamRunner.filter(Self.masker, [UInt8](input), chunk: chunk,
                                             format: .ndjson(onInvalid: .fail))
        #expect(result.error == nil)
        #expect(result.output == [UInt8](golden))
        #expect(result.stats.lines == 20)
        #expect(result.stats.invalidLines == 0)
    }

    /// Two interleaved conversations with values typed across 2 and 3 messages (card, phone,
    /// e-mail broken at the `@`, IBAN, SSN) and an ended conversation, with and without
    /// conversation tracking, against their committed golden outputs; with tracking no more
    /// than the last 4 digits of a split value are written.
    @Test(arguments: [(true, "split-conversations.masked.ndjson"), (false, "split-conversations.no-conversations.masked.ndjson")])
    func splitConversationsMatchGolden(tracked: Bool, golden: String) throws {
        let input = try Data(contentsOf: Self.chatFolder.appendingPathComponent("split-conversations.ndjson"))
        let expected = try Data(contentsOf: Self.chatFolder.appendingPathComponent(golden))
        for chunk in [1, 7, 65_536] {
            let result = try StreamRunner.filter(Self.masker, [UInt8](input), chunk: chunk, format: .ndjson(onInvalid: .fail),
                                                 threads: 2, conversations: tracked ? ConversationOptions() : nil)
            #expect(result.output == [UInt8](expected), "chunk \(chunk)")
        }
        guard tracked else { return }
        let output = String(decoding: expected, as: UTF8.self)
        for raw in ["5555", "7966", "197", "melissa", "NL91", "ABNA", "0417", "078"] {
            #expect(!output.contains(raw), "\(raw)")
        }
    }

    @Test func onlyStringValuesChange() throws {
        let line = #"{ "06-12345678" : "bel 06-12345678",  "n": 12345678901234567890123, "f": -1.5e+300, "b": [true, false, null], "e": "\u00e9\/" }"# + "\n"
        let expected = #"{ "06-12345678" : "bel *******5678",  "n": 12345678901234567890123, "f": -1.5e+300, "b": [true, false, null], "e": "\u00e9\/" }"# + "\n"
        #expect(try ndjson(line).output == Array(expected.utf8))
    }

    @Test func escapedTextIsDecodedBeforeDetection() throws {
        let line = #"{"text":"card \u0034\u0031\u0031\u0031 1111 1111 1111 \ud83d\ude00 mail m\u0065lissa@gmail.com"}"#
        let output = String(decoding: try ndjson(line).output, as: UTF8.self)
        #expect(output == #"{"text":"card ************1111 😀 mail m******@gmail.com"}"#)
    }

    @Test func loneSurrogateSurvivesAChangedString() throws {
        let line = #"{"text":"\ud800 call +447966197542"}"#
        let output = String(decoding: try ndjson(line).output, as: UTF8.self)
        #expect(output == #"{"text":"\ud800 call *********7542"}"#)
    }

    @Test func fieldMapDecidesThePolicy() throws {
        let lines = [
            #"{"task":{"title":"Case 123-45-6789 from +447966197542"}}"#,
            #"{"customer":{"name":"Room 101 desk"}}"#,
            #"{"customer":{"name":"+447966197542"}}"#,
            #"{"unmapped":{"x":"ssn 123-45-6789"}}"#,
        ].joined(separator: "\n")
        let output = String(decoding: try ndjson(lines).output, as: UTF8.self)
        #expect(output == [
            #"{"task":{"title":"Case *******6789 from *********7542"}}"#,
            #"{"customer":{"name":"Room 101 desk"}}"#,
            #"{"customer":{"name":"*********7542"}}"#,
            #"{"unmapped":{"x":"ssn *******6789"}}"#,
        ].joined(separator: "\n"))
    }

    @Test func deepNestingDoesNotCrash() throws {
        let depth = 10_000
        let line = String(repeating: "[", count: depth) + #""+447966197542""# + String(repeating: "]", count: depth)
        let expected = String(repeating: "[", count: depth) + #""*********7542""# + String(repeating: "]", count: depth)
        #expect(try ndjson(line).output == Array(expected.utf8))
    }

    @Test func invalidLinesAreMaskedAsTextAndCounted() throws {
        let result = try ndjson("{\"a\":\"06-12345678\"}\nnot json 06-12345678\n{\"b\":1}\n")
        #expect(String(decoding: result.output, as: UTF8.self) == "{\"a\":\"*******5678\"}\nnot json *******5678\n{\"b\":1}\n")
        #expect(result.invalidLines == [2])
        #expect(result.stats.invalidLines == 1)
    }

    @Test func invalidLinesCanBeDropped() throws {
        let result = try ndjson("{\"a\":1}\n{\"a\":\nx 06-12345678\n[2]", onInvalid: .drop)
        #expect(String(decoding: result.output, as: UTF8.self) == "{\"a\":1}\n[2]")
        #expect(result.invalidLines == [2, 3])
    }

    @Test func failStopsAfterWritingWhatCameBefore() throws {
        let result = try ndjson("{\"a\":\"+447966197542\"}\n[1]\n{oops 06-12345678\n{\"b\":2}\n", onInvalid: .fail)
        #expect(String(decoding: result.output, as: UTF8.self) == "{\"a\":\"*********7542\"}\n[1]\n")
        #expect(result.error?.line == 3)
        #expect(result.error.map { !$0.description.contains("06-12345678") } == true)
    }

    @Test func severalThreadsGiveTheSameOutputAndLineNumbers() throws {
        var text = ""
        var index = 0
        while text.utf8.count < 3 * ParallelBlockMasker.parallelThreshold {
            text += index % 997 == 5 ? "broken \(index) +447966197542\n"
                : #"{"i":\#(index),"message":{"text":"bel +447966197542 of 06-12345678"}}"# + "\n"
            index += 1
        }
        let one = try ndjson(text, threads: 1)
        let two = try ndjson(text, threads: 3)
        #expect(one.output == two.output)
        #expect(one.invalidLines == two.invalidLines)
        #expect(one.invalidLines.first == 6)
        #expect(two.stats.lines == index)
        #expect(!String(decoding: two.output, as: UTF8.self).contains("7966197542"))
    }
}
