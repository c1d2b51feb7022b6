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

    /// With folds and spelled-out addresses, the 16-byte chunks and the words find the same
    /// first candidate as a byte-by-byte reading: a byte of the set, a folded character, or
    /// the start of an at-form (not before `from`).
    @Test func foldsAndAtFormsAgreeWithAByteByByteScan() {
        let set = ByteSet(Array("0123456789@%".utf8))
        let prefilter = Prefilter(set, folds: true, spelledAddresses: true)
        let pieces = ["jan", " ", "at", " at ", "ziggo", " dot ", "nl", "[at]", "(dot)", "that", "é", "’",
                      "５", "\u{00A0}", "\u{200B}", "7", "@", "%40", "%", ".", "a", "t", "chat", " @ "]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for round in 0..<400 {
            var text = ""
            for _ in 0..<(round % 40) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let piece = pieces[Int(state >> 33) % pieces.count]
                // Candidates are rarer than words, so that chunks without one are scanned too.
                text += Int(state >> 20) % 4 == 0 ? piece : "word "
            }
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { buffer in
                for start in stride(from: 0, through: bytes.count, by: 3) {
                    var expected: Int?
                    for index in start..<bytes.count {
                        if set.contains(bytes[index]) || (bytes[index] >= 0x80 && TextFolding.fold(buffer, at: index) != nil) {
                            expected = min(expected ?? index, index)
                            break
                        }
                        if bytes[index] | 0x20 == UInt8(ascii: "a"), let at = TextFolding.atFormStart(buffer, around: index) {
                            expected = max(start, at)
                            break
                        }
                    }
                    #expect(prefilter.firstCandidate(in: buffer, from: start) == expected, "\(text) from \(start)")
                }
            }
        }
    }
}
