import Foundation
import Testing
@testable import PIIMask

/// Replays every fuzz target's seed corpus (fuzz/corpus/TARGET/: seeds and the reproducers
/// of past findings) through that target's checker (`FuzzEntryPoint`), so that every
/// `swift test` keeps the invariants the libFuzzer targets check, without the fuzzer.
@Suite struct FuzzCorpusReplayTests {
    static let masker = try! Masker()
    static let corpusFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz/corpus")
    /// Every corpus file, as "TARGET/NAME".
    static let corpusFiles: [String] = FuzzEntryPoint.allCases.flatMap { target in
        ((try? FileManager.default.contentsOfDirectory(atPath: corpusFolder.appendingPathComponent(target.rawValue).path))
            ?? []).filter { !$0.hasPrefix(".") }.sorted().map { "\(target.rawValue)/\($0)" }
    }

    @Test(arguments: FuzzEntryPoint.allCases)
    func corpusIsThere(target: FuzzEntryPoint) {
        #expect(Self.corpusFiles.filter { $0.hasPrefix(target.rawValue + "/") }.count >= 10,
                "fuzz/corpus/\(target.rawValue)/ should hold the committed seeds")
    }

    @Test(arguments: corpusFiles)
    func corpusFileKeepsTheInvariants(name: String) throws {
        let target = try #require(FuzzEntryPoint(rawValue: String(name.prefix { $0 != "/" })))
        let input = try [UInt8](Data(contentsOf: Self.corpusFolder.appendingPathComponent(name)))
        let violations = input.withUnsafeBytes { target.makeChecker(masker: Self.masker).check($0) }
        #expect(violations.isEmpty, "\(name): \(violations)")
    }

    /// Every planted value, at every offset of a seed with digits, letters and escapes around,
    /// in every event path: a deterministic sweep over what the fuzzer picks at random.
    @Test(arguments: FuzzInvariants.plantedValues.indices)
    func everyPlantAtEveryOffset(value: Int) {
        let body = Array("call 5 ABCD AB12 x@ \"q\" \\ \u{0}\t\u{1F}é\u{FF}+31 4111 NL91 123-45-\n2".utf8)
        let checker = FuzzInvariants(masker: Self.masker)
        for offset in 0...body.count {
            for flags in [0, 1, 2, 3, 4, 0x10, 0x21, 0x32] {
                let input = [UInt8(value), UInt8(offset >> 8), UInt8(offset & 0xFF), UInt8(flags)] + body
                let violations = input.withUnsafeBytes { checker.check($0) }
                #expect(violations.isEmpty, "value \(value) offset \(offset) flags \(flags): \(violations)")
            }
        }
    }

    /// Every list value after a number, after another value, or both (checks 6 and 7), at
    /// every offset of the seed above (engine v1 left them raw: issue 8).
    @Test(arguments: FuzzInvariants.listValues.indices)
    func everyListPlantAtEveryOffset(value: Int) {
        let body = Array("call 5 ABCD AB12 x@ \"q\" \\ \u{0}\t\u{1F}é\u{FF}+31 4111 NL91 123-45-\n2".utf8)
        let checker = FuzzInvariants(masker: Self.masker)
        for offset in stride(from: 0, through: body.count, by: 3) {
            for layout in 0..<4 {
                for flags in [0, 0x10, 0x21] {
                    let input = [0, UInt8(offset >> 8), UInt8(offset & 0xFF), UInt8(flags), UInt8(value),
                                 UInt8(layout), 25, UInt8(offset % 7)] + body
                    let violations = input.withUnsafeBytes { checker.check($0) }
                    #expect(violations.isEmpty, "offset \(offset): \(violations)")
                }
            }
        }
    }

    /// The checker is not vacuous: with the IBAN rule switched off, a planted IBAN is caught
    /// left raw in text and in the event, alone and in a list.
    @Test func checkerCatchesAnUnmaskedPlant() throws {
        let ruleSet = try RuleSet.merge(BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) } + [("off.yaml", """
            version: 1
            rules:
              - {id: iban.any, enabled: false}
            """)])
        let checker = FuzzInvariants(masker: try Masker(ruleSet: ruleSet))
        let iban = FuzzInvariants.plantedValues.firstIndex(of: Array("NL91ABNA0417164300".utf8))!
        let listIBAN = FuzzInvariants.listValues.firstIndex(of: Array("NL91ABNA0417164300".utf8))!
        let input = [UInt8(iban), 0, 4, 0, UInt8(listIBAN), 1, 25, 0] + Array("hello".utf8)
        let violations = input.withUnsafeBytes { checker.check($0) }
        #expect(violations.contains { $0.hasPrefix("planted text:") })
        #expect(violations.contains { $0.hasPrefix("planted event:") })
        #expect(violations.contains { $0.hasPrefix("planted list text: NL91ABNA0417164300") })
        #expect(violations.contains { $0.hasPrefix("planted list event: NL91ABNA0417164300") })
    }

    /// The raw-copy oracle for JSON output skips escape sequences, and only them.
    @Test func rawCopiesInJSONOutsideEscapes() {
        let value = Array("078 05 1121".utf8)
        #expect(!FuzzInvariants.containsOutsideEscapes(Array(#"{"a":"\u000078 05 1121"}"#.utf8), value))
        #expect(FuzzInvariants.containsOutsideEscapes(Array(#"{"a":"\u0000078 05 1121"}"#.utf8), value))
        #expect(FuzzInvariants.containsOutsideEscapes(Array(#"{"a":"\\078 05 1121"}"#.utf8), value))
        #expect(FuzzInvariants.containsOutsideEscapes(Array(#"{"a":"x078 05 1121 \u0000078"}"#.utf8), value))
        #expect(!FuzzInvariants.containsOutsideEscapes(Array(#"{"a":"\u0030\u0037\u0038 05 1121"}"#.utf8), value))
    }

    /// The events the checker builds are JSON that Foundation reads back to the same text.
    @Test func plantedEventEscapingRoundTrips() throws {
        let raw = Array("a\"b\\c\nd\u{0}e\u{1F}f é 😀".utf8)
        for escapeASCII in [false, true] {
            var event = Array(#"{"t":""#.utf8)
            FuzzInvariants.appendEscaped(raw[...], escapeASCII: escapeASCII, to: &event)
            event += Array(#""}"#.utf8)
            let object = try JSONSerialization.jsonObject(with: Data(event)) as? [String: String]
            #expect(object?["t"] == String(decoding: raw, as: UTF8.self))
        }
    }
}
