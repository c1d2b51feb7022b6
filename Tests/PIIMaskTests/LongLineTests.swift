import Foundation
import Testing
@testable import PIIMask

/// Lines longer than the filter holds whole are masked in pieces, with bounded memory, and
/// a value straddling two pieces is still found whole.
@Suite struct LongLineTests {
    static let masker = try! Masker()

    /// A long line of filler with `values` planted at `offsets`, and what masking it whole gives.
    private func line(planting values: [String], at offsets: [Int], length: Int) -> (input: String, expected: String) {
        var text = Array(String(repeating: "ab ", count: length / 3).utf8)
        for (value, offset) in zip(values, offsets).sorted(by: { $0.1 > $1.1 }) {
            text.insert(contentsOf: Array((" " + value + " ").utf8), at: offset)
        }
        let input = String(decoding: text, as: UTF8.self)
        return (input, Self.masker.mask(input))
    }

    @Test(arguments: [0, 1, 511, 512, 513, 1_020, 1_023, 1_024, 1_025, 4_090, 4_096, 4_100, 8_190, 12_000])
    func valueStraddlingAPieceBoundaryIsMasked(offset: Int) throws {
        let planted = ["+447966197542", "melissa.de.vries@gmail.com", "NL91 ABNA 0417 1643 00", "4111 1111 1111 1111"]
        let (input, expected) = line(planting: planted, at: [offset, offset + 3_000, offset + 7_000, offset + 11_000],
                                     length: 30_000)
        for text in ["short 06-12345678\n" + input + "\nafter +447966197542\n", input] {
            let result = try StreamRunner.filter(Self.masker, Array(text.utf8), chunk: 700,
                                                 blockSize: 512, maxLineLength: 1_024)
            let want = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0 == Substring(input) ? expected : Self.masker.mask(String($0)) }
                .joined(separator: "\n")
            #expect(result.output == Array(want.utf8))
            #expect(result.stats.longLines == 1)
            #expect(result.stats.counters.findingsByType["phone"] ?? 0 >= 1)
        }
    }

    @Test func aLineWithoutAnyNewlineIsMaskedInPieces() throws {
        let (input, expected) = line(planting: ["+447966197542"], at: [50_000], length: 100_000)
        let result = try StreamRunner.filter(Self.masker, Array(input.utf8), chunk: 65_536,
                                             blockSize: 4_096, maxLineLength: 16_384)
        #expect(result.output == Array(expected.utf8))
        #expect(result.stats.lines == 1)
    }

    @Test func ndjsonLineTooLongIsMaskedAsText() throws {
        let text = #"{"message":{"text":""# + String(repeating: "x ", count: 10_000) + #" +447966197542 "}}"# + "\n{\"a\":1}\n"
        let result = try StreamRunner.filter(Self.masker, Array(text.utf8), chunk: 4_096,
                                             format: .ndjson(onInvalid: .fail), blockSize: 1_024, maxLineLength: 4_096)
        #expect(result.error == nil)
        let output = String(decoding: result.output, as: UTF8.self)
        #expect(!output.contains("7966197542"))
        #expect(output.hasSuffix(" *********7542 \"}}\n{\"a\":1}\n"))
        #expect(result.stats.longLines == 1)
        #expect(result.stats.lines == 2)
    }

    /// A match longer than the overlap keeps the window from moving: where it ends is
    /// unknown, so from its start the rest of the line is masked (fail closed) rather than
    /// held, and memory stays bounded.
    @Test func aMatchLongerThanTheOverlapIsMaskedWhole() throws {
        let ruleSet = try RuleSet.merge(BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) } + [("long.yaml", """
            version: 1
            rules:
              - {id: long.run, type: secret, pattern: "SECRET[a-z]+", mask: {label: "[S]"}}
            fields:
              - {id: secret.field, new: true, detect: [secret]}
            default_field: secret.field
            """)])
        let masker = try Masker(ruleSet: ruleSet)
        let text = "start SECRET" + String(repeating: "q", count: 20_000) + " end\n"
        let result = try StreamRunner.filter(masker, Array(text.utf8), chunk: 1_000, blockSize: 512, maxLineLength: 1_024)
        let output = String(decoding: result.output, as: UTF8.self)
        #expect(output.hasPrefix("start ****"))
        #expect(output.hasSuffix("**** ***\n"))
        #expect(!output.contains("q"))
        #expect(output.utf8.count == text.utf8.count)
    }
}
