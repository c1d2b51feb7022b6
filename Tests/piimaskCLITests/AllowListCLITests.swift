import Foundation
import Testing

/// `allow:` entries on the command line: own values pass, others are masked, and an entry
/// that could let PCI or a national id through stops start-up with exit 2, quoting nothing.
@Suite struct AllowListCLITests {
    @Test func ownNumberPassesAnotherIsMasked() throws {
        let file = try RuleFileMistakeCLITests.ruleFile("version: 1\nallow:\n  - {type: phone, values: [\"+31 20 555 0100\"]}\n")
        let result = try CLIRunner.run(["--rules", file.path], input: "bel +31 20 555 0100 of 020 555 0100, niet 020 555 0199\n")
        #expect(result.status == 0)
        #expect(result.stdout == "bel +31 20 555 0100 of 020 555 0100, niet ******0199\n")
        let list = try CLIRunner.run(["rules", "list", "--rules", file.path])
        #expect(list.stdout.contains("allow (every field)\tphone\t+31 20 555 0100\t\(file.path):3"))
    }

    @Test(arguments: [("card", "4111 1111 1111 1111"), ("ssn", "123-45-6789"), ("bsn", "111222333"),
                      ("phone", "0205550100"), ("iban", "NL91ABNA0417164301")])
    func refusedEntriesExitTwo(type: String, value: String) throws {
        let file = try RuleFileMistakeCLITests.ruleFile("version: 1\nallow:\n  - {type: \(type), values: [\"\(value)\"]}\n")
        let result = try CLIRunner.run(["--rules", file.path], input: "x \(value)\n")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("piimask: error: \(file.path):3: allow: "))
        #expect(!result.stderr.contains(value))
    }
}
