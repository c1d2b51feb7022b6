import Foundation
import Testing

/// `--progress` on `scan` and `eval`, `--stats` per rule, and `piimask stream` without its
/// worker executable.
@Suite struct ProgressAndRuleStatsCLITests {
    /// Lines with a phone number and an e-mail address each, all different.
    static let input: String = (0..<20_000).map { "line \($0) bel +4479661\(String(format: "%05d", $0)) mail user\($0)@example.org\n" }.joined()

    @Test func scanProgressGoesToStderrAndLeavesTheReportAlone() throws {
        let plain = try CLIRunner.run(["scan"], input: Self.input)
        // stderr is a pipe here, not a terminal: no progress unless asked for.
        #expect(plain.stderr == "")
        let progress = try CLIRunner.run(["scan", "--progress"], input: Self.input)
        #expect(progress.status == plain.status)
        #expect(progress.stdout == plain.stdout)
        let lines = progress.stderr.split(separator: "\n")
        #expect(lines.last?.hasPrefix("piimask: scan: done 20000 lines, ") == true)
        #expect(lines.last?.contains(" MB/s") == true)
        for line in lines {
            #expect(line.hasPrefix("piimask: scan: progress ") || line.hasPrefix("piimask: scan: done "))
            #expect(!line.contains("7966") && !line.contains("user") && !line.contains("example"))
        }
        #expect(try CLIRunner.run(["scan", "--progress", "--no-progress"], input: "x\n").status == 2)
    }

    @Test func evalProgressCountsRecordsOnStderr() throws {
        let corpus = CLIRunner.packageRoot.appendingPathComponent("fixtures/labeled/chat-mix.jsonl").path
        let records = try String(contentsOfFile: corpus, encoding: .utf8).split(separator: "\n").count
        let plain = try CLIRunner.run(["eval", corpus, "--json"])
        let progress = try CLIRunner.run(["eval", corpus, "--json", "--progress"])
        #expect(progress.status == plain.status)
        #expect(progress.stdout == plain.stdout)
        #expect(plain.stderr == "")
        let last = progress.stderr.split(separator: "\n").last ?? ""
        #expect(last.hasPrefix("piimask: eval: done \(records) of \(records) records, "))
        #expect(last.contains(" records/s"))
    }

    /// The per-rule counts add up to the per-type counts, and name rules that exist.
    @Test func statsCountFindingsPerRule() throws {
        let result = try CLIRunner.run(["--stats"], input: Self.input)
        func counts(after prefix: String) -> [String: Int] {
            guard let line = result.stderr.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return [:] }
            var counts: [String: Int] = [:]
            for item in line.dropFirst(prefix.count).split(separator: ",") {
                let parts = item.split(separator: " ")
                if parts.count == 2, let count = Int(parts[1]) { counts[String(parts[0])] = count }
            }
            return counts
        }
        let byType = counts(after: "piimask: findings: ")
        let byRule = counts(after: "piimask: findings by rule: ")
        #expect(byType.values.reduce(0, +) == 40_000)
        #expect(byRule.values.reduce(0, +) == byType.values.reduce(0, +))
        let rules = try CLIRunner.run(["rules", "list"]).stdout.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }
        #expect(!byRule.isEmpty)
        for rule in byRule.keys { #expect(rules.contains(rule), "\(rule) is no rule of rules list") }
        #expect(!result.stderr.contains("7966"))
    }

    /// `piimask stream` runs `piimask-stream` from piimask's own folder; without it, a clear error.
    @Test func streamWithoutTheWorkerExecutableSaysWhatIsMissing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let alone = folder.appendingPathComponent("piimask")
        try FileManager.default.copyItem(at: CLIRunner.binary, to: alone)
        let process = Process()
        process.executableURL = alone
        process.arguments = ["stream", "--partition", "1"]
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.hasPrefix("piimask: error: stream runs \(folder.path)/piimask-stream, which is missing"))
        // Beside the built piimask, the worker is there and checks its options itself.
        let bad = try CLIRunner.run(["stream", "--partition", "a b"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("partition must be one subject token"))
    }
}
