import Testing
import PCRE2

@Suite struct PatternTests {
    /// Accepts only candidates of even length.
    final class EvenLength: CandidateFilter {
        func accepts(_ subject: UnsafeRawBufferPointer, _ range: Range<Int>, callout: Int) -> Bool {
            range.count % 2 == 0
        }
    }

    private func matches(_ pattern: Pattern, _ text: String, accept: (any CandidateFilter)? = nil) throws -> [String] {
        let bytes = Array(text.utf8)
        let scratch = MatchScratch(maxCaptureCount: pattern.captureCount)
        var found: [String] = []
        try bytes.withUnsafeBytes { subject in
            var offset = 0
            while offset <= subject.count,
                  let range = try pattern.firstMatch(in: subject, from: offset, scratch: scratch, accept: accept) {
                found.append(String(decoding: bytes[range], as: UTF8.self))
                offset = range.isEmpty ? range.upperBound + 1 : range.upperBound
            }
        }
        return found
    }

    @Test func compilesWithJITAndFindsAllMatches() throws {
        let pattern = try Pattern("[0-9]+")
        #expect(pattern.usesJIT)
        #expect(try matches(pattern, "a 12 b 345 c") == ["12", "345"])
    }

    @Test func compileErrorCarriesMessageAndOffset() {
        #expect {
            _ = try Pattern("ab(c")
        } throws: { error in
            guard let error = error as? PCRE2Error else { return false }
            return error.patternOffset == 4 && error.message.contains("missing closing parenthesis")
        }
    }

    @Test func invalidUTF8IsNeverAnError() throws {
        let pattern = try Pattern("é+", options: .utf)
        let bytes: [UInt8] = [0xFF, 0xC3, 0xA9, 0xC3, 0xA9, 0xC3, 0x28, 0xC3, 0xA9]
        let scratch = MatchScratch(maxCaptureCount: 0)
        let range = try bytes.withUnsafeBytes { try pattern.firstMatch(in: $0, from: 0, scratch: scratch) }
        #expect(range == 1..<5)
    }

    @Test func startAndRequiredBytesComeFromPCRE2() throws {
        let digits = try Pattern("(?<![a-z])[0-9][0-9 ]+")
        #expect(digits.startBytes == ByteSet(Array("0123456789".utf8)))
        let email = try Pattern("[a-z]+@[a-z]+")
        #expect(email.requiredBytes == ByteSet([UInt8(ascii: "@")]))
        let caseless = try Pattern("(?i)x[0-9]")
        #expect(caseless.startBytes == ByteSet([UInt8(ascii: "x"), UInt8(ascii: "X")]))
        let anything = try Pattern("(?=.)")
        #expect(anything.canMatchEmpty)
    }

    @Test func calloutFilterMakesPCRE2Backtrack() throws {
        // Accept only candidates of even length: PCRE2 must try shorter ones.
        let pattern = try Pattern("[0-9]+(?C1)", options: .noAutoPossess)
        let found = try matches(pattern, "12345 678", accept: EvenLength())
        #expect(found == ["1234", "67"])
    }

    @Test func matchLimitIsAResourceLimitError() throws {
        let pattern = try Pattern("(a+)+$")
        let scratch = MatchScratch(maxCaptureCount: 1, limits: MatchLimits(matchLimit: 10_000))
        let bytes = Array(String(repeating: "a", count: 40).utf8) + [UInt8(ascii: "b")]
        #expect {
            _ = try bytes.withUnsafeBytes { try pattern.firstMatch(in: $0, from: 0, scratch: scratch) }
        } throws: { ($0 as? PCRE2Error)?.isResourceLimit == true }
    }
}
