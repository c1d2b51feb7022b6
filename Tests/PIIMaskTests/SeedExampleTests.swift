import Testing
import PIIMask

/// The source document's examples (DESIGN §1–§2), byte for byte with the default rules.
@Suite struct SeedExampleTests {
    static let masker = try! Masker()

    @Test(arguments: [
        ("+ 1 (123) 456 7890", "**********7890"),
        ("+447966197542", "*********7542"),
        ("melissa@gmail.com", "m******@gmail.com"),
    ])
    func seedExample(input: String, expected: String) {
        #expect(Self.masker.mask(input) == expected)
    }

    @Test func textAroundMatchesIsUnchanged() {
        #expect(Self.masker.mask("Bel me op +447966197542, of mail melissa@gmail.com!")
                == "Bel me op *********7542, of mail m******@gmail.com!")
    }

    @Test func taskTitleMasksTheSSNAndThePhone() {
        #expect(Self.masker.mask("Case 123-45-6789 from +447966197542", field: "task.title")
                == "Case *******6789 from *********7542")
        #expect(Self.masker.mask("Case 123-45-6789 from +447966197542")
                == "Case *******6789 from *********7542")
    }

    @Test func unknownFieldGetsTheMessagePolicy() {
        #expect(Self.masker.mask("ssn 123-45-6789", field: "no.such.field") == "ssn *******6789")
    }

    @Test func customerNameMasksThePhoneNumberItIsOrHoldsAndLeavesANameAlone() {
        #expect(Self.masker.mask("+447966197542", field: "customer.name") == "*********7542")
        #expect(Self.masker.mask(" 06-12345678 ", field: "customer.name") == " *******5678 ")
        #expect(Self.masker.mask("Room 101 desk", field: "customer.name") == "Room 101 desk")
        #expect(Self.masker.mask("Jan 0612345678", field: "customer.name") == "Jan ******5678")
        #expect(Self.masker.mask("Melissa, call 06-12345678", field: "customer.name")
                == "Melissa, call *******5678")
    }

    /// PCI fails closed, and so do the other identifying numbers: every category, the
    /// phone-and-e-mail fields of the seed's table included, masks cards, IBANs, SSNs and BSNs.
    @Test(arguments: ["task.title", "notification.popover", "interaction.title", "media.sender", "media.composer",
                      "history.title", "cad.origin", "customer.name"])
    func everyCategoryMasksCardsIBANsSSNsAndBSNs(_ field: String) {
        #expect(Self.masker.mask("4111 1111 1111 1111", field: field) == "************1111")
        #expect(Self.masker.mask("NL91 ABNA 0417 1643 00", field: field) == "**************4300")
        #expect(Self.masker.mask("123-45-6789", field: field) == "*******6789")
        #expect(Self.masker.mask("bsn 111222333", field: field) == "bsn *****2333")
    }
}
