import Foundation
import Testing
@testable import PIIMaskFixtures

@Suite("Output formats and limits")
struct OutputFormatTests {
    @Test("--text-only lines equal the JSON text fields", arguments: Profile.allCases)
    func textOnlyMatchesJSON(profile: Profile) throws {
        let json = try TestSupport.emitted(profile, seed: 9, limit: .lines(700)).bytes
        let text = try TestSupport.emitted(profile, seed: 9, limit: .lines(700), format: .textOnly).bytes
        let texts = try TestSupport.jsonObjects(json).map { $0["text"] as? String }
        let lines = TestSupport.lines(text)
        #expect(lines.count == 700)
        #expect(texts == lines.map { Optional($0) })
    }

    @Test("JSON keys come in the order text, pii, negatives")
    func keyOrder() throws {
        let output = try TestSupport.emitted(.piiDense, seed: 1, limit: .lines(50)).bytes
        for line in TestSupport.lines(output) {
            #expect(line.hasPrefix(#"{"text":""#))
            let pii = try #require(line.range(of: #"","pii":["#))
            let negatives = try #require(line.range(of: #"],"negatives":["#, options: .backwards))
            #expect(pii.upperBound <= negatives.lowerBound)
            #expect(line.hasSuffix("]}"))
        }
    }

    @Test("Quotes, backslashes and control characters are escaped")
    func escaping() throws {
        var builder = MessageBuilder()
        builder.append("say \"hi\" in C:\\temp\tnow \u{1}")
        builder.append("jan@example.nl", as: .email)
        var line: [UInt8] = []
        JSONLineEncoder.encode(builder.build(), into: &line)
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.filter { $0 == UInt8(ascii: "\n") }.count == 1)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object["text"] as? String == "say \"hi\" in C:\\temp\tnow \u{1}jan@example.nl")
        #expect(String(decoding: line, as: UTF8.self).contains(#"\u0001"#))
    }

    @Test("--bytes stops at the first line that reaches the size")
    func byteLimit() throws {
        let limit = 50_000
        let run = try TestSupport.emitted(.chat, seed: 2, limit: .bytes(limit))
        #expect(run.summary.bytes == run.bytes.count)
        #expect(run.bytes.count >= limit)
        let lastLine = try #require(TestSupport.lines(run.bytes).last)
        #expect(run.bytes.count - lastLine.utf8.count - 1 < limit)
        #expect(run.summary.lines == TestSupport.lines(run.bytes).count)
    }

    @Test("A byte limit and a line limit give the same lines")
    func limitsAgree() throws {
        let byBytes = try TestSupport.emitted(.digits, seed: 6, limit: .bytes(20_000))
        let byLines = try TestSupport.emitted(.digits, seed: 6, limit: .lines(byBytes.summary.lines))
        #expect(byBytes.bytes == byLines.bytes)
    }

    @Test("Sizes take K, M and G suffixes", arguments: [
        ("512", 512), ("64K", 65_536), ("64k", 65_536), ("100M", 104_857_600),
        ("1G", 1_073_741_824), ("100MB", 104_857_600), ("2MiB", 2_097_152),
    ])
    func sizes(text: String, bytes: Int) {
        #expect(ByteSize.parse(text) == bytes)
    }

    @Test("Malformed sizes are refused", arguments: ["", "M", "1.5M", "-3K", "12X", "ten", "K5"])
    func badSizes(text: String) {
        #expect(ByteSize.parse(text) == nil)
    }

    @Test("The writer hands on full blocks and the rest on flush")
    func bufferedWriter() throws {
        var blocks: [[UInt8]] = []
        let writer = BufferedWriter(capacity: 8) { blocks.append($0) }
        try writer.write(Array("abcde".utf8))
        #expect(blocks.isEmpty)
        try writer.write(Array("fghij".utf8))
        #expect(blocks == [Array("abcdefghij".utf8)])
        try writer.write(Array("k".utf8))
        try writer.flush()
        #expect(blocks.last == Array("k".utf8))
    }
}
