import Foundation
import Testing
@testable import PIIMask

/// `deny:` dictionaries: listed tokens masked wherever they stand whole, under the field
/// policy like any rule, loaded fast from a file, and no work on text that holds none.
@Suite struct DenyDictionaryTests {
    private func load(_ yaml: String, file: String = "own.yaml") throws -> Masker {
        try Masker(ruleSet: RuleSet.merge(BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) } + [(file, yaml)]))
    }

    private func loadError(_ yaml: String, file: String = "own.yaml") -> RuleError? {
        do {
            _ = try load(yaml, file: file)
            return nil
        } catch {
            return error as? RuleError
        }
    }

    private static let accounts = """
        version: 1
        deny:
          - id: deny.accounts
            type: account
            values: [AC-77812, AC-90211, cust_0042]
            mask: {label: "[ACCOUNT]"}
            examples:
              match: ["account AC-77812 please"]
              no_match: ["account AC-778123 please"]
        fields:
          - {id: message.text, detect_add: [account]}
        """

    @Test func listedTokenIsMaskedInAnyCaseButNotInsideALongerOne() throws {
        let masker = try load(Self.accounts)
        #expect(masker.mask("account AC-77812 please") == "account [ACCOUNT] please")
        #expect(masker.mask("account ac-77812 please") == "account [ACCOUNT] please")
        #expect(masker.mask("Ac-77812") == "[ACCOUNT]")
        #expect(masker.mask("account AC-778123 please") == "account AC-778123 please")
        #expect(masker.mask("account XAC-77812 please") == "account XAC-77812 please")
        #expect(masker.mask("account AC-7781 please") == "account AC-7781 please")
        #expect(masker.mask("account AC77812 please") == "account AC77812 please")
        // Whole words of a longer chain, and any punctuation around it.
        #expect(masker.mask("(AC-77812), AC-90211.") == "([ACCOUNT]), [ACCOUNT].")
        #expect(masker.mask("see acct/AC-77812 and CUST_0042") == "see acct/[ACCOUNT] and [ACCOUNT]")
        #expect(masker.mask("AC-77812AC-90211") == "AC-77812AC-90211")
    }

    @Test func theTypeFollowsTheFieldPolicy() throws {
        let masker = try load(Self.accounts)
        // customer.name does not detect `account`: the token stays there.
        #expect(masker.mask("AC-77812", field: "message.text") == "[ACCOUNT]")
        #expect(masker.mask("AC-77812", field: "customer.name") == "AC-77812")
        // Without a category that detects the type, the load is refused (it would mask nothing).
        let error = loadError("""
            version: 1
            deny:
              - {id: deny.x, type: account, values: [AC-77812], mask: {label: "[A]"}}
            """)
        #expect(error?.problem.contains("detected by no field category") == true)
    }

    @Test func denyExamplesRunInRulesTest() throws {
        let masker = try load(Self.accounts)
        #expect(masker.testRuleExamples().isEmpty)
        let failing = try load(Self.accounts.replacingOccurrences(of: "no_match: [\"account AC-778123 please\"]",
                                                                  with: "no_match: [\"account AC-90211 please\"]"))
        let failures = failing.testRuleExamples()
        #expect(failures.map(\.ruleID) == ["deny.accounts"])
        #expect(failures.map(\.kind) == [.noMatch])
    }

    @Test func badValuesAreRefusedWithoutQuotingThem() throws {
        for (values, problem) in [("[\"AC 77812\"]", "is not one token"), ("[\"AC--77812\"]", "is not one token"),
                                  ("[\"\"]", "is empty"), ("[\"-AC77812\"]", "is not one token")] {
            let error = try #require(loadError("""
                version: 1
                deny:
                  - {id: deny.x, type: account, values: \(values), mask: {label: "[A]"}}
                fields:
                  - {id: message.text, detect_add: [account]}
                """))
            #expect(error.problem.contains(problem), "\(error)")
            #expect(!error.description.contains("77812"), "\(error)")
        }
        let missing = loadError("""
            version: 1
            deny:
              - {id: deny.x, type: account, mask: {label: "[A]"}}
            """)
        #expect(missing?.problem.contains("needs `values` or `values_file`") == true)
        let clash = loadError("""
            version: 1
            deny:
              - {id: phone.international, type: phone, values: [AC-1], mask: {label: "[A]"}}
            """)
        #expect(clash?.problem.contains("defined already") == true)
    }

    @Test func valuesFileIsReadRelativeToTheRuleFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("deny-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# accounts\nAC-77812\r\n\n  ZX-1  \n".write(to: folder.appendingPathComponent("accounts.txt"), atomically: true, encoding: .utf8)
        let yaml = """
            version: 1
            deny:
              - {id: deny.accounts, type: account, values_file: accounts.txt, mask: {label: "[A]"}}
            fields:
              - {id: message.text, detect_add: [account]}
            """
        let ruleFile = folder.appendingPathComponent("own.yaml").path
        let masker = try load(yaml, file: ruleFile)
        #expect(masker.mask("ac-77812 zx-1 # accounts") == "[A] [A] # accounts")
        try "AC-77812\nnot one token\n".write(to: folder.appendingPathComponent("accounts.txt"), atomically: true, encoding: .utf8)
        let error = try #require(loadError(yaml, file: ruleFile))
        #expect(error.line == 2)
        #expect(error.file.hasSuffix("accounts.txt"))
        #expect(!error.description.contains("not one token\n") && !error.description.contains("AC-77812"))
        #expect(loadError(yaml.replacingOccurrences(of: "accounts.txt", with: "absent.txt"), file: ruleFile)?
            .problem.contains("cannot be read") == true)
    }

    @Test func noDictionaryWorkOnTextWithoutADigitAndNoHashingForOtherTokens() throws {
        let masker = try load(Self.accounts)
        let worker = masker.makeWorker()
        func work(_ text: String) -> EngineWork {
            let before = worker.work
            var text = text
            text.withUTF8 { worker.detect(UnsafeRawBufferPointer($0), policy: masker.defaultPolicy) }
            var after = worker.work
            after.denyTokens -= before.denyTokens
            after.denyLookups -= before.denyLookups
            return after
        }
        let prose = String(repeating: "hello agent, my account is blocked again - please call back. ", count: 20)
        #expect(work(prose).denyTokens == 0)
        #expect(work(prose).denyLookups == 0)
        // Tokens with digits but none that starts like a value (first byte, first word): not
        // asked about, never hashed.
        let numbers = String(repeating: "order 12345 on 2024-03-01, ref 99-12, ZZ-77812 ", count: 20)
        #expect(work(numbers).denyTokens == 0)
        #expect(work(numbers).denyLookups == 0)
        // A value's first word with a length or last byte no value has: asked about, not hashed.
        let unlike = work("AC-7781 and AC-778123")
        #expect(unlike.denyTokens == 2)
        #expect(unlike.denyLookups == 0)
        // A token that starts and ends like a value and has its length: one look-up each
        // (AC-77813 ends in a byte no value ends in).
        let near = work("AC-77802 and AC-77812 and AC-77813")
        #expect(near.denyLookups == 2)
    }

    @Test func lettersOnlyValuesAreFoundToo() throws {
        let masker = try load("""
            version: 1
            deny:
              - {id: deny.codes, type: codename, values: [Bluebird, nightjar], mask: {label: "[CODE]"}}
            fields:
              - {id: message.text, detect_add: [codename]}
            """)
        #expect(masker.mask("project BLUEBIRD and Nightjar, not bluebirds") == "project [CODE] and [CODE], not bluebirds")
    }

    @Test func fullWidthFormsAreReadFolded() throws {
        let masker = try load(Self.accounts)
        #expect(!masker.mask("ＡＣ-７７８１２").contains("７７８１２"))
    }

    @Test func aMillionValuesLoad() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("deny-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = ""
        text.reserveCapacity(10_000_000)
        for index in 0..<1_000_000 { text += "CU-\(1_000_000 + index)\n" }
        try text.write(to: folder.appendingPathComponent("customers.txt"), atomically: true, encoding: .utf8)
        let masker = try load("""
            version: 1
            deny:
              - {id: deny.customers, type: customer_id, values_file: customers.txt, mask: {label: "[CUSTOMER]"}}
            fields:
              - {id: message.text, detect_add: [customer_id]}
            """, file: folder.appendingPathComponent("own.yaml").path)
        #expect(masker.rules.first { $0.id == "deny.customers" }?.dictionary?.count == 1_000_000)
        #expect(masker.mask("klant cu-1999999 en CU-1000000, niet CU-2000000") == "klant [CUSTOMER] en [CUSTOMER], niet CU-2000000")
    }
}
