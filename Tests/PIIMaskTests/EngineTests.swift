import Testing
@testable import PIIMask

@Suite struct EngineTests {
    static let masker = try! Masker()

    @Test func overlappingMatchesMergeUnderTheHigherPriority() throws {
        // A card number also holds phone-shaped runs: the card's mask covers the whole span.
        #expect(Self.masker.mask("4111 1111 1111 1111") == "************1111")
        let findings = Self.masker.findings(in: "pay 4111 1111 1111 1111 now")
        #expect(findings == [Finding(type: "card", ruleID: "card.luhn", range: 4..<23)])
    }

    /// An `@` glues a value as a local part only when the value could be one whole and a
    /// domain follows; otherwise the value is found (found by the compose fuzz target: a
    /// grouped IBAN before a spaced `@` passed raw).
    @Test(arguments: [
        ("4111 1111 1111 1111@", "************1111@"),
        ("0612345678@", "******5678@"),
        ("bel 0612345678@.", "bel ******5678@."),
        ("NL91ABNA0417164300@", "**************4300@"),
        ("4111 1111 1111 1111@x.nl", "************1111@x.nl"),
        ("NL91\u{202F}ABNA\u{202F}0417\u{202F}1643\u{202F}00 @e.te", "**************4300 @e.te"),
        ("0612\u{00A0}345678 @e.te", "******5678 @e.te"),
        // No address takes it (an image name): the value stands.
        ("123-45-6789@2x.png", "*******6789@2x.png"),
        ("logo; 123\u{2013}45\u{2013}6789 @2x.png", "logo; *******6789 @2x.png"),
        ("NL91ABNA0417164300@2x.png", "**************4300@2x.png"),
    ])
    func aValueBeforeAnAtIsFoundUnlessItIsTheLocalPart(input: String, masked: String) {
        #expect(Self.masker.mask(input) == masked)
    }

    @Test(arguments: [
        ("0612345678@gmail.com", "0*********@gmail.com"),
        ("06-12345678@ziggo.nl", "0**********@ziggo.nl"),
        ("NL91ABNA0417164300@x.nl", "N*****************@x.nl"),
    ])
    func aValueThatIsALocalPartIsMaskedAsTheAddress(input: String, masked: String) {
        #expect(Self.masker.mask(input) == masked)
    }

    /// In a category that detects no e-mail, no address takes a local part: the phone is found.
    @Test func withoutEMailRulesALocalPartThatIsAPhoneIsMaskedAsOne() throws {
        let ruleSet = try RuleSet.merge(BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) } + [("phones.yaml", """
            version: 1
            fields:
              - {id: phones.only, new: true, detect: [phone]}
            """)])
        let masker = try Masker(ruleSet: ruleSet)
        #expect(masker.mask("0612345678@gmail.com", field: "phones.only") == "******5678@gmail.com")
        #expect(Self.masker.mask("0612345678@gmail.com") == "0*********@gmail.com")
    }

    @Test func findingsGiveUTF8ByteRanges() {
        let findings = Self.masker.findings(in: "é: 06-12345678")
        #expect(findings.map(\.range) == [4..<15])
        #expect(findings.map(\.type) == ["phone"])
    }

    @Test func invalidUTF8OutsideMatchesIsCopiedAsItIs() {
        let input: [UInt8] = [0xFF, 0x20] + Array("06-12345678".utf8) + [0x20, 0xC3, 0x28, 0x0D]
        var output: [UInt8] = []
        input.withUnsafeBytes {
            Self.masker.mask(utf8: $0, policy: Self.masker.defaultPolicy, appendingTo: &output)
        }
        #expect(output == [0xFF, 0x20] + Array("*******5678".utf8) + [0x20, 0xC3, 0x28, 0x0D])
    }

    @Test func aRuleThatHitsTheMatchLimitMasksTheWholeValue() throws {
        let ruleSet = try RuleSet.merge(BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) } + [("slow.yaml", """
            version: 1
            rules:
              - {id: slow, type: slow, pattern: "(a+)+$", mask: {label: "[SLOW]"}}
            fields:
              - {id: slow.field, new: true, detect: [slow, phone]}
            """)])
        let masker = try Masker(ruleSet: ruleSet, matchLimit: 10_000)
        let value = "call 06-12345678 " + String(repeating: "a", count: 5_000) + "!"
        let masked = masker.mask(value, field: "slow.field")
        #expect(masked == "**** *********** " + String(repeating: "*", count: 5_001))
        #expect(masker.findings(in: value, field: "slow.field").map(\.type) == [Finding.undecidedType])
    }

    @Test func contextWordsDecideBareDigitRuns() {
        #expect(Self.masker.mask("bel me op 612345678") == "bel me op *****5678")
        #expect(Self.masker.mask("order 612345678 is late") == "order 612345678 is late")
        #expect(Self.masker.mask("Ordernummer: 0612345678") == "Ordernummer: 0612345678")
        #expect(Self.masker.mask("0612345678") == "******5678")
    }

    @Test(arguments: [
        "order #48213377 shipped", "ORD-2024-55812", "on 12-05-2024 at 14:30", "2024-05-12T10:30:00Z",
        "€ 1.234,56 or $1,234.56", "postcode 1012 AB", "zip 12345-6789",
        "id 550e8400-e29b-41d4-a716-446655440000", "router at 10.1.2.3", "version v15.8.92 and 2.4.1",
        "4111111111111112", "ssn 000-12-3456", "NL91ABNA0417164301", "thanks @melissa", "see name@2x.png",
        "tracking 1Z999AA10123456784", "ticket 5512345678", "ordernummer 2024-889123",
    ])
    func lookAlikesAreLeftAlone(_ text: String) {
        #expect(Self.masker.mask(text) == text)
    }
}
