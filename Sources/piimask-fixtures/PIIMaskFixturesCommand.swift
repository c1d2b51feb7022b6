import ArgumentParser
import Foundation
import PIIMaskFixtures

/// `piimask-fixtures`: writes a deterministic, labeled corpus of chat messages.
@main
struct PIIMaskFixturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "piimask-fixtures",
        abstract: "Generate a deterministic, labeled corpus of English and Dutch chat messages.",
        discussion: """
            Each output line is a JSON object {"text": …, "pii": […], "negatives": […]}; \
            span offsets are UTF-8 byte offsets into text. With --text-only each line is just \
            the text; with --events each line is an unlabeled NDJSON chat event carrying the \
            text (in task.preview or message.text), for `piimask --format ndjson`. The same \
            profile and seed give byte-identical output on every run and machine, and the \
            same messages in every format.
            """
    )

    @Option(help: "Mix of lines: chat, digits, pii-dense, adversarial or formats (one value of a format family per line, spans with their family).")
    var profile: Profile = .chat

    @Option(help: "Seed of the generator; the same seed gives the same bytes.")
    var seed: UInt64 = 42

    @Option(help: "Number of lines to write (default 1000 when --bytes is not given).")
    var lines: Int?

    @Option(help: ArgumentHelp(
        "Stop at the first line with which the output reaches this size.",
        discussion: "A whole number with an optional K, M or G suffix (powers of 1024).",
        valueName: "size"))
    var bytes: String?

    @Option(help: ArgumentHelp(
        "Join consecutive messages, a space between, into lines of at least this size.",
        discussion: "A size like --bytes (e.g. 1M for hostile 1 MiB lines); labels move with their text.",
        valueName: "size"))
    var lineBytes: String?

    @Option(name: .shortAndLong, help: "File to write (default: standard output).")
    var output: String?

    @Flag(help: "Write only the message texts, one per line, without JSON.")
    var textOnly = false

    @Flag(help: ArgumentHelp(
        "Write each message as an NDJSON chat event (no labels), one per line.",
        discussion: "Cannot be combined with --text-only."))
    var events = false

    @Flag(help: "Report progress on standard error (default: only when it is a terminal).")
    var progress = false

    func validate() throws {
        if textOnly, events {
            throw ValidationError("Give --text-only or --events, not both.")
        }
        if lines != nil, bytes != nil {
            throw ValidationError("Give --lines or --bytes, not both.")
        }
        if let lines, lines < 0 {
            throw ValidationError("--lines must not be negative.")
        }
        if let bytes, ByteSize.parse(bytes) == nil {
            throw ValidationError("--bytes '\(bytes)' is not a size like 500K, 100M or 1G.")
        }
        if let lineBytes, ByteSize.parse(lineBytes) == nil {
            throw ValidationError("--line-bytes '\(lineBytes)' is not a size like 64K or 1M.")
        }
    }

    func run() throws {
        let limit: OutputLimit
        if let bytes, let count = ByteSize.parse(bytes) {
            limit = .bytes(count)
        } else {
            limit = .lines(lines ?? 1000)
        }
        let handle = try openOutput()
        defer { if output != nil { try? handle.close() } }
        let writer = BufferedWriter(fileHandle: handle)
        let reporter = ProgressReporter(enabled: progress || ProgressReporter.stderrIsTerminal)
        let summary = try CorpusEmitter.emit(
            profile: profile, seed: seed, limit: limit,
            format: events ? .events : textOnly ? .textOnly : .jsonLines,
            to: writer, lineBytes: lineBytes.flatMap(ByteSize.parse) ?? 0,
            progress: reporter.report)
        reporter.finish(summary)
    }

    private func openOutput() throws -> FileHandle {
        guard let output else { return FileHandle.standardOutput }
        guard FileManager.default.createFile(atPath: output, contents: nil) else {
            throw ValidationError("Cannot create \(output).")
        }
        return try FileHandle(forWritingTo: URL(fileURLWithPath: output))
    }
}
