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

    @Test func taskTitleKeepsCaseNumberAndMasksPhone() {
        #expect(Self.masker.mask("Case 123-45-6789 from +447966197542", field: "task.title")
                == "Case 123-45-6789 from *********7542")
        #expect(Self.masker.mask("Case 123-45-6789 from +447966197542")
                == "Case *******6789 from *********7542")
    }

    @Test func unknownFieldGetsTheMessagePolicy() {
        #expect(Self.masker.mask("ssn 123-45-6789", field: "no.such.field") == "ssn *******6789")
    }

    @Test func customerNameIsMaskedOnlyWhenItIsAPhoneNumber() {
        #expect(Self.masker.mask("+447966197542", field: "customer.name") == "*********7542")
        #expect(Self.masker.mask(" 06-12345678 ", field: "customer.name") == " *******5678 ")
        #expect(Self.masker.mask("Room 101 desk", field: "customer.name") == "Room 101 desk")
        #expect(Self.masker.mask("Melissa, call 06-12345678", field: "customer.name")
                == "Melissa, call 06-12345678")
    }
}
