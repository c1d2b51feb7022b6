import Foundation
import Testing

/// No PII outside the masked output: raw values planted in the input never reach stderr,
/// `--stats`, `scan` reports, `eval` output or any error message, and never stdout unmasked.
/// (Rule files are the user's own text: an error may quote a rule file, whose examples can
/// hold PII; that is not checked here.)
@Suite struct NoLeakTests {
    /// The planted values, one line each, as a chat message would carry them.
    static let planted = [
        "+447966197542", "+31 6 12345678", "06-12345678", "4111 1111 1111 1111", "5555555555554444",
        "NL91 ABNA 0417 1643 00", "GB82WEST12345698765432", "melissa@gmail.com", "j.de.vries@example.co.uk",
        "123-45-6789",
    ]

    /// What must not appear: each value, and the parts of it that would identify it (digits
    /// without separators, the local part of an address).
    static let needles = [
        "+447966197542", "7966197542", "+31 6 12345678", "6 1234", "06-12345678",
        "4111 1111 1111 1111", "4111 1111", "5555555555554444", "555555555555",
        "NL91 ABNA 0417 1643 00", "NL91", "ABNA", "0417 1643", "GB82WEST12345698765432", "GB82", "WEST1234",
        "melissa", "j.de.vries", "123-45-6789", "123-45", "45-6789",
    ]

    static let textInput = planted.map { "hi, mine is \($0) thanks" }.joined(separator: "\n") + "\n"

