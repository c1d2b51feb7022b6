import ArgumentParser
import Glibc
import PIIMask

/// `piimask compose-check`: checks outgoing agent messages against the composer.
struct ComposeCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compose-check",
        abstract: "Check outgoing agent messages: length, reserved < and >, PII; exit 1 on findings.",
        discussion: """
            Text: each line is one message. NDJSON: each line is a chat event; the text of \
            agent messages ("event":"message", "message.from":"agent") at message.text is \
            checked, other events are skipped, and a line that is not a JSON object (or an \
            agent message without text) is a finding. Each finding is one JSON line with the \
            file, line, reason and position — start/end in characters (Unicode scalars), \
            byte_start/byte_end in UTF-8 bytes of the message text — never the text. \
            Exit status: 0 clean, 1 findings, 2 usage, rule or read error.
            """)

    /// Input formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, ndjson
    }

    @OptionGroup var rules: RuleOptions

    @Option(help: "Input format: text (one message per line) or ndjson (chat events).")
    var format: Format = .text

    @Option(help: ArgumentHelp(
        "The field category whose detectors decide what PII the message may not hold.", valueName: "id"))
    var field: String = "message.text"

    @Option(help: ArgumentHelp("The most characters (Unicode scalars) a message may have.", valueName: "n"))
    var maxCharacters: Int = ComposerCheck.defaultLimit

    @Argument(help: "Files to check (default: standard input).")
    var files: [String] = []

    func validate() throws {
        guard maxCharacters >= 1 else { throw ValidationError("--max-characters must be at least 1") }
    }

    func run() throws {
        let masker = try rules.makeMasker()
        _ = try FieldOption.policy(field, in: masker)
        let check = ComposerCheck(masker: masker, field: field, limit: maxCharacters)
        var found = 0
        for file in files.isEmpty ? ["-"] : files {
            let descriptor = file == "-" ? 0 : open(file, O_RDONLY)
            guard descriptor >= 0 else {
                Diagnostics.error("cannot open '\(file)': \(String(cString: strerror(errno)))")
                throw ExitCode(ExitStatus.usage)
            }
            defer { if descriptor != 0 { close(descriptor) } }
            let name = file == "-" ? "(stdin)" : file
            var reader = LineReader(descriptor: descriptor)
            var number = 0
            while true {
                let next: LineReader.Line?
                do {
                    next = try reader.next()
                } catch {
                    Diagnostics.error("'\(file)': \(error.description)")
                    throw ExitCode(ExitStatus.usage)
                }
                guard let line = next else { break }
                number += 1
                let prefix = "{\"file\":\(JSONText.quoted(name)),\"line\":\(number),"
                let text: String
                switch format {
                case .text:
                    text = String(decoding: line.bytes.last == 0x0D ? line.bytes.dropLast() : line.bytes[...], as: UTF8.self)
                case .ndjson:
                    switch AgentMessage(event: line.bytes) {
                    case .text(let message): text = message
                    case .otherEvent: continue
                    case .invalid:
                        found += 1
                        print(prefix + "\"reason\":\"invalid-event\"}")
                        continue
                    }
                }
                for finding in check.check(text) {
                    found += 1
                    print(prefix + Self.json(finding, field: field, path: format == .ndjson ? AgentMessage.textPath : nil))
                }
            }
        }
        if found > 0 { throw ExitCode(ExitStatus.findings) }
    }

    /// The rest of one finding's JSON line, after file and line.
    static func json(_ finding: ComposerFinding, field: String, path: String?) -> String {
        var fields: [String] = []
        if let path { fields.append("\"path\":\(JSONText.quoted(path))") }
        switch finding.reason {
        case .tooLong(let length, let limit):
            fields += ["\"reason\":\"too-long\"", "\"length\":\(length)", "\"limit\":\(limit)"]
        case .reservedCharacter(let scalar):
            fields += ["\"reason\":\"reserved-character\"", "\"character\":\(JSONText.quoted(String(scalar)))"]
        case .pii(let type, let ruleID):
            fields += ["\"reason\":\"pii\"", "\"field\":\(JSONText.quoted(field))",
                       "\"type\":\(JSONText.quoted(type))", "\"rule\":\(JSONText.quoted(ruleID))"]
        }
        fields += [
            "\"start\":\(finding.characters.lowerBound)", "\"end\":\(finding.characters.upperBound)",
            "\"byte_start\":\(finding.bytes.lowerBound)", "\"byte_end\":\(finding.bytes.upperBound)",
        ]
        return fields.joined(separator: ",") + "}"
    }
}
