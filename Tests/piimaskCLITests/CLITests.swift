import Foundation
import Testing

@Suite struct CLITests {
    @Test func masksTheSeedExamplesFromAnyFolder() throws {
        let result = try CLIRunner.run([], input: "+ 1 (123) 456 7890\n+447966197542\nmelissa@gmail.com\n")
        #expect(result.status == 0)
        #expect(result.stdout == "**********7890\n*********7542\nm******@gmail.com\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func fieldOptionAppliesThatPolicy() throws {
        // The built-in categories all run every detector; a rule file's category may narrow.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-cli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("fields.yaml")
        try """
            version: 1
            fields:
              - id: phones.only
                new: true
                detect: [phone]
            """.write(to: file, atomically: true, encoding: .utf8)
        let narrowed = try CLIRunner.run(["--rules", file.path, "--field", "phones.only"],
                                         input: "Case 123-45-6789 from +447966197542\n")
        #expect(narrowed.stdout == "Case 123-45-6789 from *********7542\n")
        let title = try CLIRunner.run(["--field", "task.title"], input: "Case 123-45-6789 from +447966197542\n")
        #expect(title.stdout == "Case *******6789 from *********7542\n")
    }

    @Test func unknownFieldIsAUsageErrorListingValidOnes() throws {
        let result = try CLIRunner.run(["--field", "nope"], input: "x\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown field category 'nope'"))
        #expect(result.stderr.contains("message.text"))
        #expect(result.stdout.isEmpty)
    }

    @Test func badOptionIsAUsageError() throws {
        let result = try CLIRunner.run(["--no-such-option"])
        #expect(result.status == 2)
    }

    @Test func brokenRuleFileStopsStartUpWithItsMessage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-cli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.yaml")
        try """
            version: 1
            rules:
              - id: broken.rule
                type: phone
                pattern: "(?<name"
                mask: {keep_last: 4}
            """.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["--rules", file.path], input: "+447966197542\n")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("broken.yaml:3: rule broken.rule: pattern:"))
        #expect(result.stderr.contains("at offset"))
    }

    @Test func rulesListAndTest() throws {
        let list = try CLIRunner.run(["rules", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("phone.international\tphone"))
        let fields = try CLIRunner.run(["rules", "list", "--fields"])
        #expect(fields.stdout.contains("message.text (default)"))
        let test = try CLIRunner.run(["rules", "test"])
        #expect(test.status == 0)
        #expect(test.stdout.hasSuffix(" passed, 0 failed\n"))
    }

    @Test func statsGoToStderrWithoutInputText() throws {
        let result = try CLIRunner.run(["--stats"], input: "mail melissa@gmail.com\nhi\n")
        #expect(result.stdout == "mail m******@gmail.com\nhi\n")
        #expect(result.stderr.contains("lines 2"))
        #expect(result.stderr.contains("email 1"))
        #expect(!result.stderr.contains("melissa"))
    }

    @Test func lastLineWithoutNewlineAndCRLFArePreserved() throws {
        let result = try CLIRunner.run([], input: "a 06-12345678\r\nb")
        #expect(result.stdout == "a *******5678\r\nb")
    }

    /// A line written to piimask's stdin comes out while stdin is still open.
    @Test func eachLineIsWrittenBeforeTheFilterWaitsForMoreInput() throws {
        let (process, stdin, stdout) = try CLIRunner.start([])
        defer {
            try? stdin.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        let reader = stdout.fileHandleForReading
        for line in ["bel +447966197542", "mail melissa@gmail.com"] {
            stdin.fileHandleForWriting.write(Data((line + "\n").utf8))
            let got = try readLine(reader, timeout: 10)
            #expect(got == CLIRunner.maskedExample[line])
        }
    }

    /// SIGTERM and SIGINT: every line read so far is masked and written, a line without its
    /// newline yet included, then piimask exits with 128 + the signal.
    @Test(arguments: [SIGTERM, SIGINT])
    func signalWritesWhatWasReadThenExits(signal: Int32) throws {
        let (process, stdin, stdout) = try CLIRunner.start([])
        stdin.fileHandleForWriting.write(Data("bel +447966197542\n".utf8))
        #expect(try readLine(stdout.fileHandleForReading, timeout: 10) == "bel *********7542")
        stdin.fileHandleForWriting.write(Data("half a line 06-12345678".utf8))
        usleep(300_000)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        // Not read to end of file: a child started by a test running alongside may hold the
        // pipe open.
        let rest = try readBytes(stdout.fileHandleForReading, count: 23, timeout: 10)
        #expect(rest == "half a line *******5678")
        #expect(process.terminationStatus == 128 + signal)
        try? stdin.fileHandleForWriting.close()
    }

    /// SIGHUP reloads the rule files while the filter runs: a good file takes effect for the
    /// lines after it, a broken one keeps the rules (its error on stderr, no input text), and
    /// the filter goes on; `--stats-interval` reports counts while input flows.
    @Test func sighupReloadsRulesWhileFiltering() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-reload-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("mine.yaml")
        let rule = #"{id: user.ticket, type: ticket, pattern: 'TCK-[0-9]{6}', mask: {label: "[TICKET]"}}"#
        let fields = "fields:\n  - {id: message.text, detect_add: [ticket]}\n"
        try "version: 1\nrules:\n  - \(rule.replacingOccurrences(of: "TICKET]", with: "OLD]"))\n\(fields)"
            .write(to: file, atomically: true, encoding: .utf8)
        let stderr = Pipe()
        let (process, stdin, stdout) = try CLIRunner.start(["--rules", file.path, "--stats-interval", "0.001"], stderr: stderr)
        defer {
            try? stdin.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        let reader = stdout.fileHandleForReading
        func send(_ line: String) throws -> String? {
            stdin.fileHandleForWriting.write(Data((line + "\n").utf8))
            return try readLine(reader, timeout: 10)
        }
        #expect(try send("t TCK-123456 bel +447966197542") == "t [OLD] bel *********7542")
        try "version: 1\nrules:\n  - \(rule)\n\(fields)".write(to: file, atomically: true, encoding: .utf8)
        kill(process.processIdentifier, SIGHUP)
        // The next line waits for the reload (theFirstLineAfterASighupHasTheNewRules).
        #expect(try send("t TCK-654321") == "t [TICKET]")
        try "version: 1\nrules:\n  - {id: broken, pattern: '(' ".write(to: file, atomically: true, encoding: .utf8)
        kill(process.processIdentifier, SIGHUP)
        for _ in 0..<5 {
            #expect(try send("t TCK-111111 06-12345678") == "t [TICKET] *******5678")
            usleep(50_000)
        }
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(errors.contains("rules reloaded"))
        #expect(errors.contains("rule reload failed, keeping the rules in effect"))
        #expect(errors.contains("mine.yaml"))
        #expect(errors.contains("piimask: lines "))
        #expect(!errors.contains("TCK-") && !errors.contains("12345678"))
    }

    /// The first line sent after a SIGHUP is masked with the reloaded rules: a block read
    /// after the signal waits for its reload (no line sees the old rules once kill returns).
    @Test func theFirstLineAfterASighupHasTheNewRules() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-first-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("mine.yaml")
        func write(label: String) throws {
            try "version: 1\nrules:\n  - {id: user.ticket, type: ticket, pattern: 'TCK-[0-9]{6}', mask: {label: \"[\(label)]\"}}\nfields:\n  - {id: message.text, detect_add: [ticket]}\n"
                .write(to: file, atomically: true, encoding: .utf8)
        }
        try write(label: "R0")
        let (process, stdin, stdout) = try CLIRunner.start(["--rules", file.path], stderr: Pipe())
        defer {
            try? stdin.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        let reader = stdout.fileHandleForReading
        func send(_ line: String) throws -> String? {
            stdin.fileHandleForWriting.write(Data((line + "\n").utf8))
            return try readLine(reader, timeout: 20)
        }
        #expect(try send("t TCK-123456") == "t [R0]")
        for round in 1...4 {
            try write(label: "R\(round)")
            kill(process.processIdentifier, SIGHUP)
            #expect(try send("t TCK-123456") == "t [R\(round)]", "round \(round)")
        }
    }

    /// Reads `count` bytes from `handle`, or what came before `timeout` seconds passed.
    private func readBytes(_ handle: FileHandle, count: Int, timeout: Double) throws -> String {
        var bytes: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        var poller = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
        while bytes.count < count && Date() < deadline {
            guard poll(&poller, 1, 100) > 0 else { continue }
            var byte: UInt8 = 0
            guard read(handle.fileDescriptor, &byte, 1) == 1 else { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads one line from `handle`, failing after `timeout` seconds.
    private func readLine(_ handle: FileHandle, timeout: Double) throws -> String? {
        var bytes: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        var poller = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
        while Date() < deadline {
            guard poll(&poller, 1, 100) > 0 else { continue }
            var byte: UInt8 = 0
            guard read(handle.fileDescriptor, &byte, 1) == 1 else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return nil
    }

    @Test func closedStdoutEndsQuietly() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-epipe-\(UUID()).txt")
        try String(repeating: "bel +447966197542 nu\n", count: 200_000).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/bash")
        shell.arguments = ["-c", "\"$0\" < \"$1\" | head -1 > /dev/null; echo ${PIPESTATUS[0]}",
                           CLIRunner.binary.path, file.path]
        let stdout = Pipe(), stderr = Pipe()
        shell.standardOutput = stdout
        shell.standardError = stderr
        try shell.run()
        let status = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(status == "0\n")
        #expect(errors.isEmpty)
    }
}

extension CLIRunner {
    static let maskedExample = [
        "bel +447966197542": "bel *********7542",
        "mail melissa@gmail.com": "mail m******@gmail.com",
    ]
}
