import Testing
@testable import PIIMask

/// Values disguised or pasted with look-alike characters are read on the folded view and
/// masked in the original text; everything outside the masked spans stays byte for byte.
@Suite struct ObfuscationTests {
    private let masker = try! Masker()

    @Test(arguments: [
        ("bel ０６１２３４５６７８ aub", "bel ******5678 aub"),                       // full-width digits
        ("bel ٠٦١٢٣٤٥٦٧٨ aub", "bel ******5678 aub"),                              // Arabic-Indic
        ("bel ۰۶۱۲۳۴۵۶۷۸ aub", "bel ******5678 aub"),                              // extended Arabic-Indic
        ("bel 06\u{200B}1234\u{200C}56\u{200D}78 aub", "bel ******5678 aub"),    // zero-width inside
        ("bel 06\u{2060}12345678\u{FEFF} aub", "bel ******5678\u{FEFF} aub"),    // word joiner, BOM after
        ("card 4111\u{00A0}1111\u{2009}1111\u{202F}1111 ok", "card ************1111 ok"),
        ("bel 06\u{2013}12\u{2014}34\u{2212}56\u{2010}78", "bel *********5678"),
        ("ssn 123\u{2011}45\u{2011}6789", "ssn *******6789"),
        ("iban NL91\u{3000}ABNA\u{3000}0417\u{3000}1643\u{3000}00", "iban **************4300"),
        ("mail jan＠ziggo.nl", "mail j**@ziggo.nl"),
        ("mail ｊａｎ＠ｚｉｇｇｏ．ｎｌ now", "mail j**@ziggo.nl now"),
        ("see https://x.nl/?email=jan%40ziggo.nl&a=1", "see https://x.nl/?email=j**@ziggo.nl&a=1"),
        // Bidirectional marks, embeddings and isolates between the groups are skipped.
        ("card 4111\u{200E}1111\u{200F}1111\u{2066}1111 ok", "card ************1111 ok"),
        ("card 4111\u{2067}1111\u{2068}1111\u{2069}1111\u{202C} ok", "card ************1111\u{202C} ok"),
        // The digits of other scripts, superscript and circled digits.
        ("bel \u{09E6}\u{09EC}\u{09E7}\u{09E8}\u{09E9}\u{09EA}\u{09EB}\u{09EC}\u{09ED}\u{09EE} aub", "bel ******5678 aub"),
        ("bel \u{0BE6}\u{0BEC}\u{0BE7}\u{0BE8}\u{0BE9}\u{0BEA}\u{0BEB}\u{0BEC}\u{0BED}\u{0BEE} aub", "bel ******5678 aub"),
        ("bel \u{0E50}\u{0E56}\u{0E51}\u{0E52}\u{0E53}\u{0E54}\u{0E55}\u{0E56}\u{0E57}\u{0E58} aub", "bel ******5678 aub"),
        ("bel \u{1040}\u{1046}\u{1041}\u{1042}\u{1043}\u{1044}\u{1045}\u{1046}\u{1047}\u{1048} aub", "bel ******5678 aub"),
        ("bel \u{2070}\u{2076}\u{00B9}\u{00B2}\u{00B3}\u{2074}\u{2075}\u{2076}\u{2077}\u{2078} aub", "bel ******5678 aub"),
        ("bel \u{24EA}\u{2465}\u{2460}\u{2461}\u{2462}\u{2463}\u{2464}\u{2465}\u{2466}\u{2467} aub", "bel ******5678 aub"),
        // A combining mark on each digit, keycaps: the marks on the last digit go with the mask.
        ("bel 0\u{0332}6\u{0332}1\u{0332}2\u{0332}3\u{0332}4\u{0332}5\u{0332}6\u{0332}7\u{0332}8\u{0332} aub", "bel ******5678 aub"),
        ("bel 0\u{FE0F}\u{20E3}6\u{FE0F}\u{20E3}12345678\u{FE0F}\u{20E3} aub", "bel ******5678 aub"),
        // The small at, the ideographic full stop in an address (not elsewhere), HTML's `@`.
        ("mail jansen\u{FE6B}ziggo\u{3002}nl ok", "mail j*****@ziggo.nl ok"),
        ("\u{8C22}\u{8C22}\u{3002}0612345678", "\u{8C22}\u{8C22}\u{3002}******5678"),
        ("mail jansen&#64;ziggo.nl ok", "mail j*****@ziggo.nl ok"),
        ("mail jansen&#X40;ziggo.nl&amp;x", "mail j*****@ziggo.nl&amp;x"),
        ("a&b 5&6 &#64; 50m\u{00B2}", "a&b 5&6 &#64; 50m\u{00B2}"),
        // A URL's encoded `+` before a number.
        ("https://example.com/contact?phone=%2B31612345678&x=1", "https://example.com/contact?phone=********5678&x=1"),
    ])
    func foldedValuesAreMasked(_ text: String, _ expected: String) {
        #expect(masker.mask(text) == expected)
    }

