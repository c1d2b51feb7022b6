import Testing
@testable import PIIMask

/// Dutch BSN: the 11-proof validator and the built-in rules that use it.
@Suite struct BSNTests {
    static let masker = try! Masker()

    @Test(arguments: ["111222333", "123456782", "900000004", "012345672"])
    func elevenProofAccepts(_ number: String) {
        #expect(Array(number.utf8).withUnsafeBytes { ElfproefValidator.isValid($0) })
    }

    @Test(arguments: ["111222334", "123456789", "000000000", "12345678", "1234567820"])
    func elevenProofRejects(_ number: String) {
        #expect(!Array(number.utf8).withUnsafeBytes { ElfproefValidator.isValid($0) })
    }

    @Test func identityWordMakesABSNThatIsNoUSSSN() {
        #expect(Self.masker.findings(in: "mijn bsn is 900000004").map(\.type) == ["bsn"])
        #expect(Self.masker.mask("mijn bsn is 900000004") == "mijn bsn is *****0004")
        #expect(Self.masker.findings(in: "burgerservicenummer: 1234.56.782").map(\.type) == ["bsn"])
    }

    @Test func referenceWordsKeepOrderNumbersThatPassTheProof() {
        for text in ["ordernummer 123456782", "factuur 111222333", "ticket #123456782", "pakket 900000004"] {
            #expect(Self.masker.findings(in: text).isEmpty, "\(text)")
        }
    }

    @Test func anSSNWordKeepsTheUSType() {
        #expect(Self.masker.findings(in: "ssn 123456782").map(\.type) == ["ssn"])
    }

    @Test func aListOfBSNsIsMaskedWhole() {
        #expect(Self.masker.findings(in: "bsn 123456782 111222333").map(\.type) == ["bsn", "bsn"])
    }
}
