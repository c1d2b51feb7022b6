import Testing
@testable import PIIMask

@Suite struct MaskTests {
    private func render(_ mask: Mask, _ text: String) -> String {
        var output: [UInt8] = []
        Array(text.utf8).withUnsafeBytes { mask.render($0, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    private var phone: Mask {
        var mask = Mask()
        mask.keepLast = 4
        mask.keepClass = .digit
        mask.keepWhitespace = false
        return mask
    }

    @Test func keepLastDigitsDropsWhitespace() {
        #expect(render(phone, "+ 1 (123) 456 7890") == "**********7890")
        #expect(render(phone, "06-1234-56-78") == "********5678")
    }

    /// Issue 19 item 5: a separator between kept characters goes as white space does, so
    /// kept digits and stars never interleave.
    @Test func separatorsInTheKeptTailNeverStandBetweenKeptDigits() {
        #expect(render(phone, "1112.22.333") == "******2333")
        #expect(render(phone, "123-45-6789") == "*******6789")
        #expect(render(phone, "12/34/56/78") == "******5678")
        #expect(render(phone, "1 2 3 4 5 6") == "**3456")
        var kept = phone
        kept.keepWhitespace = true
        #expect(render(kept, "1112.22.333") == "******2.333")
        #expect(render(kept, "0612 34 56 78") == "**** ** 56 78")
        var iban = phone
        iban.keepClass = .alnum
        #expect(render(iban, "NL91.ABNA.0417.1643.00") == "*****************4300")
        #expect(render(iban, "DE89-3704-0044-0532-0130-00") == "**********************3000")
    }

    @Test func keepWhitespace() {
        var mask = phone
        mask.keepWhitespace = true
        #expect(render(mask, "+31 6 1234 5678") == "*** * **** 5678")
    }

    @Test func keepLastAlnumForIBANs() {
        var mask = phone
        mask.keepClass = .alnum
        #expect(render(mask, "GB82 WEST 1234 5698 7654 3X") == "******************543X")
    }

    @Test func localPartScopeKeepsTheDomain() {
        var mask = Mask()
        mask.keepFirst = 1
        mask.scope = .localPart
        #expect(render(mask, "melissa@gmail.com") == "m******@gmail.com")
        #expect(render(mask, "ëlise.müller@bedrijf.nl") == "ë***********@bedrijf.nl")
    }

    @Test func labelReplacesTheWholeMatch() {
        var mask = Mask()
        mask.label = Array("[CARD]".utf8)
        #expect(render(mask, "4111 1111 1111 1111") == "[CARD]")
    }

    @Test func customCharacter() {
        var mask = Mask()
        mask.character = UInt8(ascii: "#")
        #expect(render(mask, "ab cd") == "## ##")
    }

    @Test func aMultiByteCharacterIsOneMaskCharacterAndStrayBytesAreOneEach() {
        var output: [UInt8] = []
        let bytes: [UInt8] = [0xC3, 0xA9, 0xFF, 0x41, 0xE2, 0x82]
        bytes.withUnsafeBytes { Mask.everything.render($0, into: &output) }
        #expect(output == Array("****".utf8))
    }
}