    @Test(arguments: [
        ("mail jan at ziggo dot nl", "mail j**@ziggo.nl"),
        ("mail JAN AT ZIGGO DOT NL.", "mail J**@ZIGGO.NL."),
        ("mail jan [at] ziggo [dot] nl please", "mail j**@ziggo.nl please"),
        ("mail jan(at)ziggo(dot)nl", "mail j**@ziggo.nl"),
        ("mail jan {at} example {dot} co {dot} uk", "mail j**@example.co.uk"),
        ("mail jan <at> ziggo.nl", "mail j**@ziggo.nl"),
        ("mail jan @ ziggo.nl", "mail j**@ziggo.nl"),
        ("mail jan@ ziggo.nl", "mail j**@ziggo.nl"),
        ("mail me at jan.de.vries at gmail punt com", "mail me at j***********@gmail.com"),
        ("mail james dot jones at outlook dot com", "mail j**********@outlook.com"),
        ("mail sanne[dot]garcia[at]hotmail[dot]com", "mail s***********@hotmail.com"),
        ("mail aoife (dot) jansen (at) telenet (dot) be", "mail a***********@telenet.be"),
        ("mail: j.smit [at] kpn [punt] nl", "mail: j*****@kpn.nl"),
    ])
    func spelledOutAddressesAreMasked(_ text: String, _ expected: String) {
        #expect(masker.mask(text) == expected)
    }

    @Test(arguments: [
        "I work at booking.com and look at this dot",
        "Sorry, bought it at bol dot com.",
        "Yes, stuck at work dot dot dot",
        "I'm at home dot dot dot",
        "the dot at the end dot com",
        "meet me at 5, at home",
        "we are at the station (at) noon",
        "email me @ gmail",
        "prices went up 50%40 days ago",
        "It’s “quoted” — with dashes – and… €5",
        "ＡＢＣ full-width letters alone",
    ])
    func lookAlikesStay(_ text: String) {
        #expect(masker.mask(text) == text)
    }

    /// A fold may glue a value to the text after it; the value as written is masked anyway.
    @Test(arguments: [
        ("iban NL91ABNA0417164300 @2x.png", "iban **************4300 @2x.png"),
        ("card 4111111111111111＠x.png", "card ************1111＠x.png"),
    ])
    func foldsNeverHideAValueAsWritten(_ text: String, _ expected: String) {
        #expect(masker.mask(text) == expected)
    }

    @Test func findingsPointAtTheOriginalBytes() {
        let text = "x ０６１２３４５６７８ y"
        let findings = masker.findings(in: text)
        #expect(findings.count == 1)
        let bytes = Array(text.utf8)
        let range = findings[0].range
        #expect(String(decoding: bytes[range], as: UTF8.self) == "０６１２３４５６７８")
    }

    @Test func jsonEscapesAreReadFolded() {
        let event = #"{"message":{"text":"bel 06\u00a012345678"}}"#
        #expect(masker.maskEvent(event).text == #"{"message":{"text":"bel ******5678"}}"#)
    }

    @Test(arguments: [
        ("card 4111.1111.1111.1111", "card ***************1111"),
        ("card 4111  1111  1111  1111", "card ************1111"),
        ("card 4111\t1111\t1111\t1111", "card ************1111"),
        ("card 4111/1111/1111/1111", "card ***************1111"),
        ("card 4111_1111_1111_1111", "card ***************1111"),
        ("my card is 3512 3456 7890 1236", "my card is ************1236"),
        ("kaart 1234 5678 9012 3452", "kaart ************3452"),
        ("cards 4111 1111 1111 1111 5555 5555 5555 4444", "cards ************1111 ************4444"),
        ("ssn 078.05.1121", "ssn *******1121"),
        ("ssn 078/05/1121", "ssn *******1121"),
        ("iban NL91-ABNA-0417-1643-00", "iban *****************4300"),
        ("mail jan@xn--mller-kva.de", "mail j**@xn--mller-kva.de"),
        ("mail jan@example.xn--p1ai", "mail j**@example.xn--p1ai"),
        ("mail jan@пример.рф", "mail j**@пример.рф"),
        (#"mail "jan jansen"@example.com"#, #"mail "*** *******@example.com"#),
    ])
    func moreSeparatorsAndAddressForms(_ text: String, _ expected: String) {
        #expect(masker.mask(text) == expected)
    }

    @Test func luhnValidNumbersWithoutACardWord() {
        // Major industry 3–6, 16 digits: a card whatever the issuer prefix (PCI fails closed).
        #expect(masker.mask("3512345678901236") == "************1236")
        // Other industries and lengths need an issuer range or a card word.
        #expect(masker.mask("ref 7000000000000005") == "ref 7000000000000005")
        #expect(masker.mask("1234 5678 9012 3452") == "1234 5678 9012 3452")
    }
}
