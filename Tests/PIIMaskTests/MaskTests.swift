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
        #expect(render(phone, "06-1234-56-78") == "********56*78")
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
