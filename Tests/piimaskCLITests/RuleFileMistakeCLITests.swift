import Foundation
import Testing

/// Mistakes in a user's rule file, as `piimask` reports them on the command line: the message
/// names the user's file and the line of the entry at fault (never the built-in file an
/// overridden rule came from), says what to write instead, and the filter never runs with
/// masking quietly weakened by the mistake.
@Suite struct RuleFileMistakeCLITests {
    /// A new folder holding `text` as `name`; the file's path.
    static func ruleFile(_ text: String, name: String = "mine.yaml") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-mistake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Runs the filter on `input` with `file` over the built-in rules and expects start-up to
    /// stop with exactly `message` (after `piimask: error: PATH`) and nothing on stdout.
    static func expectRefused(_ file: URL, _ message: String, input: String = "bel 06-12345678\n",
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try CLIRunner.run(["--rules", file.path], input: input)
        #expect(result.status == 2, sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "no line passes unmasked or half-masked", sourceLocation: sourceLocation)
        #expect(result.stderr == "piimask: error: \(file.path)\(message)\n", sourceLocation: sourceLocation)
    }

    @Test func aBrokenPatternInAnOverrideNamesTheOverridingFile() throws {
        let file = try Self.ruleFile("version: 1\n# my override\nrules:\n  - id: email.address\n    pattern: \"(\"\n")
        try Self.expectRefused(file, ":4: rule email.address: pattern: missing closing parenthesis at offset 1")
        let list = try CLIRunner.run(["rules", "list", "--rules", file.path])
        #expect(list.status == 2)
        #expect(!list.stderr.contains("builtin:"))
    }

    /// Overriding a built-in mask: `rules test` passes (the built-in masked examples were
    /// written for the old mask) and `rules list` credits both files; an example of the
    /// user's that fails is reported against the user's file and line.
    @Test func aMaskOverrideIsTestedByItsOwnExamplesAndCredited() throws {
        let file = try Self.ruleFile("version: 1\nrules:\n  - id: email.address\n    mask: {label: \"[EMAIL]\"}\n")
        let test = try CLIRunner.run(["rules", "test", "--rules", file.path])
        #expect(test.status == 0, "\(test.stderr)")
        #expect(test.stdout.hasSuffix(" passed, 0 failed\n"))
        let list = try CLIRunner.run(["rules", "list", "--rules", file.path])
        let line = try #require(list.stdout.split(separator: "\n").first { $0.hasPrefix("email.address\t") })
        #expect(line.contains("\tbuiltin:email.yaml:5, overridden in \(file.path):3\t"))
        #expect(try CLIRunner.run(["--rules", file.path], input: "mail melissa@gmail.com\n").stdout == "mail [EMAIL]\n")

        // Masked examples given with the override are judged, and a failing one names the rule.
        let judged = try Self.ruleFile("""
            version: 1
            rules:
              - id: email.address
                mask: {label: "[EMAIL]"}
                examples:
                  masked: [["mail a@b.nl", "mail [EMAIL]"], ["mail c@d.nl", "mail c@d.nl"]]
            """)
        let failing = try CLIRunner.run(["rules", "test", "--rules", judged.path])
        #expect(failing.status == 1)
        #expect(failing.stdout.hasSuffix(" passed, 1 failed\n"))
        #expect(failing.stderr.hasPrefix("FAIL \(judged.path):6: rule email.address: masked example \"mail c@d.nl\""),
                "the failing example is reported against the file that gave it: \(failing.stderr)")
        #expect(!failing.stderr.contains("builtin:"))

