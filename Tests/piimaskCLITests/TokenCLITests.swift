import Foundation
import Testing

@Suite struct TokenCLITests {
    /// A key file of `lines` ("ID SEED": 32 bytes of SEED) with mode `mode`, in a fresh folder.
    static func keyFile(_ lines: [(String, UInt8)], mode: Int = 0o600, rawBytes: Int = 32) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-keys-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("keys")
        let text = lines.map { "\($0.0) \(Data([UInt8](repeating: $0.1, count: rawBytes)).base64EncodedString())\n" }.joined()
        try text.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url
    }

    static let input = "bel 06-12345678 of melissa@gmail.com\ncard 4111 1111 1111 1111, IBAN NL91 ABNA 0417 1643 00, ssn 123-45-6789\n"
    static let raw = ["06-12345678", "12345678", "melissa@", "4111 1111 1111 1111", "NL91 ABNA", "123-45-6789"]

    @Test func tokenMaskAppliesToAllRules() throws {
        let keys = try Self.keyFile([("k1", 1)])
        let result = try CLIRunner.run(["--mask", "token", "--token-scope", "global", "--token-key-file", keys.path], input: Self.input)
        #expect(result.status == 0)
        for label in ["PHONE", "EMAIL", "CARD", "IBAN", "SSN"] { #expect(result.stdout.contains("[\(label):k1:")) }
        for value in Self.raw { #expect(!result.stdout.contains(value)) }
        #expect(!result.stdout.contains("*"))
        let again = try CLIRunner.run(["--mask", "token", "--token-scope", "global", "--token-key-file", keys.path], input: Self.input)
        #expect(again.stdout == result.stdout)
        let other = try CLIRunner.run(["--mask", "token", "--token-scope", "global", "--token-key-file",
                                       Self.keyFile([("k1", 2)]).path], input: Self.input)
        #expect(other.stdout != result.stdout)
    }

    @Test func encryptRevealRoundTripsThroughTheCLI() throws {
        let keys = try Self.keyFile([("k1", 1)])
        let masked = try CLIRunner.run(["--mask", "encrypt", "--token-scope", "global", "--token-key-file", keys.path], input: Self.input)
        #expect(masked.status == 0)
        for value in Self.raw { #expect(!masked.stdout.contains(value)) }
        let revealed = try CLIRunner.run(["reveal", "--token-key-file", keys.path], input: masked.stdout)
        #expect(revealed.status == 0)
        #expect(revealed.stdout == Self.input)
        // NDJSON: tokens inside JSON strings reveal too.
        let event = #"{"event":"message","message":{"from":"customer","text":"bel 06-12345678"}}"# + "\n"
        let maskedEvent = try CLIRunner.run(["--format", "ndjson", "--mask", "encrypt", "--token-scope", "global",
                                             "--token-key-file", keys.path], input: event)
        #expect(!maskedEvent.stdout.contains("12345678"))
        #expect(try CLIRunner.run(["reveal", "--token-key-file", keys.path], input: maskedEvent.stdout).stdout == event)
    }

    @Test func rotationRevealsOldTokensWithTheOldKeyListed() throws {
        let old = try CLIRunner.run(["--mask", "encrypt", "--token-scope", "global", "--token-key-file",
                                     Self.keyFile([("k1", 1)]).path], input: Self.input)
        let rotated = try Self.keyFile([("k2", 2), ("k1", 1)])
        let new = try CLIRunner.run(["--mask", "encrypt", "--token-scope", "global", "--token-key-file", rotated.path], input: Self.input)
        #expect(new.stdout.contains(":enc:k2:") && !new.stdout.contains(":enc:k1:"))
        let revealed = try CLIRunner.run(["reveal", "--token-key-file", rotated.path], input: old.stdout + new.stdout)
        #expect(revealed.status == 0)
        #expect(revealed.stdout == Self.input + Self.input)
    }

    @Test func wrongKeyFailsCleanly() throws {
        let masked = try CLIRunner.run(["--mask", "encrypt", "--token-scope", "global", "--token-key-file",
                                        Self.keyFile([("k1", 1)]).path], input: Self.input)
        for wrong in [try Self.keyFile([("k1", 9)]), try Self.keyFile([("k9", 1)])] {
            let result = try CLIRunner.run(["reveal", "--token-key-file", wrong.path], input: masked.stdout)
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("line 1"))
            for value in Self.raw { #expect(!result.stderr.contains(value)) }
        }
    }

    /// A token's key id comes from the input: an unknown one is never echoed in the error.
    @Test func anUnknownKeyIdFromTheInputIsNotEchoed() throws {
        let keys = try Self.keyFile([("k1", 1)])
        let forged = "[PHONE:enc:0612345678:" + String(repeating: "A", count: 40) + "]\n"
        let result = try CLIRunner.run(["reveal", "--token-key-file", keys.path], input: forged)
        #expect(result.status == 2)
        #expect(result.stderr.contains("key id"))
        #expect(!result.stderr.contains("0612345678"))
    }

    @Test func missingShortOrOpenKeyFilesStopStartUp() throws {
        let cases: [[String]] = [
            ["--mask", "token", "--token-scope", "global"],
            ["--mask", "token", "--token-scope", "global", "--token-key-file", "/nonexistent/keys"],
            ["--mask", "token", "--token-scope", "global", "--token-key-file", try Self.keyFile([("k1", 1)], rawBytes: 31).path],
            ["--mask", "token", "--token-scope", "global", "--token-key-file", try Self.keyFile([("k1", 1)], mode: 0o644).path],
            ["reveal"],
            ["reveal", "--token-key-file", "/nonexistent/keys"],
        ]
        for arguments in cases {
            let result = try CLIRunner.run(arguments, input: Self.input)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
        let secret = Data([UInt8](repeating: 1, count: 31)).base64EncodedString()
        let short = try CLIRunner.run(["--mask", "token", "--token-scope", "global", "--token-key-file",
                                       Self.keyFile([("k1", 1)], rawBytes: 31).path], input: Self.input)
        #expect(!short.stderr.contains(secret))
    }

    @Test func keyFileFromTheEnvironment() throws {
        let keys = try Self.keyFile([("k1", 1)])
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["--mask", "token", "--token-scope", "global"]
        process.environment = ["PIIMASK_TOKEN_KEY_FILE": keys.path]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data("bel 06-12345678\n".utf8))
        try stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.hasPrefix("bel [PHONE:k1:"))
    }
}
