import Foundation
import Testing

/// The command line as a new user meets it: help, typos, option values, options of the
/// other format, reports, testing your own rule file, gates on no data.
@Suite struct NewUserCLITests {
    @Test(arguments: [["--help"], ["-h"], ["help"]])
    func rootHelpShowsTheFilterOptions(arguments: [String]) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 0)
        for text in ["SUBCOMMANDS:", "serve", "FILTER OPTIONS", "--format", "--field", "--threads", "--on-invalid", "--stats", "--rules"] {
            #expect(result.stdout.contains(text), "no \(text) in \(arguments)")
        }
    }

    @Test func mistypedSubcommandSuggestsTheNearestOne() throws {
        let result = try CLIRunner.run(["scna"])
        #expect(result.status == 2)
        #expect(result.stderr == "piimask: error: unknown command 'scna'; did you mean 'scan'?\n")
        let far = try CLIRunner.run(["frobnicate"])
        #expect(far.status == 2)
        #expect(far.stderr.contains("unknown command 'frobnicate'; commands: filter, scan, rules, explain, eval, serve"))
        #expect(try CLIRunner.run(["serv", "--help"]).stderr.contains("did you mean 'serve'?"))
    }

    @Test(arguments: ["-1", "0", "1000"])
    func threadsOutOfRangeSaysSo(value: String) throws {
        let result = try CLIRunner.run(["--threads", value], input: "x\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("--threads must be between 1 and 256"))
        #expect(!result.stderr.contains("Missing value"))
    }

    @Test func optionsOfTheOtherFormatAreErrors() throws {
        let textInvalid = try CLIRunner.run(["--on-invalid", "drop"], input: "x\n")
        #expect(textInvalid.status == 2)
        #expect(textInvalid.stderr.contains("--on-invalid applies to --format ndjson"))
        let ndjsonField = try CLIRunner.run(["--format", "ndjson", "--field", "task.title"], input: "{}\n")
        #expect(ndjsonField.status == 2)
        #expect(ndjsonField.stderr.contains("--field applies to --format text"))
        let scanInvalid = try CLIRunner.run(["scan", "--format", "ndjson", "--on-invalid", "fail"], input: "{}\n")
        #expect(scanInvalid.status == 2)
        #expect(scanInvalid.stderr.contains("--on-invalid"))
        let ndjsonDrop = try CLIRunner.run(["--format", "ndjson", "--on-invalid", "drop"], input: "{\"a\":1}\nnot json\n")
        #expect(ndjsonDrop.status == 0)
        #expect(ndjsonDrop.stdout == "{\"a\":1}\n")
    }

    @Test func scanStatsReportNoBytesOut() throws {
        let result = try CLIRunner.run(["scan", "--stats"], input: "bel +447966197542\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("bytes in 18"))
        #expect(!result.stderr.contains("bytes out"))
        let filter = try CLIRunner.run(["--stats"], input: "bel +447966197542\n")
        #expect(filter.stderr.contains("bytes out 18"))
    }

    @Test func rulesTestRunsOnlyYourOwnFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-own-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let mine = folder.appendingPathComponent("mine.yaml")
        try """
            version: 1
            rules:
              - id: user.employee
                type: phone
                pattern: "EMP-[0-9]{6}"
                mask: {label: "[EMP]"}
                examples:
                  match: ["EMP-123456"]
                  no_match: ["EMP-12"]
                  masked: [["id EMP-123456", "id [EMP]"]]
            """.write(to: mine, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["rules", "test", "--no-builtin-rules", "--rules", mine.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "3 passed, 0 failed\n")

        try String(contentsOf: mine, encoding: .utf8).replacingOccurrences(of: "\"id [EMP]\"", with: "\"id EMP\"")
            .write(to: mine, atomically: true, encoding: .utf8)
        let failing = try CLIRunner.run(["rules", "test", "--no-builtin-rules", "--rules", mine.path])
        #expect(failing.status == 1)
        #expect(failing.stdout == "2 passed, 1 failed\n")
        #expect(failing.stderr.contains("user.employee"))

        let broken = folder.appendingPathComponent("broken.yaml")
        try "version: 1\nrules:\n  - {id: x, type: phone, pattern: \"(\", mask: {}}\n".write(to: broken, atomically: true, encoding: .utf8)
        let error = try CLIRunner.run(["rules", "test", "--no-builtin-rules", "--rules", broken.path])
        #expect(error.status == 2)
        #expect(error.stderr.contains("broken.yaml"))
    }

    @Test func evalGateFailsOnNoData() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let empty = folder.appendingPathComponent("empty.jsonl")
        try "".write(to: empty, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["eval", empty.path, "--min-recall", "0.99"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--min-recall cannot be met: the corpus has no labeled spans (0 records)"))
        let noFindings = folder.appendingPathComponent("clean.jsonl")
        try "{\"text\":\"hello\",\"pii\":[],\"negatives\":[]}\n".write(to: noFindings, atomically: true, encoding: .utf8)
        let precision = try CLIRunner.run(["eval", noFindings.path, "--min-precision", "0.9", "--json"])
        #expect(precision.status == 1)
        #expect(precision.stdout.contains("\"failed\":[\"precision\"]"))
        #expect(precision.stdout.contains("\"passed\":false"))
        #expect(try CLIRunner.run(["eval", noFindings.path]).status == 0, "no gate, no failure")
    }

    @Test func evalRejectsUnknownLabelTypes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let corpus = folder.appendingPathComponent("typo.jsonl")
        try "{\"text\":\"bel +447966197542\",\"pii\":[{\"type\":\"phnoe\",\"start\":4,\"end\":17}],\"negatives\":[]}\n"
            .write(to: corpus, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["eval", corpus.path, "--min-recall", "0.5"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("labeled type 'phnoe' is not a type of any rule"))
        #expect(!result.stderr.contains("7966197542"))
    }

    @Test func aMistypedSubcommandOfRulesSuggestsTheNearestOne() throws {
        let result = try CLIRunner.run(["rules", "lst"])
        #expect(result.status == 2)
        #expect(result.stderr == "piimask: error: unknown command 'rules lst'; did you mean 'rules list'?\n")
    }

    /// Every error, the argument parser's and piimask's own, in one style: `piimask: error: `.
    @Test(arguments: [["--bogus"], ["--threads"], ["--format", "xml"], ["--field", "nope"], ["--threads", "0"],
                      ["scan", "--bogus"], ["rules", "test", "--bogus"], ["eval"], ["reveal"],
                      ["serve", "--listen", "nope"], ["compose-check", "--max-characters", "x"], ["--mask", "token"]])
    func errorsHaveOneStyle(arguments: [String]) throws {
        let result = try CLIRunner.run(arguments, input: "x\n")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("piimask: error: "), "\(arguments): \(result.stderr)")
        #expect(!result.stderr.contains("Error:"), "\(arguments): \(result.stderr)")
    }

    /// `--threads` says its default once (ours, not also the parser's).
    @Test func threadsHelpNamesOneDefault() throws {
        let help = try CLIRunner.run(["filter", "--help"]).stdout
        let start = try #require(help.range(of: "  --threads <threads>"))
        // The option's lines, up to the next option.
        let paragraph = String(help[start.upperBound...]).components(separatedBy: "\n  -")[0]
        #expect(paragraph.components(separatedBy: "default").count == 2, "\(paragraph)")
        #expect(paragraph.contains("(default: all cores)"))
    }

    /// A token mask without a key file names the missing flag and variable, no rule.
    @Test(arguments: ["token", "encrypt"])
    func aTokenMaskWithoutAKeyFileNamesTheFlag(kind: String) throws {
        let result = try CLIRunner.run(["--mask", kind, "--token-scope", "global"], input: "bel 06-12345678\n")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "piimask: error: --mask \(kind) needs a token key file: pass --token-key-file PATH or set PIIMASK_TOKEN_KEY_FILE\n")
    }
}