        // A list overridden in the user's file is theirs; the built-in lists it left stay the built-in file's.
        let matching = try Self.ruleFile("""
            version: 1
            rules:
              - id: email.address
                examples:
                  match: ["no address here"]
            """)
        let failedMatch = try CLIRunner.run(["rules", "test", "--rules", matching.path])
        #expect(failedMatch.status == 1)
        #expect(failedMatch.stderr.hasPrefix("FAIL \(matching.path):5: rule email.address: match example \"no address here\""),
                "\(failedMatch.stderr)")
    }

    @Test func aDetectRefusalIsOneSentenceAboutAField() throws {
        let file = try Self.ruleFile("version: 1\nfields:\n  - {id: message.text, detect: [phone]}\n")
        try Self.expectRefused(file, ":3: field message.text: detect replaces the list set in builtin:fields.yaml:42 and drops email, card, ssn, iban, bsn, which would silently stop masking them: list them too, add types with detect_add, or drop them explicitly with detect_remove")
        let result = try CLIRunner.run(["--rules", file.path])
        #expect(!result.stderr.contains("  "), "no run of spaces")
        #expect(!result.stderr.contains("rule message.text"))
    }

    @Test func aNewRuleHearsOfItsBrokenPatternBeforeItsMissingMask() throws {
        try Self.expectRefused(try Self.ruleFile("version: 1\nrules:\n  - {id: my.rule, type: phone, pattern: \"(\"}\n"),
                               ":3: rule my.rule: pattern: missing closing parenthesis at offset 1")
        let unmasked = try CLIRunner.run(["--rules", try Self.ruleFile("version: 1\nrules:\n  - {id: my.rule, type: phone, pattern: \"P[0-9]{8}\"}\n").path])
        #expect(unmasked.status == 2)
        #expect(unmasked.stderr.contains(".yaml:3: rule my.rule: missing `mask`"))
    }

    /// A rule of a type of your own that no category detects: the hint names `detect_add`;
    /// with it, `rules test --no-builtin-rules` tests the file (over the built-in categories).
    @Test func aCustomTypeIsAddedWithDetectAddAndTestedAlone() throws {
        let rule = "  - {id: user.cid, type: customer_id, pattern: 'CID-[0-9]{6}', mask: {label: \"[CID]\"}, examples: {match: [CID-123456], masked: [[\"id CID-123456\", \"id [CID]\"]]}}\n"
        let undetected = try Self.ruleFile("version: 1\nrules:\n\(rule)")
        try Self.expectRefused(undetected, ":3: rule user.cid: type `customer_id` is detected by no field category, so the rule would mask nothing: add it to a category with detect_add, e.g. `fields: [{id: message.text, detect_add: [customer_id]}]`")
        let alone = try CLIRunner.run(["rules", "test", "--no-builtin-rules", "--rules", undetected.path])
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("detect_add") && !alone.stderr.contains("default_field"))

        let added = try Self.ruleFile("version: 1\nrules:\n\(rule)fields:\n  - {id: message.text, detect_add: [customer_id]}\n")
        let test = try CLIRunner.run(["rules", "test", "--no-builtin-rules", "--rules", added.path])
        #expect(test.status == 0, "\(test.stderr)")
        #expect(test.stdout == "2 passed, 0 failed\n")
        #expect(try CLIRunner.run(["--rules", added.path], input: "id CID-123456 bel 06-12345678\n").stdout
                == "id [CID] bel *******5678\n")
    }

    /// A typo'd field id fails closed: no new category is made and nothing is filtered.
    @Test func aTypoInAFieldIDStopsTheFilter() throws {
        let rule = "  - {id: passport.nl, type: passport, pattern: 'P[0-9]{8}', mask: {label: \"[PASSPORT]\"}}\n"
        let typo = try Self.ruleFile("version: 1\nrules:\n\(rule)fields: [{id: mesage.text, detect_add: [passport]}]\n")
        try Self.expectRefused(typo, ":4: field mesage.text: no field category `mesage.text` is defined (did you mean `message.text`?); to define a new one, add `new: true` to the entry",
                               input: "passport P12345678\n")
        let fixed = try Self.ruleFile("version: 1\nrules:\n\(rule)fields: [{id: message.text, detect_add: [passport]}]\n")
        let masked = try CLIRunner.run(["--rules", fixed.path], input: "passport P12345678\n")
        #expect(masked.status == 0)
        #expect(masked.stdout == "passport [PASSPORT]\n")
    }

    @Test func aTypoInARuleIDSaysDidYouMean() throws {
        let typo = try Self.ruleFile("version: 1\nrules:\n  - id: emial.address\n    mask: {label: \"[E]\"}\n")
        try Self.expectRefused(typo, ":3: rule emial.address: no earlier rule file defines a rule `emial.address` to override (did you mean `email.address`?); a new rule needs type, pattern and mask")
        let result = try CLIRunner.run(["--rules", typo.path])
        #expect(!result.stderr.contains("missing type"))
    }
}
