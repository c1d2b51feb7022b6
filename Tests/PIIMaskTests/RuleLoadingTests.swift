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
              - {id: mine, new: true, detect: [phnoe]}
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
              - {id: orders.note, new: true, detect: [order, email]}
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
              - {id: members.note, new: true, detect: [member]}
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

    // MARK: What a newcomer hit (issue 18)

    /// A mistake in an override is reported against the file that set the broken key, not
    /// the built-in file the rule came from.
    @Test func anOverridesMistakeNamesTheOverridingFile() throws {
        let pattern = try #require(error("""
            version: 1
            rules:
              - id: email.address
                pattern: "("
            """))
        #expect(pattern.description == "user.yaml:3: rule email.address: pattern: missing closing parenthesis at offset 1")
        let validator = try #require(error("""
            version: 1
            # a market of our own
            rules:
              - id: phone.national
                validator: {name: phone, min_digits: 9, max_digits: 12, regions: [NL, XX]}
            """))
        #expect(validator.file == "user.yaml")
        #expect(validator.line == 4)
        #expect(validator.problem.contains("unknown region `XX`"))
        // A flag that breaks the built-in pattern: the flag's file is at fault.
        let flags = try #require(error("""
            version: 1
            rules:
              - {id: card.luhn, flags: [fast]}
            """))
        #expect(flags.file == "user.yaml")
        #expect(flags.problem.contains("unknown flag `fast`"))
    }

    /// A new rule with a broken pattern and no mask hears about the pattern first.
    @Test func aBrokenPatternIsReportedBeforeAMissingMask() throws {
        let broken = try #require(error("""
            version: 1
            rules:
              - {id: my.rule, type: phone, pattern: "("}
            """))
        #expect(broken.description == "user.yaml:3: rule my.rule: pattern: missing closing parenthesis at offset 1")
        let unmasked = try #require(error("""
            version: 1
            rules:
              - {id: my.rule, type: phone, pattern: "P[0-9]{8}"}
            """))
        #expect(unmasked.problem.hasPrefix("missing `mask`"))
    }

    /// Overriding a mask drops the masked examples written for the old one (the match
    /// examples still hold), so `rules test` judges the rule by the examples that apply to
    /// it; masked examples given with the override are judged. The rule records the override.
    @Test func aMaskOverrideDropsTheMaskedExamplesOfTheOldMask() throws {
        let masker = try load("""
            version: 1
            rules:
              - id: email.address
                mask: {label: "[EMAIL]"}
            """)
        let rule = try #require(masker.ruleSet.rules.first { $0.id == "email.address" })
        #expect(rule.examples.masked.isEmpty)
        #expect(!rule.examples.match.isEmpty && !rule.examples.noMatch.isEmpty)
        #expect(rule.source.file == "builtin:email.yaml")
        #expect(rule.overrides == [RuleSource(file: "user.yaml", line: 3)])
        #expect(masker.testRuleExamples().isEmpty)

        let judged = try load("""
            version: 1
            rules:
              - id: email.address
                mask: {label: "[EMAIL]"}
                examples:
                  masked: [["mail a@b.nl", "mail [EMAIL]"], ["mail c@d.nl", "mail c@d.nl"]]
            """)
        let failures = judged.testRuleExamples()
        #expect(failures.map(\.example) == ["mail c@d.nl"])
        let examples = try #require(judged.ruleSet.rules.first { $0.id == "email.address" }).examples
        #expect(!examples.match.isEmpty, "examples merge key by key: the built-in match examples stay")
    }

    /// An `examples` override replaces only the lists it gives, as `mask` merges key by key.
    @Test func anExamplesOverrideMergesKeyByKey() throws {
        let builtin = try #require(try Masker().ruleSet.rules.first { $0.id == "email.address" }).examples
        let masker = try load("""
            version: 1
            rules:
              - id: email.address
                examples: {no_match: ["mail me at noon"]}
            """)
        let examples = try #require(masker.ruleSet.rules.first { $0.id == "email.address" }).examples
        #expect(examples.noMatch == ["mail me at noon"])
        #expect(examples.match == builtin.match)
        #expect(examples.masked.map(\.output) == builtin.masked.map(\.output))
    }

    /// A field entry whose id exists nowhere is refused with "did you mean" — a typo must
    /// not create a category and leave the added type unmasked — unless it says `new: true`.
    @Test func aTypoInAFieldIDFailsClosed() throws {
        let rule = "  - {id: passport.nl, type: passport, pattern: 'P[0-9]{8}', mask: {label: \"[PASSPORT]\"}}"
        let typo = try #require(error("version: 1\nrules:\n\(rule)\nfields: [{id: mesage.text, detect_add: [passport]}]\n"))
        #expect(typo.description == "user.yaml:4: field mesage.text: no field category `mesage.text` is defined (did you mean `message.text`?); to define a new one, add `new: true` to the entry")
        let added = try load("version: 1\nrules:\n\(rule)\nfields: [{id: message.text, detect_add: [passport]}]\n")
        #expect(added.mask("passport P12345678") == "passport [PASSPORT]")
        let declared = try load("version: 1\nrules:\n\(rule)\nfields: [{id: travel.doc, new: true, detect: [passport]}, {id: message.text, detect_add: [passport]}]\n")
        #expect(declared.mask("P12345678", field: "travel.doc") == "[PASSPORT]")
        let clash = try #require(error("version: 1\nfields: [{id: task.title, new: true, detect: [phone]}]\n"))
        #expect(clash.problem.hasPrefix("says `new: true`, but builtin:fields.yaml:"))
        #expect(clash.subject == .field)
    }

    /// A rule entry with a typo'd id and no type or pattern overrides nothing: "did you mean".
    @Test func aTypoInARuleIDSaysDidYouMean() throws {
        let masked = try #require(error("version: 1\nrules:\n  - id: emial.address\n    mask: {label: \"[E]\"}\n"))
        #expect(masked.description == "user.yaml:3: rule emial.address: no earlier rule file defines a rule `emial.address` to override (did you mean `email.address`?); a new rule needs type, pattern and mask")
        let disabled = try #require(error("version: 1\nrules:\n  - {id: card.lunh, enabled: false}\n"))
        #expect(disabled.problem == "disables a rule that no earlier rule file defines (did you mean `card.luhn`?)")
    }

    /// The `detect` refusal reads as one sentence about a field, and the hint for a type
    /// no category detects names `detect_add`.
    @Test func fieldMessagesNameAFieldAndTheKeysToUse() throws {
        let detect = try #require(error("version: 1\nfields:\n  - {id: message.text, detect: [phone]}\n"))
        #expect(detect.description == "user.yaml:3: field message.text: detect replaces the list set in builtin:fields.yaml:42 and drops email, card, ssn, iban, bsn, which would silently stop masking them: list them too, add types with detect_add, or drop them explicitly with detect_remove")
        let undetected = try #require(error("version: 1\nrules:\n  - {id: passport.nl, type: passport, pattern: 'P[0-9]{8}', mask: {label: X}}\n"))
        #expect(undetected.problem.hasSuffix("add it to a category with detect_add, e.g. `fields: [{id: message.text, detect_add: [passport]}]`"))
        let map = try #require(error("version: 1\nfield_map:\n  - {path: chat.text, field: mesage.text}\n"))
        #expect(map.problem.hasSuffix("names unknown field category `mesage.text` (did you mean `message.text`?)"))
    }
}
