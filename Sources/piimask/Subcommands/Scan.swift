import ArgumentParser
import Foundation
import Glibc
import PIIMask

/// `piimask scan`: a leak checker for transcripts and logs.
struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report PII in files (or standard input) as JSON lines; exit 1 if any is found.",
        discussion: """
            Each finding is one JSON line: file, line, field, type, rule, byte range and the \
            masked form — never the raw value. Exit status: 0 nothing found, 1 findings, \
            2 usage, rule or read error.
            """)

    @OptionGroup var rules: RuleOptions
    @OptionGroup var input: InputOptions

    @Flag(help: "Print counts and throughput to standard error at the end.")
    var stats = false

    @Argument(help: "Files to scan (default: standard input).")
    var files: [String] = []

    func run() throws {
        let masker = try rules.makeMasker()
        let policy = try FieldOption.policy(input.field, in: masker)
        let scanner = StreamScanner(masker: masker, policy: policy, format: input.streamFormat())
        var total = StreamStats()
        var found = 0
        let start = DispatchTime.now()
        for file in files.isEmpty ? ["-"] : files {
            let descriptor = file == "-" ? 0 : open(file, O_RDONLY)
            guard descriptor >= 0 else {
                Diagnostics.error("cannot open '\(file)': \(String(cString: strerror(errno)))")
                throw ExitCode(ExitStatus.usage)
            }
            defer { if descriptor != 0 { close(descriptor) } }
            let name = file == "-" ? "(stdin)" : file
            do {
                let result = try scanner.run(input: descriptor) { finding in
                    found += 1
                    print(Self.json(finding, file: name))
                }
                total.add(result)
            } catch {
                Diagnostics.error("'\(file)': \(error.description)")
                throw ExitCode(ExitStatus.usage)
            }
        }
        if stats {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            Diagnostics.write(StatsReport(stats: total, seconds: seconds, writesOutput: false).text)
        }
        if found > 0 { throw ExitCode(ExitStatus.findings) }
    }

    /// One finding as a JSON line.
    static func json(_ finding: ScanFinding, file: String) -> String {
        var fields = [
            "\"file\":\(JSONText.quoted(file))",
            "\"line\":\(finding.line)",
            "\"field\":\(JSONText.quoted(finding.field))",
        ]
        if let path = finding.path { fields.append("\"path\":\(JSONText.quoted(path))") }
        fields += [
            "\"type\":\(JSONText.quoted(finding.type))",
            "\"rule\":\(JSONText.quoted(finding.ruleID))",
            "\"start\":\(finding.range.lowerBound)",
            "\"end\":\(finding.range.upperBound)",
        ]
        if let value = finding.valueRange {
            fields += ["\"value_start\":\(value.lowerBound)", "\"value_end\":\(value.upperBound)"]
        }
        fields.append("\"masked\":\(JSONText.quoted(finding.masked))")
        return "{" + fields.joined(separator: ",") + "}"
    }
}
