import Testing
@testable import PIIMask

/// Issue 19, item 3 and the e-mail and context lines of its adversarial list: addresses with
/// spaces around their parts, typing slips, announced local parts across messages, and
/// values behind a mark (`SSN#`, `tel.`, `#`) or a phrase that holds a reference word.
@Suite struct ContactEmailTests {
    static let masker = try! Masker()

    @Test(arguments: [
        ("mail melissa @ gmail . com", "mail m******@gmail.com"),
        ("piet @ hotmail . com please", "p***@hotmail.com please"),
        ("mail jan (at) ziggo (dot) nl", "mail j**@ziggo.nl"),
        ("mail a [at] b [punt] nl", "mail *@b.nl"),
        ("anna (at) kpn (punt) nl", "a***@kpn.nl"),
        ("jan . de . vries @ ziggo . nl", "j***********@ziggo.nl"),
    ])
    func addressesWithSpacesAroundTheirParts(_ text: String, _ masked: String) {
        #expect(Self.masker.mask(text) == masked)
    }

    @Test(arguments: ["I am at home . Then we go", "meet me @ the bar . com", "stuck at work . com",
                      "the score was 3 . 5 @ half time"])
    func aSpacedDotIsNoSpelledDotAfterTheWordAt(_ text: String) {
        #expect(Self.masker.mask(text) == text)
    }

    @Test func typingSlipsInAnAddressAreMaskedAllTheSame() {
        #expect(Self.masker.mask("mail jansen.@ziggo.nl") == "mail j******@ziggo.nl")
        #expect(Self.masker.mask("mail jan..sen@ziggo.nl") == "mail j*******@ziggo.nl")
        #expect(Self.masker.mask("mail jansen@@ziggo.nl") == "mail j******@ziggo.nl")
        #expect(Self.masker.mask("a@@b and @@x.nl") == "a@@b and @@x.nl")
    }

    @Test(arguments: [
        ("melissa@gmail.com.178 thanks", "m******@gmail.com.178 thanks"),
        ("melissa＠gmail.com punt 178", "m******@gmail.com punt 178"),
        ("melissa at gmail dot com punt 178", "m******@gmail.com punt 178"),
        ("mail jan@ziggo.nl.2024", "mail j**@ziggo.nl.2024"),
    ])
    func anAddressGluedToMoreDottedTextIsMaskedUpToItsTopLevelDomain(_ text: String, _ masked: String) {
        #expect(Self.masker.mask(text) == masked)
    }

    @Test func aLocalPartLongerThan64BytesIsMaskedFromItsFirstByte() {
        let local = "jan.de.vries.van.den.berg.tot.lunteren.en.omstreken.via.het.werkadres"
        #expect(local.utf8.count > CandidateLimits.maxLocalPartBytes)
        #expect(Self.masker.mask("mail \(local)@ziggo.nl") == "mail j\(String(repeating: "*", count: local.count - 1))@ziggo.nl")
        let long = String(repeating: "a", count: 5000)
        #expect(Self.masker.mask("x \(long)@ziggo.nl y") == "x a\(String(repeating: "*", count: 4999))@ziggo.nl y")
    }

    @Test func anEMailPhraseAnnouncesTheLastWordOfAMessageAsALocalPart() {
        let conversations = ConversationMasker(masker: Self.masker)
        for (index, phrase) in ["mail me at", "stuur een mail naar", "my e-mail address is", "mijn mailadres is:"].enumerated() {
            let id = "c\(index)"
            #expect(conversations.mask("\(phrase) jan.de.vries", conversation: id) == "\(phrase) j***********")
            #expect(conversations.mask("@ziggo.nl please", conversation: id) == "@ziggo.nl please")
        }
    }

    @Test func valuesBehindAMarkOrAPhraseHoldingAReferenceWord() {
        #expect(Self.masker.mask("tax id 123456789") == "tax id *****6789")
        #expect(Self.masker.mask("SSN#123-45-6789") == "SSN#*******6789")
        #expect(Self.masker.mask("tel.0612345678") == "tel.******5678")
        #expect(Self.masker.mask("#4111111111111111") == "#************1111")
        #expect(Self.masker.mask("card #4111111111111111") == "card #************1111")
        // A reference word still denies, and a dot after anything but a context word glues.
        #expect(Self.masker.mask("my id 123456789") == "my id 123456789")
        #expect(Self.masker.mask("order number 5551234") == "order number 5551234")
        #expect(Self.masker.mask("order#0612345678") == "order#0612345678")
        #expect(Self.masker.mask("ticket #12345678") == "ticket #12345678")
        #expect(Self.masker.mask("v15.8.92") == "v15.8.92")
        #expect(Self.masker.mask("see www.example.0612345678") == "see www.example.0612345678")
    }
}
