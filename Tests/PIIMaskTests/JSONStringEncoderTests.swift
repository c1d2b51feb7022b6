import Foundation
import Testing
@testable import PIIMask

@Suite struct JSONStringEncoderTests {
    /// The quoted JSON text `JSONStringEncoder` writes for `bytes`.
    private func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        bytes.withUnsafeBytes { JSONStringEncoder.appendQuoted($0, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    @Test func plainTextIsCopied() {
        #expect(encode([]) == #""""#)
        #expect(encode(Array("hello, world ~ 123".utf8)) == #""hello, world ~ 123""#)
        #expect(encode(Array("/".utf8)) == #""/""#)
    }

    @Test func quotesBackslashesAndControlBytesAreEscaped() {
        #expect(encode(Array(#"a"b\c"#.utf8)) == #""a\"b\\c""#)
        #expect(encode([0x08, 0x0C, 0x0A, 0x0D, 0x09]) == #""\b\f\n\r\t""#)
        #expect(encode([0x00, 0x01, 0x0B, 0x1B, 0x1F]) == #""\u0000\u0001\u000b\u001b\u001f""#)
        #expect(encode([0x7F, 0x20]) == "\"\u{7F} \"")
    }

    @Test func validUTF8IsKept() {
        for text in ["é", "€", "😀", "日本語", "\u{10FFFF}", "\u{D7FF}", "\u{E000}", "\u{80}", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{10000}"] {
            #expect(encode(Array(text.utf8)) == "\"\(text)\"")
        }
    }

    @Test func invalidBytesBecomeReplacementCharacters() {
        #expect(encode([0xFF]) == #""\ufffd""#)
        #expect(encode([0x61, 0x80, 0x62]) == #""a\ufffdb""#)
        #expect(encode([0xC0, 0x80]) == #""\ufffd\ufffd""#)  // overlong NUL
        #expect(encode([0xC1, 0xBF]) == #""\ufffd\ufffd""#)
        #expect(encode([0xE0, 0x80, 0x80]) == #""\ufffd\ufffd\ufffd""#)  // overlong 3-byte
        #expect(encode([0xF0, 0x80, 0x80, 0x80]) == #""\ufffd\ufffd\ufffd\ufffd""#)  // overlong 4-byte
        #expect(encode([0xF4, 0x90, 0x80, 0x80]) == #""\ufffd\ufffd\ufffd\ufffd""#)  // above U+10FFFF
        #expect(encode([0xF5, 0x80, 0x80, 0x80]) == #""\ufffd\ufffd\ufffd\ufffd""#)
        #expect(encode([0xE2, 0x82]) == #""\ufffd\ufffd""#)  // truncated at the end
        #expect(encode([0xE2, 0x82, 0x41]) == #""\ufffd\ufffdA""#)  // truncated before ASCII
        #expect(encode([0xF0, 0x9F, 0x98]) == #""\ufffd\ufffd\ufffd""#)
    }

    @Test func wtf8SurrogatesAreWrittenBackAsEscapes() {
        #expect(encode([0xED, 0xA0, 0x80]) == #""\ud800""#)
        #expect(encode([0xED, 0xBF, 0xBF]) == #""\udfff""#)
        #expect(encode([0x61, 0xED, 0xB0, 0x80, 0x62]) == #""a\udc00b""#)
        // A WTF-8 pair written as two escapes: a JSON decoder combines them again.
        #expect(encode([0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]) == #""\ud83d\ude00""#)
        // Not a whole surrogate sequence: replaced byte by byte.
        #expect(encode([0xED, 0xA0]) == #""\ufffd\ufffd""#)
        #expect(encode([0xED, 0xA0, 0x41]) == #""\ufffd\ufffdA""#)
    }

    @Test func everyByteValueGivesValidJSON() {
        var generator = JSONLineRewriterTests.Generator(state: 99)
        let rewriter = JSONLineRewriter()
        for length in [1, 2, 3, 4, 7, 16, 64] {
            for _ in 0..<300 {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                var output: [UInt8] = []
                bytes.withUnsafeBytes { JSONStringEncoder.appendQuoted($0, to: &output) }
                #expect(String(validating: output, as: UTF8.self) != nil)
                #expect(output.withUnsafeBytes { rewriter.isValid($0) })
                if !bytes.contains(0xED) {
                    #expect(jsonFoundationParses(output), "\(bytes)")
                }
            }
        }
        for byte in UInt8.min...UInt8.max {
            var output: [UInt8] = []
            [byte].withUnsafeBytes { JSONStringEncoder.appendQuoted($0, to: &output) }
            #expect(jsonFoundationParses(output), "byte \(byte)")
        }
    }

    @Test func decodingThenEncodingValidTextIsLossless() throws {
        // Whatever the decoder produces from valid JSON, the encoder writes as an equal string.
        let lines = [#""\u0000\u001f\"\\\/ é€😀 \ud83d\ude00""#, #""plain""#, #""tab\tnew\nline""#]
        for line in lines {
            let first = jsonRewrite(line) { bytes, _ in bytes }
            #expect(first.ok)
            let original = try #require(jsonFoundationValue(Array(line.utf8)) as? String)
            let rewritten = try #require(jsonFoundationValue(first.output) as? String)
            #expect(original == rewritten)
        }
    }
}
