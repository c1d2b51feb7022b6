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

    @OptionGroup var progress: ProgressOption

    @Argument(help: "Files to scan (default: standard input).")
    var files: [String] = []

    func run() throws {
        let masker = try rules.makeMasker()
        let policy = try FieldOption.policy(input.field, in: masker)
        let scanner = StreamScanner(masker: masker, policy: policy, format: input.streamFormat())
        var total = StreamStats()
        var found = 0
        let start = DispatchTime.now()
        var report = ReportWriter()
        defer { report.flushQuietly() }
        var meter = ProgressMeter(command: "scan", unit: "lines", enabled: progress.enabled)
        for file in files.isEmpty ? ["-"] : files {
            let descriptor = file == "-" ? 0 : open(file, O_RDONLY)
            guard descriptor >= 0 else {
                Diagnostics.error("cannot open '\(file)': \(String(cString: strerror(errno)))")
                throw ExitCode(ExitStatus.usage)
            }
            defer { if descriptor != 0 { close(descriptor) } }
            let name = file == "-" ? "(stdin)" : file
            do {
                let before = total
                let result = try scanner.run(input: descriptor, progress: { lines, bytes in
                    meter.update(done: before.lines + lines, bytes: before.bytesIn + bytes)
                }) { finding in
                    found += 1
                    report.append(Self.json(finding, file: name))
                }
                total.add(result)
                try report.flush()
            } catch let error as ReportWriter.Failure {
                // The report is the product of scan: losing it is an error, not "no findings".
                // A reader that went away (EPIPE) ends the scan quietly, as in the filter.
                if error.code == EPIPE { throw ExitCode(found > 0 ? ExitStatus.findings : 0) }
                Diagnostics.error("cannot write the report to standard output: \(String(cString: strerror(error.code)))")
                throw ExitCode(ExitStatus.usage)
            } catch let error as StreamError {
                Diagnostics.error("'\(file)': \(error.description)")
                throw ExitCode(ExitStatus.usage)
            }
        }
        meter.finish(done: total.lines, bytes: total.bytesIn)
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

/// The scan report on standard output, written with `write(2)` in blocks of 64 KiB and after
/// each file, so that a write error is seen (a `print` to a full disk fails silently).
private struct ReportWriter {
    /// A failed write and its `errno`.
    struct Failure: Error {
        let code: Int32
    }

    private var buffer: [UInt8] = []
    /// The first failure: nothing more is written, `flush()` throws it.
    private var failure: Failure?

    /// Adds one line (a newline is appended); writes the buffer once it holds 64 KiB.
    mutating func append(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { write() }
    }

    /// Writes what is buffered. - Throws: `Failure` when a write failed, now or before.
    mutating func flush() throws(Failure) {
        write()
        if let failure { throw failure }
    }

    /// Writes what is buffered when leaving by another path (an unreadable file).
    mutating func flushQuietly() {
        write()
    }

    private mutating func write() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                failure = Failure(code: errno)
                return
            }
            offset += written
        }
    }
}
