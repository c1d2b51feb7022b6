import Foundation
import Testing

@Suite struct ScanCLITests {
    @Test func findingsAreReportedWithoutRawValuesAndExitOne() throws {
        let input = "hi 06-12345678 and melissa@gmail.com\nnothing here\ncard 4111 1111 1111 1111\n"
        let result = try CLIRunner.run(["scan"], input: input)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        for raw in ["06-12345678", "12345678", "melissa@", "4111 1111 1111 1111", "4111111111111111"] {
            #expect(!result.stdout.contains(raw))
            #expect(!result.stderr.contains(raw))
        }
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["file"] as? String == "(stdin)")
        #expect(first["line"] as? Int == 1)
        #expect(first["type"] as? String == "phone")
        #expect(first["rule"] as? String == "phone.national")
        #expect(first["start"] as? Int == 3)
        #expect(first["end"] as? Int == 14)
        #expect(first["masked"] as? String == "*******5678")
        let third = try #require(try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [String: Any])
        #expect(third["line"] as? Int == 3)
        #expect(third["type"] as? String == "card")
    }

    /// A report that cannot be written (`> /dev/full`) is an error, exit 2 with a message that
    /// quotes no input; a reader that went away (EPIPE) ends the scan quietly.
    @Test func aReportThatCannotBeWrittenExitsTwo() throws {
        let input = String(repeating: "bel 06-12345678 of mail melissa@gmail.com\n", count: 3000)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID()).txt")
        try input.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        for count in [1, 3000] {
            let process = Process()
            process.executableURL = CLIRunner.binary
            process.arguments = ["scan", count == 1 ? "-" : file.path]
            let stdin = Pipe(), stderr = Pipe()
            process.standardInput = stdin
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
            process.standardError = stderr
            try process.run()
            try stdin.fileHandleForWriting.write(contentsOf: Data("bel 06-12345678\n".utf8))
            try stdin.fileHandleForWriting.close()
            let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 2, "\(count) findings")
            #expect(message.contains("cannot write the report"), "\(message)")
            #expect(!message.contains("06-12345678") && !message.contains("melissa"))
        }
        // The reader closes the pipe at once: no error message.
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["scan", file.path]
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try stdout.fileHandleForReading.close()
        try process.run()
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(message.isEmpty, "\(message)")
        #expect(process.terminationStatus == 1)
    }

    @Test func nothingFoundExitsZero() throws {
        let result = try CLIRunner.run(["scan"], input: "order #48213377 on 12-05-2024\n")
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test func filesAreNamedAndAMissingFileIsAnError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-scan-\(UUID()).txt")
        try "x\nmail melissa@gmail.com\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLIRunner.run(["scan", file.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"file\":\"\(file.path)\",\"line\":2"))
        let missing = try CLIRunner.run(["scan", "/no/such/file"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot open '/no/such/file'"))
    }

    @Test func statsCountFindingsWithoutText() throws {
        let result = try CLIRunner.run(["scan", "--stats"], input: "a +447966197542\n")
        #expect(result.stderr.contains("phone 1"))
        #expect(!result.stderr.contains("7966197542"))
    }
}

@Suite struct NDJSONCLITests {
    static let chat = CLIRunner.packageRoot.appendingPathComponent("fixtures/chat")

    @Test func chatFixtureReproducesTheGoldenOutput() throws {
        let input = try String(contentsOf: Self.chat.appendingPathComponent("conversation.ndjson"), encoding: .utf8)
        let golden = try String(contentsOf: Self.chat.appendingPathComponent("conversation.masked.ndjson"), encoding: .utf8)
        let result = try CLIRunner.run(["--format", "ndjson"], input: input)
        #expect(result.status == 0)
        #expect(result.stdout == golden)
        #expect(result.stderr.isEmpty)
    }

    @Test func invalidLinesAreReportedByNumberOnly() throws {
        let input = "{\"a\":1}\nnot json +447966197542\n"
        let masked = try CLIRunner.run(["--format", "ndjson"], input: input)
        #expect(masked.status == 0)
        #expect(masked.stdout == "{\"a\":1}\nnot json *********7542\n")
        #expect(masked.stderr == "piimask: line 2: not valid JSON, masked as text\n")
        let failed = try CLIRunner.run(["--format", "ndjson", "--on-invalid", "fail"], input: input)
        #expect(failed.status == 2)
        #expect(failed.stdout == "{\"a\":1}\n")
        #expect(failed.stderr.contains("line 2 is not valid JSON"))
        #expect(!failed.stderr.contains("7966197542"))
    }

    @Test func fieldIsForTextOnly() throws {
        let result = try CLIRunner.run(["--format", "ndjson", "--field", "task.title"], input: "{}\n")
        #expect(result.status == 2)
    }

    @Test func scanReportsPathsAndNeverRawValues() throws {
        let input = try String(contentsOf: Self.chat.appendingPathComponent("conversation.ndjson"), encoding: .utf8)
        let result = try CLIRunner.run(["scan", "--format", "ndjson"], input: input)
        #expect(result.status == 1)
        for raw in ["12345678", "melissa@", "4111 1111", "NL91", "123-45-6789", "7966197542"] {
            #expect(!result.stdout.contains(raw), "\(raw)")
        }
        let first = try #require(result.stdout.split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect(object["path"] as? String == "task.title")
        #expect(object["field"] as? String == "task.title")
        #expect(object["value_start"] as? Int == 162)
    }

    /// Object keys can hold PII: the reported path masks them like values.
    @Test func scanMasksKeysInReportedPaths() throws {
        let input = #"{"c":{"melissa@gmail.com":"call +447966197542","+31612345678":{"x":"4111111111111111"}}}"# + "\n"
        let result = try CLIRunner.run(["scan", "--format", "ndjson"], input: input)
        #expect(result.status == 1)
        for raw in ["melissa@", "7966197542", "31612345678", "4111111111111111"] {
            #expect(!result.stdout.contains(raw), "\(raw)")
        }
        // A `*` in a key is escaped in a path (`\*`), as in field-map patterns.
        let stars = { (count: Int) in String(repeating: #"\\*"#, count: count) }
        #expect(result.stdout.contains(#""path":"c.m"# + stars(6) + #"@gmail\\.com""#))
        #expect(result.stdout.contains(#""path":"c."# + stars(8) + #"5678.x""#))
    }
}
