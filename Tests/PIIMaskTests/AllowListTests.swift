import Testing
@testable import PIIMask

/// `allow:` entries: own values written unchanged, everything else masked as before, and
/// entries that could let PCI or national ids through refused at load.
@Suite struct AllowListTests {
    private func load(_ yaml: String) throws -> Masker {
        try Masker(ruleSet: RuleSet.merge(BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) } + [("own.yaml", yaml)]))
    }

    private func loadError(_ yaml: String) -> RuleError? {
        do {
            _ = try load(yaml)
            return nil
        } catch {
            return error as? RuleError
        }
    }

    private static let own = """
        version: 1
        allow:
          - {type: phone, values: ["+31 20 555 0100"]}
          - {type: email, domains: [acme-bank.nl], values: [support@partner.example]}
          - {type: iban, values: [NL91ABNA0417164300]}
        """

    @Test func ownPhoneInEveryFormIsKeptAnotherIsMasked() throws {
        let masker = try load(Self.own)
        for form in ["+31 20 555 0100", "+31205550100", "0031 20 555 0100", "+31 (0)20 555 0100",
                     "020 555 0100", "020-5550100", "(020) 555 01 00"] {
            let text = "bel ons op \(form) of mail"
            #expect(masker.mask(text) == text, "\(form)")
        }
        // Another number, and the own one with a digit more, less or changed, stay masked.
        for other in ["+31 20 555 0101", "020 555 0199", "+31 20 555 01001", "+44 20 555 0100", "06 12345678"] {
            let masked = masker.mask("bel \(other) nu")
            #expect(masked != "bel \(other) nu", "\(other)")
            #expect(masked.contains("*"), "\(other)")
        }
        // The built-in rules alone mask the own number too: the allow entry is what keeps it.
        #expect(try Masker().mask("bel 020 555 0100") != "bel 020 555 0100")
    }

    @Test func ownDomainIsKeptAnotherIsMasked() throws {
        let masker = try load(Self.own)
        #expect(masker.mask("mail support@acme-bank.nl") == "mail support@acme-bank.nl")
        #expect(masker.mask("mail Jan.Jansen@ACME-BANK.NL") == "mail Jan.Jansen@ACME-BANK.NL")
        #expect(masker.mask("mail support@partner.example") == "mail support@partner.example")
        #expect(masker.mask("mail sales@partner.example") == "mail s****@partner.example")
        #expect(masker.mask("mail jan@gmail.com") == "mail j**@gmail.com")
        // A subdomain, or a domain that merely ends in the own one, is another domain.
        #expect(masker.mask("mail jan@mail.acme-bank.nl") == "mail j**@mail.acme-bank.nl")
        #expect(masker.mask("mail jan@notacme-bank.nl") == "mail j**@notacme-bank.nl")
    }

    @Test func ownIBANInAnyGroupingAndCaseIsKept() throws {
        let masker = try load(Self.own)
        for form in ["NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "nl91abna0417164300"] {
            #expect(masker.mask("iban \(form).") == "iban \(form).", "\(form)")
        }
        #expect(masker.mask("iban NL02ABNA0123456789") != "iban NL02ABNA0123456789")
    }

    @Test func allowedFindingsAreCountedNotReported() throws {
        let masker = try load(Self.own)
        let text = "call +31 20 555 0100 or jan@gmail.com, pay NL91ABNA0417164300"
        let findings = masker.findings(in: text)
        #expect(findings.map(\.type) == ["email"])
        let result = masker.maskWithFindings(text)
        #expect(result.findings.map(\.type) == ["email"])
        let run = try StreamRunner.filter(masker, Array((text + "\n" + text + "\n").utf8), chunk: 7)
        #expect(run.stats.counters.allowedByType == ["phone": 2, "iban": 2])
        #expect(run.stats.counters.findingsByType == ["email": 2])
        #expect(String(decoding: run.output, as: UTF8.self).contains("+31 20 555 0100"))
    }

    @Test func fieldCategoryAllowAppliesThereOnly() throws {
        let masker = try load("""
            version: 1
            fields:
              - id: media.composer
                allow: [{type: phone, values: ["+31 20 555 0100"]}]
            """)
        #expect(masker.mask("020 555 0100", field: "media.composer") == "020 555 0100")
        #expect(masker.mask("020 555 0100") != "020 555 0100")
        #expect(masker.ruleSet.fields.first { $0.id == "media.composer" }?.allow.first?.type == "phone")
    }

    @Test(arguments: ["card", "ssn", "bsn"])
    func pciAndNationalIDsCannotBeAllowed(type: String) {
        let value = ["card": "4111 1111 1111 1111", "ssn": "123-45-6789", "bsn": "111222333"][type]!
        let found = loadError("""
            version: 1
            allow:
              - {type: \(type), values: ["\(value)"]}
            """)
        #expect(found?.file == "own.yaml")
        #expect(found?.line == 3)
        #expect(found?.problem.contains("can never be allowed") == true)
        #expect(found?.description.contains(value) == false)
    }

    @Test(arguments: [
        ("phone", "020 555 0100"),        // national: its country is not known
        ("phone", "+31 7 123"),           // too short for the Dutch plan
        ("phone", "+999 12345678"),       // no such country calling code
        ("iban", "NL91ABNA0417164301"),   // mod-97 fails
        ("email", "support.acme-bank.nl"),
        ("email", "support@localhost"),
    ])
    func invalidValuesAreRefused(type: String, value: String) {
        let found = loadError("""
            version: 1
            allow:
              - {type: \(type), values: ["\(value)"]}
            """)
        #expect(found?.problem.contains("values[0] is not") == true, "\(type) \(value)")
        #expect(found?.description.contains(value) == false)
    }

    @Test func malformedEntriesAreRefused() {
        #expect(loadError("version: 1\nallow: {type: phone}\n")?.problem.contains("must be a list") == true)
        #expect(loadError("version: 1\nallow: [{type: phone}]\n")?.problem.contains("needs `values`") == true)
        #expect(loadError("version: 1\nallow: [{type: phone, value: [x]}]\n")?.problem.contains("unknown key") == true)
        #expect(loadError("version: 1\nallow: [{type: phone, domains: [acme.nl]}]\n")?.problem.contains("email only") == true)
        #expect(loadError("version: 1\nallow: [{type: email, domains: [acme]}]\n")?.problem.contains("domains[0]") == true)
        #expect(loadError("version: 1\nallow: [{type: shoe, values: [x]}]\n")?.problem.contains("cannot be allowed") == true)
    }
}
