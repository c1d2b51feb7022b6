import Testing
import PCRE2
@testable import PIIMask

@Suite struct PrefilterTests {
    /// Plain chat text (letters, spaces, punctuation) must never wake a built-in rule:
    /// that is what lets most lines pass without running a pattern.
    @Test func builtinPoliciesStartOnlyAtDigitsAndAt() throws {
        let masker = try Masker()
        #expect(masker.rules.allSatisfy { $0.kind != .search })
        let starts = ByteSet(Array("0123456789@".utf8))
        let common = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,!?'\"-:;\n".utf8)
        for id in masker.fieldIDs {
            let policy = try #require(masker.policy(named: id))
            Array(common).withUnsafeBytes { #expect(policy.prefilter.firstCandidate(in: $0, from: 0) == nil, "\(id)") }
            for byte in starts.members {
                [byte].withUnsafeBytes { _ = policy.prefilter.firstCandidate(in: $0, from: 0) }
            }
        }
    }

    @Test(arguments: [ByteSet(Array("0123456789@(+".utf8)), ByteSet([0x41, 0xC3, 0x0A, 0x7F, 0x20, 0x30, 0x31, 0x33]), nil])
    func firstCandidateAgreesWithAByteByByteScan(_ set: ByteSet?) {
        let prefilter = Prefilter(set)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in [0, 1, 7, 8, 9, 63, 200, 1_000] {
            let bytes: [UInt8] = (0..<length).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            bytes.withUnsafeBytes { buffer in
                for start in 0...length {
                    let expected = (start..<length).first { set?.contains(bytes[$0]) ?? true }
                    #expect(prefilter.firstCandidate(in: buffer, from: start) == expected)
                }
            }
        }
    }
}
