import Foundation
import Testing
@testable import PIIMask

@Suite struct RuleLoadingTests {
    /// The package's `rules/` folder.
    static let rulesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules")

    private func load(_ yaml: String, name: String = "user.yaml") throws -> Masker {
        let ruleSet = try RuleSet.merge(BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) } + [(name, yaml)])
        return try Masker(ruleSet: ruleSet)
    }

    private func error(_ yaml: String) -> RuleError? {
        do {
            _ = try load(yaml)
            return nil
        } catch let error as RuleError {
            return error
        } catch {
            return nil
        }
    }

    @Test func builtinCopyMatchesRulesFolder() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.rulesFolder.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(BuiltinRules.files.map(\.name) == names, "run scripts/embed-rules")
        for (name, text) in BuiltinRules.files {
            let onDisk = try String(contentsOf: Self.rulesFolder.appendingPathComponent(name), encoding: .utf8)
            #expect(text == onDisk, "\(name) drifted from rules/: run scripts/embed-rules")
        }
    }

    @Test func everyFieldCategoryOfTheDesignIsDefined() throws {
        let masker = try Masker()
        #expect(Set(masker.fieldIDs) == [
            "task.title", "task.preview", "notification.desktop", "notification.popover",
            "interaction.title", "media.sender", "media.composer", "history.title", "cad.origin",
            "message.text", "customer.name",
        ])
        #expect(masker.defaultPolicy.id == "message.text")
    }

    @Test func badPatternNamesFileRuleAndPCRE2Offset() {
        let found = error("""
            version: 1
            rules:
              - id: my.rule
                type: phone
                pattern: "ab(c"
                mask: {keep_last: 4}
            """)
        #expect(found?.file == "user.yaml")
        #expect(found?.ruleID == "my.rule")
        #expect(found?.line == 3)
        #expect(found?.problem == "pattern: missing closing parenthesis at offset 4")
    }

    @Test func patternMatchingTheEmptyStringIsRejected() {
        let found = error("""
            version: 1
            rules:
              - {id: empty, type: phone, pattern: "[0-9]*", mask: {}}
            """)
        #expect(found?.problem == "pattern can match the empty string")
    }

    @Test func unknownKeysAreErrors() {
        #expect(error("version: 1\nrulez: []\n")?.problem.contains("unknown key `rulez`") == true)
        let typo = error("""
            version: 1
            rules:
              - {id: x, type: phone, pattern: "[0-9]+", mask: {keep_lst: 4}}
            """)
        #expect(typo?.problem.contains("unknown key `mask.keep_lst`") == true)
        #expect(typo?.ruleID == "x")
    }

    @Test func newerVersionIsRejected() {
        #expect(error("version: 2\n")?.problem.contains("version 2 is not supported") == true)
        #expect(error("rules: []\n")?.problem.contains("missing `version`") == true)
    }

    @Test func invalidYAMLGivesALine() {
        let found = error("version: 1\nrules:\n  - id: [unclosed\n")
        #expect(found?.problem.hasPrefix("not valid YAML") == true)
        #expect(found?.line != nil)
    }

    @Test func unknownValidatorFlagAndType() {
        #expect(error("""
            version: 1
            rules:
              - {id: x, type: phone, pattern: "[0-9]+", validator: crc, mask: {}}
            """)?.problem.contains("unknown validator `crc`") == true)
        #expect(error("""
            version: 1
            rules:
              - {id: x, type: phone, pattern: "[0-9]+", flags: [fast], mask: {}}
            """)?.problem.contains("unknown flag `fast`") == true)
        #expect(error("""
            version: 1
            fields:
              - {id: mine, detect: [phnoe]}
            """)?.problem.contains("detects type `phnoe`") == true)
    }

    @Test func userFileOverridesKeysOfABuiltinRuleAndCanDisableOne() throws {
        let masker = try load("""
            version: 1
            rules:
              - id: card.luhn
                mask: {label: "[CARD]"}
              - id: email.address
                enabled: false
            """)
        #expect(masker.mask("pay with 4111 1111 1111 1111 or mail a@b.nl") == "pay with [CARD] or mail a@b.nl")
    }

    @Test func userRuleAndFieldAreAdded() throws {
        let masker = try load("""
            version: 1
            rules:
              - id: order.number
                type: order
                pattern: "ORD-[0-9]{6}"
                mask: {label: "[ORDER]"}
                examples: {match: ["ORD-123456"], no_match: ["ORD-12"]}
            fields:
              - {id: orders.note, detect: [order, email]}
            """)
        #expect(masker.mask("ORD-123456 for a@b.nl", field: "orders.note") == "[ORDER] for *@b.nl")
        #expect(masker.testRuleExamples().isEmpty)
    }

    /// Context words after a match count like required words before it, unless a deny word
    /// stands after it or in the deny window before it, or a digit stands in between.
    @Test func contextWordsAfterAMatch() throws {
        let masker = try load("""
            version: 1
            rules:
              - id: user.member
                type: member
                candidate: digits
                pattern: "[0-9]{6}"
                validator: {name: luhn, min_digits: 6, max_digits: 6}
                context:
                  require: [member]
                  no_digits_between: true
                  after: [membership, "member number"]
                  after_window: 24
                  deny: [order]
                mask: {label: "[M]"}
            fields:
              - {id: members.note, detect: [member]}
            """)
        let field = "members.note"
        #expect(masker.mask("member 123455", field: field) == "member [M]")
        #expect(masker.mask("123455 is my member number", field: field) == "[M] is my member number")
        #expect(masker.mask("it is 123455, my membership", field: field) == "it is [M], my membership")
        #expect(masker.mask("123455 is my number", field: field) == "123455 is my number")
        #expect(masker.mask("order 123455 is my member number", field: field) == "order 123455 is my member number")
        #expect(masker.mask("123455 order, member number", field: field) == "123455 order, member number")
        #expect(masker.mask("123455 or 7 is my member number", field: field) == "123455 or 7 is my member number")
        #expect(masker.mask("123455 is, as said before in this chat, my member number", field: field)
                == "123455 is, as said before in this chat, my member number")
    }

    /// A `mask` override merges key by key: `keep_first: 0` keeps the rest of the mask
    /// (the domain stays; only the local part changes).
    @Test func maskOverrideMergesKeyByKey() throws {
        let masker = try load("""
            version: 1
            rules:
              - id: email.address
                mask: {keep_first: 0}
            """)
        #expect(masker.mask("mail melissa@gmail.com") == "mail *******@gmail.com")
    }

    /// A rule whose type no field category detects would mask nothing: rejected at load.
    @Test func ruleOfATypeNoFieldDetectsIsRejected() throws {
        let rejected = try #require(error("""
            version: 1
            rules:
              - {id: user.ticket, type: ticket, pattern: 'TCK-[0-9]{6}', mask: {label: "[T]"}}
            """))
        #expect(rejected.ruleID == "user.ticket")
        #expect(rejected.description.contains("detected by no field category"))
    }

    /// A `detect` override that drops types would silently stop masking them: refused.
    @Test func detectOverrideThatDropsTypesIsRefused() throws {
        let rejected = try #require(error("""
            version: 1
            rules:
              - {id: user.cid, type: customer_id, pattern: 'CID-[0-9]{6}', mask: {label: "[CID]"}}
            fields:
              - {id: message.text, detect: [customer_id]}
            """))
        #expect(rejected.ruleID == "message.text")
        #expect(rejected.description.contains("drops phone, email, card, ssn, iban, bsn"))
    }

    /// `detect_add` adds to a category's list and `detect_remove` drops types explicitly;
    /// the category records where its list was set.
    @Test func detectAddAndRemoveAreExplicit() throws {
        let masker = try load("""
            version: 1
            rules:
              - {id: user.cid, type: customer_id, pattern: 'CID-[0-9]{6}', mask: {label: "[CID]"}}
            fields:
              - {id: message.text, detect_add: [customer_id]}
              - {id: task.title, detect_remove: [email]}
            """)
        #expect(masker.mask("CID-123456 bel 06-12345678") == "[CID] bel *******5678")
        #expect(masker.mask("mail melissa@gmail.com", field: "task.title") == "mail melissa@gmail.com")
        let field = try #require(masker.ruleSet.fields.first { $0.id == "message.text" })
        #expect(field.detect.contains("customer_id") && field.detect.contains("card"))
        #expect(field.detectSource.file == "user.yaml")
    }
}
