import Testing
@testable import PIIMaskFixtures

/// `lineBytes` (`--line-bytes`) joins consecutive messages into long lines whose labels
/// still point at their values.
@Suite("Line joining")
struct LineJoiningTests {
    /// Parses JSON lines back into messages.
    static func messages(_ bytes: [UInt8]) throws -> [LabeledMessage] {
        try TestSupport.jsonObjects(bytes).map { object in
            let text = object["text"] as? String ?? ""
            let pii = (object["pii"] as? [[String: Any]] ?? []).map {
                PIISpan(type: PIIType(rawValue: $0["type"] as! String)!, start: $0["start"] as! Int, end: $0["end"] as! Int)
            }
            let negatives = (object["negatives"] as? [[String: Any]] ?? []).map {
                NegativeSpan(kind: NegativeKind(rawValue: $0["kind"] as! String)!, start: $0["start"] as! Int, end: $0["end"] as! Int)
            }
            return LabeledMessage(text: text, pii: pii, negatives: negatives)
        }
    }

    @Test("Joined lines are the same messages, a space apart, with their labels moved", arguments: [Profile.adversarial, .chat])
    func joinedLinesKeepMessagesAndLabels(profile: Profile) throws {
        let lineBytes = 4096
        let output = try TestSupport.emitted(profile, seed: 5, limit: .lines(12), format: .jsonLines, lineBytes: lineBytes)
        let joined = try Self.messages(output.bytes)
        #expect(joined.count == 12)
        var plain = CorpusGenerator(profile: profile, seed: 5)
        for line in joined {
            #expect(line.text.utf8.count >= lineBytes)
            var expected = MessageBuilder()
            while expected.byteCount < lineBytes {
                expected.separate()
                expected.append(plain.message())
            }
            #expect(line == expected.build())
        }
    }

    @Test("A 1 MiB adversarial line keeps every label on its value")
    func megabyteLine() throws {
        let output = try TestSupport.emitted(.adversarial, seed: 6, limit: .lines(1), format: .jsonLines, lineBytes: 1 << 20)
        let line = try #require(try Self.messages(output.bytes).first)
        #expect(line.text.utf8.count >= 1 << 20 && line.text.utf8.count < (1 << 20) + 64 * 1024)
        #expect(line.pii.count > 100 && line.negatives.count > 1000)
        var plain = CorpusGenerator(profile: .adversarial, seed: 6)
        var expected = MessageBuilder()
        while expected.byteCount < 1 << 20 {
            expected.separate()
            expected.append(plain.message())
        }
        #expect(line == expected.build())
    }

    @Test("Without lineBytes, each message is its own line")
    func defaultIsOneMessagePerLine() throws {
        let lines = try Self.messages(TestSupport.emitted(.adversarial, seed: 7, limit: .lines(50)).bytes)
        #expect(lines == TestSupport.messages(.adversarial, seed: 7, count: 50))
    }
}
