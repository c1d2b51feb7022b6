import ArgumentParser
import Foundation
import PIIMask

/// `piimask explain`: why a part of a value was or was not masked, the twin of
/// `POST /v1/explain`.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain why a part of a value was or was not masked.",
        discussion: """
            Reads one value (a file, or standard input; one trailing line break is dropped) and \
            prints, for the bytes given by --span (or the first occurrence of --select), what is \
            masked there, the candidates the engine finds, every rule asked about each and why it \
            matched or declined, and the rules not asked. It prints byte offsets, rule ids, \
            masked forms and words of the rule files: never the value's bytes. Exit status: 0, or \
            2 for a usage or rule error.
            """)

    @OptionGroup var rules: RuleOptions

    @Option(help: ArgumentHelp("The value's field category (default: the default category).", valueName: "id"))
    var field: String?

    @Option(help: ArgumentHelp("The part to explain: byte offsets into the value's UTF-8, START..END (END excluded).",
                               valueName: "start..end"))
    var span: String?

    @Option(help: ArgumentHelp("The part to explain: the first occurrence of this text in the value (it stays on the command line; prefer --span for real values).",
                               valueName: "text"))
    var select: String?

    @Argument(help: "A file holding the value (default: standard input).")
    var file: String?

    func validate() throws {
        guard (span == nil) != (select == nil) else { throw ValidationError("give one of --span START..END or --select TEXT") }
        if let span, Self.parse(span) == nil { throw ValidationError("--span must be START..END with 0 <= START < END") }
    }

    func run() throws {
        let masker = try rules.makeMasker()
        _ = try FieldOption.policy(field, in: masker)
        var data: Data
        if let file {
            guard let read = FileManager.default.contents(atPath: file) else {
                Diagnostics.error("cannot read '\(file)'")
                throw ExitCode(ExitStatus.usage)
            }
            data = read
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        if data.last == 0x0A { data.removeLast() }
        if data.last == 0x0D { data.removeLast() }
        guard data.count <= Masker.maxExplainedBytes else {
            Diagnostics.error("the value holds \(data.count) bytes; explain reads at most \(Masker.maxExplainedBytes)")
            throw ExitCode(ExitStatus.usage)
        }
        let text = String(decoding: data, as: UTF8.self)
        let bytes = Array(text.utf8)
        let range: Range<Int>
        if let span {
            range = Self.parse(span)!
            guard range.upperBound <= bytes.count else {
                Diagnostics.error("--span ends after the value's \(bytes.count) bytes")
                throw ExitCode(ExitStatus.usage)
            }
        } else {
            let needle = Array(select!.utf8)
            guard !needle.isEmpty, let start = Self.firstIndex(of: needle, in: bytes) else {
                Diagnostics.error("the --select text is not in the value")
                throw ExitCode(ExitStatus.usage)
            }
            range = start..<(start + needle.count)
        }
        print(Self.report(masker.explain(text, range: range, field: field), valueBytes: bytes.count), terminator: "")
    }

    /// `START..END` as a range, or nil.
    static func parse(_ text: String) -> Range<Int>? {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let start = Int(parts[0]), let end = Int(parts[1]), start >= 0, start < end else { return nil }
        return start..<end
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }

    /// The explanation as lines: what is masked, each candidate and its decisions, the
    /// rules not asked.
    static func report(_ explanation: Explanation, valueBytes: Int) -> String {
        let range = explanation.range
        var text = "bytes \(range.lowerBound)–\(range.upperBound) of \(valueBytes), field category \(explanation.field)\n"
        if explanation.masked.isEmpty {
            text += "masked here: nothing\n"
        }
        for finding in explanation.masked {
            text += "masked here: \(finding.type) by \(finding.ruleID.isEmpty ? "(undecided)" : finding.ruleID), bytes \(finding.range.lowerBound)–\(finding.range.upperBound), as \(finding.masked)\n"
        }
        for candidate in explanation.candidates {
            let digits = candidate.digits > 0 ? " (\(candidate.digits) digits)" : ""
            text += "\n\(candidate.kind) candidate at bytes \(candidate.range.lowerBound)–\(candidate.range.upperBound)\(digits)\n"
            for decision in candidate.decisions { text += line(decision) }
        }
        if !explanation.notAsked.isEmpty {
            text += "\nnot asked\n"
            for decision in explanation.notAsked { text += line(decision) }
        }
        return text
    }

    private static func line(_ decision: RuleDecision) -> String {
        "  \(decision.outcome.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(decision.ruleID)  \(decision.reason.rawValue): \(decision.detail)\n"
    }
}
