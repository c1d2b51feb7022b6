import Foundation
import Testing

/// Issue 16: bytes that once crashed piimask, and what it prints if it ever dies of a fault.
@Suite struct CrashSafetyTests {
    /// An invalid sequence that starts like a full-width character (`EF BD` then a byte that
    /// is no continuation byte), and its truncated and overlong relatives.
    static let brokenSequences: [[UInt8]] = [
        [0x61, 0xEF, 0xBD, 0x01, 0x62], [0x61, 0xEF, 0xBC, 0x01, 0x62], [0x61, 0xEF, 0xBD], [0xEF],
        [0x61, 0xEF, 0xBC, 0xFF, 0x62], [0xD9, 0x01], [0xDB, 0x7F], [0xE2, 0x80, 0x01], [0xE0, 0xA5, 0x26],
        [0xF0, 0x9D, 0x9F, 0x01], [0xC0, 0xB0], [0xE0, 0x80, 0xB0], [0xC2, 0x40], [0xEF, 0xBD, 0xC0],
    ]

    /// The bytes of `lines` joined by `\n`, each line a PII value, a broken sequence, a value.
    static func input(_ sequence: [UInt8], event: Bool) -> Data {
        var bytes: [UInt8] = []
        for line in ["call 0612345678", "x", "card 4111 1111 1111 1111"] {
            let text = Array(line.utf8) + [0x20] + sequence + Array(" mail melissa@gmail.com".utf8)
            if event {
                bytes += Array(#"{"conversation":"c1","message":{"text":""#.utf8) + text + Array(#""}}"#.utf8)
            } else {
                bytes += text
            }
            bytes.append(0x0A)
        }
        return Data(bytes)
    }

    @Test(arguments: brokenSequences.indices)
    func brokenUTF8InTextAndNDJSON(index: Int) throws {
        for (arguments, event) in [([String](), false), (["--format", "ndjson"], true),
                                   (["--format", "ndjson", "--no-conversations"], true)] {
            let result = try CLIRunner.run(arguments, bytes: Self.input(Self.brokenSequences[index], event: event))
            #expect(result.status == 0, "\(arguments): exit \(result.status)")
            #expect(result.stdout.split(separator: "\n", omittingEmptySubsequences: false).count == 4)
            for needle in ["0612345678", "4111 1111 1111 1111", "melissa@"] {
                #expect(!result.stdout.contains(needle), "\(arguments): \(needle) raw")
            }
        }
    }

    /// A fault (here a signal sent from outside, as a trap would raise it) prints one fixed
    /// line and no register or memory dump, and the process ends by that signal.
    @Test(arguments: ["SEGV", "ILL", "BUS", "ABRT"])
    func aFaultPrintsNoInput(signal: String) throws {
        // A shell runs piimask on a pipe that stays open, sends the signal once the line is
        // read (the input is in the process's memory then) and prints the exit status.
        let script = """
            { printf 'card 4111 1111 1111 1111 and 0612345678\\n'; sleep 5; } | "$0" 2>&1 >/dev/null &
            pid=$!; sleep 1; kill -s \(signal) $pid; wait $pid; echo "status=$?"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, CLIRunner.binary.path]
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,preset=full"
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        let text = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = text.split(separator: "\n")
        #expect(lines.first == "piimask: fatal internal error (the process stopped on a fault; no input is shown)",
                "\(text.count) bytes on stderr")
        #expect(lines.last?.hasPrefix("status=") == true && lines.last != "status=0")
        #expect(lines.count == 2)
        for needle in ["4111", "0612345678", "rsi", "Registers", "Thread"] { #expect(!text.contains(needle)) }
    }
}
