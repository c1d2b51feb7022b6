import Foundation
import Testing
@testable import PIIMask

/// Input built to break the filter: NUL bytes, invalid and overlong UTF-8, lone surrogates,
/// deep nesting, a huge digit line, a catastrophic user rule. The contracts (docs/guarantees.md,
/// "Guarantees"): one output line per input line, no crash, valid JSON stays valid JSON, and
/// what is PII is masked (a value no rule can decide is masked whole).
@Suite struct HostileInputTests {
    static let masker = try! Masker()

    private func text(_ input: [UInt8], masker: Masker = Self.masker) throws -> StreamRunner.Result {
        try StreamRunner.filter(masker, input, chunk: 1 << 16)
    }

    private func ndjson(_ input: [UInt8], masker: Masker = Self.masker,
                        onInvalid: InvalidLinePolicy = .mask) throws -> StreamRunner.Result {
        try StreamRunner.filter(masker, input, chunk: 1 << 16, format: .ndjson(onInvalid: onInvalid))
    }

    private func isValidJSON(_ line: some Collection<UInt8>) -> Bool {
        Array(line).withUnsafeBytes { JSONLineRewriter().isValid($0) }
    }

    private func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if bytes.last == 0x0A { lines.removeLast() }
        return lines
    }

    // MARK: NUL bytes

    @Test func nulBytesInTextAreCopiedAndPIIBesideThemMasked() throws {
        let input: [UInt8] = Array("a\0b +447966197542\0c".utf8) + [0x0A, 0x00, 0x0A]
            + Array("\0melissa@gmail.com\0 4111 1111 1111 1111\0".utf8)
        let result = try text(input)
        #expect(result.output == Array("a\0b *********7542\0c".utf8) + [0x0A, 0x00, 0x0A]
            + Array("\0m******@gmail.com\0 ************1111\0".utf8))
        #expect(result.stats.lines == 3)
    }

    @Test func escapedNulInsideJSONStringsIsDecodedAndKept() throws {
        let line = #"{"message":{"text":"\u0000+447966197542\u0000 x"},"k\u0000":"\u0000"}"#
        let result = try ndjson(Array((line + "\n").utf8))
        let output = String(decoding: result.output, as: UTF8.self)
        #expect(output == #"{"message":{"text":"\u0000*********7542\u0000 x"},"k\u0000":"\u0000"}"# + "\n")
        #expect(result.stats.invalidLines == 0)
    }

    @Test func rawNulInsideAJSONStringMakesTheLineInvalidAndItIsMaskedAsText() throws {
        let input = Array(#"{"t":"+447966197542"#.utf8) + [0x00] + Array(#""}"#.utf8) + [0x0A]
        let result = try ndjson(input)
        #expect(result.output == Array(#"{"t":"*********7542"#.utf8) + [0x00] + Array(#""}"#.utf8) + [0x0A])
        #expect(result.stats.invalidLines == 1)
        #expect(result.invalidLines == [1])
    }

    // MARK: Invalid and overlong UTF-8

    static let badUTF8: [[UInt8]] = [
        [0xC0, 0xAF],                    // overlong `/`
        [0xE0, 0x80, 0xAF],              // overlong `/`, three bytes
        [0xED, 0xA0, 0x80],              // a UTF-16 surrogate encoded in UTF-8
        [0xF8, 0x88, 0x80, 0x80, 0x80],  // a five-byte form
        [0xFF, 0xFE],                    // never valid
        [0xE2, 0x82],                    // truncated sequence
        [0x80],                          // lone continuation byte
    ]

    @Test(arguments: badUTF8)
    func invalidUTF8InTextIsCopiedAroundMaskedPII(bad: [UInt8]) throws {
        let input = bad + Array(" +447966197542 ".utf8) + bad + Array(" 123-45-6789".utf8) + bad + [0x0A]
        let result = try text(input)
        #expect(result.output == bad + Array(" *********7542 ".utf8) + bad + Array(" *******6789".utf8) + bad + [0x0A])
    }

    @Test(arguments: badUTF8)
    func invalidUTF8InsideAJSONStringStaysValidAndIsMasked(bad: [UInt8]) throws {
        let line = Array(#"{"message":{"text":""#.utf8) + bad + Array(" call +447966197542 ".utf8) + bad
            + Array(#""},"other":""#.utf8) + bad + Array(#""}"#.utf8) + [0x0A]
        let result = try ndjson(line)
        #expect(result.stats.invalidLines == 0)
        #expect(isValidJSON(result.output.dropLast()))
        #expect(!FuzzInvariants.contains(result.output, Array("+447966197542".utf8)))
        #expect(FuzzInvariants.contains(result.output, Array("*********7542".utf8)))
        // The unchanged string keeps its bytes exactly.
        #expect(FuzzInvariants.contains(result.output, Array(#""other":""#.utf8) + bad + Array(#""}"#.utf8)))
    }

    // MARK: Lone surrogates in JSON escapes

    static let surrogateStrings: [String] = [
        #"\ud800"#, #"\udc00"#, #"\udbff\udbff"#, #"\udfff\ud800"#, #"\ud800\u0041"#, #"\uDABC x"#,
        #"x \ud83d"#, #"\ude00\ud83d\ude00"#,
    ]

    @Test(arguments: surrogateStrings)
    func loneSurrogatesSurviveInChangedAndUnchangedStrings(escapes: String) throws {
        let line = #"{"message":{"text":"\#(escapes) call +447966197542 \#(escapes)"},"keep":"\#(escapes)"}"#
        let result = try ndjson(Array((line + "\n").utf8))
        let output = String(decoding: result.output, as: UTF8.self)
        #expect(result.stats.invalidLines == 0)
        #expect(isValidJSON(result.output.dropLast()))
        #expect(output.contains("*********7542"))
        #expect(!output.contains("+447966197542"))
        #expect(output.hasSuffix(#","keep":"\#(escapes)"}"# + "\n"))
        // Decoded again, the changed string holds the same code units around the mask.
        let decoded = (try? JSONSerialization.jsonObject(with: Data(result.output))) as? [String: Any]
        let original = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        if let decoded, let original {
            let text = (decoded["message"] as? [String: String])?["text"]
            let before = (original["message"] as? [String: String])?["text"]
            #expect(text == before?.replacingOccurrences(of: "+447966197542", with: "*********7542"))
        }
    }

    @Test func truncatedSurrogateEscapesAreInvalidLinesMaskedAsText() throws {
        let input = Array(#"{"t":"\ud8 +447966197542"}"#.utf8) + [0x0A] + Array(#"{"t":"+447966197542 \u"#.utf8)
        let result = try ndjson(input)
        #expect(result.stats.invalidLines == 2)
        #expect(String(decoding: result.output, as: UTF8.self) == #"{"t":"\ud8 *********7542"}"# + "\n" + #"{"t":"*********7542 \u"#)
    }

    // MARK: Deep nesting

    @Test(arguments: [10_000, 100_000])
    func deepArraysAreRewrittenWithoutRecursion(depth: Int) throws {
        let line = String(repeating: "[", count: depth) + #""+447966197542""# + String(repeating: "]", count: depth)
        let result = try ndjson(Array((line + "\n" + line + "\n").utf8))
        let expected = String(repeating: "[", count: depth) + #""*********7542""# + String(repeating: "]", count: depth)
        #expect(result.output == Array((expected + "\n" + expected + "\n").utf8))
        #expect(result.stats.invalidLines == 0)
    }

    @Test func deepObjectsAreRewrittenWithoutRecursion() throws {
        let depth = 10_000
        let line = String(repeating: #"{"a":"#, count: depth) + #""4111 1111 1111 1111""# + String(repeating: "}", count: depth)
        let expected = String(repeating: #"{"a":"#, count: depth) + #""************1111""# + String(repeating: "}", count: depth)
        let result = try ndjson(Array((line + "\n").utf8))
        #expect(result.output == Array((expected + "\n").utf8))
        #expect(result.stats.invalidLines == 0)
    }

    @Test func deepMixedNestingWithStringsAtEveryLevel() throws {
        let depth = 10_000
        var line = ""
        for level in 0..<depth { line += level % 2 == 0 ? #"{"m":"123-45-6789","n":"# : #"[1,"x","# }
        line += "null"
        for level in (0..<depth).reversed() { line += level % 2 == 0 ? "}" : "]" }
        let result = try ndjson(Array((line + "\n").utf8))
        let output = String(decoding: result.output, as: UTF8.self)
        #expect(result.stats.invalidLines == 0)
        #expect(output == line.replacingOccurrences(of: "123-45-6789", with: "*******6789") + "\n")
        #expect(result.stats.counters.findingsByType["ssn"] == depth / 2)
    }

    @Test func nestingDeeperThanTheBoundIsAnInvalidLineMaskedAsText() throws {
        let depth = JSONLineRewriter.maxDepth + 1
        let line = String(repeating: "[", count: depth) + #""+447966197542""# + String(repeating: "]", count: depth)
        let result = try ndjson(Array((line + "\n").utf8))
        let expected = String(repeating: "[", count: depth) + #""*********7542""# + String(repeating: "]", count: depth)
        #expect(String(decoding: result.output, as: UTF8.self) == expected + "\n")
        #expect(result.stats.invalidLines == 1)
    }

    @Test func unbalancedDeepNestingIsAnInvalidLineMaskedAsText() throws {
        let depth = 10_000
        let line = String(repeating: "[", count: depth) + #""+447966197542""# + String(repeating: "]", count: depth - 1)
        let result = try ndjson(Array((line + "\n" + line).utf8))
        let expected = String(repeating: "[", count: depth) + #""*********7542""# + String(repeating: "]", count: depth - 1)
        #expect(String(decoding: result.output, as: UTF8.self) == expected + "\n" + expected)
        #expect(result.stats.invalidLines == 2)
        #expect(try ndjson(Array((line + "\n").utf8), onInvalid: .drop).output == [])
    }

    @Test func deepNestingInTextModeIsJustText() throws {
        let line = String(repeating: "{[", count: 10_000) + " +447966197542 " + String(repeating: "]}", count: 10_000)
        let result = try text(Array((line + "\n").utf8))
        #expect(String(decoding: result.output, as: UTF8.self)
            == line.replacingOccurrences(of: "+447966197542", with: "*********7542") + "\n")
    }

    // MARK: A megabyte of digits

    /// 1 MB of digit groups and separators on one line, in text and as a JSON string. No time
    /// limit is asserted (machines differ); the test only has to finish, and prints its time.
    @Test(arguments: [" ", "-", " - ", "  ", ".", "/", "+", "(", ")"])
    func aMegabyteOfDigitsAndSeparatorsFinishes(separator: String) throws {
        var line = ""
        var group = 0
        while line.utf8.count < 1_000_000 {
            line += String(group % 10_000) + separator
            group += 7_919
        }
        line += "; +447966197542"  // PII at the far end is still found
        let started = ContinuousClock.now
        let textResult = try text(Array((line + "\nbel 06-12345678\n").utf8))
        let textTime = ContinuousClock.now - started
        #expect(textResult.stats.lines == 2)
        #expect(lines(textResult.output).count == 2)
        #expect(String(decoding: lines(textResult.output)[1], as: UTF8.self) == "bel *******5678")
        #expect(lines(textResult.output)[0].suffix(15).elementsEqual("; *********7542".utf8))

        let started2 = ContinuousClock.now
        let event = #"{"message":{"text":"\#(line)"}}"#
        let jsonResult = try ndjson(Array((event + "\n").utf8))
        let jsonTime = ContinuousClock.now - started2
        #expect(jsonResult.stats.lines == 1)
        #expect(jsonResult.output.last == 0x0A)
        #expect(isValidJSON(jsonResult.output.dropLast()))
        #expect(jsonResult.output.suffix(19).elementsEqual(#"; *********7542"}}"#.utf8 + [0x0A]))
        print("hostile: 1 MB line of digits and \"\(separator)\": text \(textTime), ndjson \(jsonTime)")
    }

    @Test func aMegabyteOfOneDigitRunFinishes() throws {
        let line = String(repeating: "4", count: 1_000_000)
        let result = try text(Array((line + "\n").utf8))
        #expect(result.output.count == 1_000_001)
        #expect(result.stats.lines == 1)
    }

    // MARK: Rules that misbehave

    /// A masker with the built-in rules plus a user rule `(a+)+$`, detected in `message.text`.
    static func catastrophicMasker(matchLimit: UInt32 = 1_000_000) throws -> Masker {
        let ruleSet = try RuleSet.merge(BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) } + [("slow.yaml", """
            version: 1
            rules:
              - {id: user.slow, type: slow, pattern: "(a+)+$", mask: {label: "[SLOW]"}}
            fields:
              - {id: message.text, detect_add: [slow]}
            """)])
        return try Masker(ruleSet: ruleSet, matchLimit: matchLimit)
    }

    @Test func catastrophicUserRuleMasksTheValueWholeAndCountsItUndecided() throws {
        let masker = try Self.catastrophicMasker()
        let slow = "call 06-12345678 " + String(repeating: "a", count: 5_000) + "!"
        let input = Array((slow + "\nbel 06-12345678\n" + slow + "\n").utf8)
        let result = try text(input, masker: masker)
        let masked = "**** *********** " + String(repeating: "*", count: 5_001)
        #expect(String(decoding: result.output, as: UTF8.self) == masked + "\nbel *******5678\n" + masked + "\n")
        #expect(result.stats.counters.undecidedValues == 2)
        #expect(result.stats.counters.findingsByType[Finding.undecidedType] == 2)
        #expect(result.stats.counters.findingsByType["phone"] == 1)
        #expect(masker.findings(in: slow).map(\.type) == [Finding.undecidedType])
    }

    @Test func catastrophicUserRuleInAJSONStringMasksThatStringWhole() throws {
        let masker = try Self.catastrophicMasker()
        let run = String(repeating: "a", count: 5_000)
        let line = #"{"message":{"text":"hi \#(run)!"},"other":"bel 06-12345678"}"#
        let result = try ndjson(Array((line + "\n").utf8), masker: masker)
        let output = String(decoding: result.output, as: UTF8.self)
        #expect(output == #"{"message":{"text":"** \#(String(repeating: "*", count: 5_001))"},"other":"bel *******5678"}"# + "\n")
        #expect(result.stats.counters.undecidedValues == 1)
        #expect(result.stats.invalidLines == 0)
    }

    @Test func aLongRunThatMatchesIsMaskedByTheRule() throws {
        // The same rule where it can match quickly (the run ends the value): the label applies.
        let masker = try Self.catastrophicMasker()
        #expect(masker.mask("x " + String(repeating: "a", count: 10_000)) == "x [SLOW]")
    }

    static let emptyMatchingPatterns = [#"[0-9]*"#, #"a?"#, #"(?:)"#, #"\b"#, #"(?=x)"#, #"(?<=x)"#, #"x*|y"#,
                                        #"(?:x|)"#, #"^"#, #"$"#, #"x{0}"#, #"(?:ab)*"#, #"(?(DEFINE)(x))"#]

    @Test(arguments: emptyMatchingPatterns)
    func aPatternThatCanMatchTheEmptyStringIsRejectedAtLoad(pattern: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("empty.yaml")
        try """
            version: 1
            rules:
              - id: user.empty
                type: phone
                pattern: '\(pattern)'
                mask: {}
            """.write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try Masker(ruleSet: RuleSet.load(paths: [file.path]))
            Issue.record("pattern \(pattern) was accepted")
        } catch {
            #expect(error.problem == "pattern can match the empty string", "\(pattern): \(error)")
            #expect(error.ruleID == "user.empty")
            #expect(error.file == file.path)
        }
    }
}