    /// Events with a value in a string whose field category detects every type (the field
    /// policy, not this test, decides what e.g. `task.title` leaves alone).
    static let eventInput: String = planted.enumerated().map { index, value in
        let paths = [#"{"message":{"text":"%@"}}"#, #"{"task":{"title":"x","preview":"%@"}}"#,
                     #"{"unmapped":["%@"]}"#, #"{"notification":{"desktop":{"preview":"x %@"}}}"#]
        return paths[index % paths.count].replacingOccurrences(of: "%@", with: value)
    }.joined(separator: "\n") + "\n"

    /// Lines that are not JSON, each with a value.
    static let invalidInput = planted.map { #"{"message":{"text":"\#($0)"# }.joined(separator: "\n") + "\n"

    private func expectNoLeak(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for needle in Self.needles where text.contains(needle) {
            Issue.record("\(what) contains \(needle.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    private func expectNoLeak(_ result: CLIRunner.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expectNoLeak(result.stdout, "\(what): stdout", sourceLocation: sourceLocation)
        expectNoLeak(result.stderr, "\(what): stderr", sourceLocation: sourceLocation)
    }

    /// A temporary folder, removed after `body`.
    private func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-noleak-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    @Test func theNeedlesAreInTheInput() {
        // The checks below mean something only if every needle is in what goes in.
        for needle in Self.needles {
            #expect(Self.textInput.contains(needle), "\(needle)")
        }
    }

    // MARK: The filter

    @Test(arguments: [["--stats"], ["--stats", "--threads", "2"], ["--stats", "--field", "task.preview"]])
    func textFilterWithStats(_ options: [String]) throws {
        let result = try CLIRunner.run(options, input: Self.textInput)
        #expect(result.status == 0)
        #expect(result.stderr.contains("lines 10"))
        expectNoLeak(result, "piimask \(options.joined(separator: " "))")
    }

    @Test func ndjsonFilterWithStats() throws {
        let result = try CLIRunner.run(["--format", "ndjson", "--stats"], input: Self.eventInput)
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 10)
        expectNoLeak(result, "piimask --format ndjson --stats")
    }

    @Test(arguments: ["mask", "drop", "fail"])
    func invalidNDJSONLines(_ policy: String) throws {
        let input = #"{"message":{"text":"first"}}"# + "\n" + Self.invalidInput
        let result = try CLIRunner.run(["--format", "ndjson", "--on-invalid", policy, "--stats"], input: input)
        #expect(result.status == (policy == "fail" ? 2 : 0))
        #expect(result.stderr.contains("line 2"))
        expectNoLeak(result, "piimask --on-invalid \(policy)")
    }

    // MARK: Usage and start-up errors, with PII waiting on stdin

    @Test(arguments: [
        ["--field", "no.such.field"], ["--no-such-option"], ["--threads", "zero"], ["--format", "xml"],
        ["--on-invalid", "ignore", "--format", "ndjson"], ["--format", "ndjson", "--field", "task.title"],
        ["--rules", "/no/such/rules.yaml"], ["--no-builtin-rules"], ["scan", "--field", "no.such.field"],
        ["scan", "/no/such/file"], ["rules", "nope"], ["eval"], ["eval", "/no/such/corpus.jsonl"],
    ])
    func usageErrors(_ arguments: [String]) throws {
        let result = try CLIRunner.run(arguments, input: Self.textInput)
        #expect(result.status != 0)
        #expect(!result.stderr.isEmpty)
        expectNoLeak(result, "piimask \(arguments.joined(separator: " "))")
    }

    @Test func brokenRuleFileWithPIIOnStdin() throws {
        try withFolder { folder in
            let file = folder.appendingPathComponent("broken.yaml")
            try "version: 1\nrules:\n  - id: broken\n    type: phone\n    pattern: \"(\"\n    mask: {}\n"
                .write(to: file, atomically: true, encoding: .utf8)
            for arguments in [["--rules", file.path], ["scan", "--rules", file.path]] {
                let result = try CLIRunner.run(arguments, input: Self.textInput)
                #expect(result.status == 2)
                #expect(result.stderr.contains("broken.yaml:3"))
                expectNoLeak(result, "piimask \(arguments.joined(separator: " "))")
            }
        }
    }

    // MARK: scan

    @Test(arguments: [["scan"], ["scan", "--stats"], ["scan", "--field", "task.preview"],
                      ["scan", "--format", "ndjson", "--stats"]])
    func scanReports(_ arguments: [String]) throws {
        let input = arguments.contains("ndjson") ? Self.eventInput + Self.invalidInput : Self.textInput
        let result = try CLIRunner.run(arguments, input: input)
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").count >= 8)
        expectNoLeak(result, "piimask \(arguments.joined(separator: " "))")
    }

    @Test func scanOfFilesWithAnUnreadableOne() throws {
        try withFolder { folder in
            let file = folder.appendingPathComponent("chat.txt")
            try Self.textInput.write(to: file, atomically: true, encoding: .utf8)
            let events = folder.appendingPathComponent("chat.ndjson")
            try (Self.eventInput + Self.invalidInput).write(to: events, atomically: true, encoding: .utf8)
            let unreadable = folder.appendingPathComponent("a-folder")
            try FileManager.default.createDirectory(at: unreadable, withIntermediateDirectories: true)
            for arguments in [["scan", file.path, unreadable.path], ["scan", "--stats", file.path, "/no/such/file"],
                              ["scan", "--format", "ndjson", events.path, unreadable.path]] {
                let result = try CLIRunner.run(arguments, input: Self.textInput)
                #expect(result.status != 0)
                expectNoLeak(result, "piimask \(arguments.joined(separator: " "))")
            }
        }
    }

    // MARK: eval

    /// A labeled corpus made of the planted values: caught ones, a missed one (labeled, but no
    /// rule finds it), a false positive (found, but labeled as nothing), a confusion and a
    /// look-alike.
    static func labeledCorpus() -> String {
        var lines: [String] = []
        for value in planted {
            let text = "hi, mine is \(value) thanks"
            let start = "hi, mine is ".utf8.count
            let type = value.contains("@") ? "email" : value.hasPrefix("NL") || value.hasPrefix("GB") ? "iban"
                : value.contains("-45-") ? "ssn" : value.hasPrefix("4111") || value.hasPrefix("5555") ? "card" : "phone"
            lines.append(#"{"text":"\#(text)","pii":[{"type":"\#(type)","start":\#(start),"end":\#(start + value.utf8.count)}],"negatives":[]}"#)
        }
        // Missed: a bare digit run with no phone word is not a phone to the rules.
        lines.append(#"{"text":"it is 612345678 ok","pii":[{"type":"phone","start":6,"end":15}],"negatives":[]}"#)
        // False positive: a card the corpus does not label.
        lines.append(#"{"text":"pay 4111 1111 1111 1111 now","pii":[],"negatives":[]}"#)
        // Confusion: a card labeled as a phone.
        lines.append(#"{"text":"x 5555555555554444 y","pii":[{"type":"phone","start":2,"end":18}],"negatives":[]}"#)
        // A look-alike that survives.
        lines.append(#"{"text":"order 0612345678 please","pii":[],"negatives":[{"kind":"order","start":6,"end":16}]}"#)
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [[String](), ["--json"], ["--min-recall", "0.99", "--min-precision", "0.99"],
                      ["--json", "--min-recall", "0.99"], ["--field", "task.title"]])
    func evalOutput(_ options: [String]) throws {
        try withFolder { folder in
            let corpus = folder.appendingPathComponent("planted.jsonl")
            try Self.labeledCorpus().write(to: corpus, atomically: true, encoding: .utf8)
            let result = try CLIRunner.run(["eval", corpus.path] + options)
            #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
            #expect(!result.stdout.isEmpty)
            expectNoLeak(result, "piimask eval \(options.joined(separator: " "))")
        }
    }

    @Test func malformedEvalCorpusLines() throws {
        try withFolder { folder in
            let corpus = folder.appendingPathComponent("bad.jsonl")
            let good = Self.labeledCorpus().split(separator: "\n").first!
            for bad in [#"{"text":"mail melissa@gmail.com","pii":[{"type":"email","start":5,"end":22}"#,
                        #"{"text":"card 4111 1111 1111 1111","pii":[{"type":"card","start":5,"end":99}],"negatives":[]}"#,
                        #"{"text":"ssn 123-45-6789","pii":[{"type":"ssn","start":"4","end":15}],"negatives":[]}"#,
                        #"{"text":["bel +447966197542"],"pii":[],"negatives":[]}"#,
                        #""+31 6 12345678""#] {
                try (good + "\n" + bad + "\n").write(to: corpus, atomically: true, encoding: .utf8)
                let result = try CLIRunner.run(["eval", corpus.path])
                #expect(result.status == 2, "\(bad)")
                #expect(result.stderr.contains("bad.jsonl:2"), "\(bad): \(result.stderr)")
                expectNoLeak(result, "piimask eval (\(bad.prefix(20)))")
            }
        }
    }
}
