import ArgumentParser
import Foundation
import PIIMask

/// `piimask eval`: measures the rules in effect on a labeled corpus and gates on the result.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the rules' accuracy on a labeled corpus (JSON lines); optionally gate on it.",
        discussion: """
            A labeled span is caught when the findings cover every byte of it but white space \
            (for an e-mail: its local part after the first character). A finding that overlaps \
            no labeled span is a false positive. A look-alike survives when no finding overlaps it. \
            Only counts and rule ids are printed, never text of the corpus. Spans that carry \
            a format family ("family" in the corpus) are also counted per family and type \
            (spans without one under "unlabeled"), and look-alikes that carry one per family.

            A gate fails on no data: a threshold on a ratio with nothing to measure (recall \
            with no labeled span, precision with no finding) is not met. A labeled type that no \
            rule in effect has is an error.

            Exit status: 0 done (thresholds met), 1 a threshold not met, 2 usage or rule error, \
            an unknown labeled type, or a corpus that cannot be read.
            """)

    @Argument(help: ArgumentHelp("The labeled corpora: JSON lines {\"text\", \"pii\", \"negatives\"} (see fixtures/labeled/README.md); several files are measured as one corpus.",
                                 valueName: "labeled.jsonl"))
    var files: [String]

    @OptionGroup var rules: RuleOptions

    @Option(help: ArgumentHelp("The field category whose policy makes the findings (default: the default category).",
                               valueName: "id"))
    var field: String?

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @OptionGroup var progress: ProgressOption

    @Option(name: .customLong("min-recall"),
            help: ArgumentHelp("Exit 1 when the overall recall is below this value (0…1).", valueName: "x"))
    var minRecall: Double?

    @Option(name: .customLong("min-precision"),
            help: ArgumentHelp("Exit 1 when the overall precision is below this value (0…1).", valueName: "x"))
    var minPrecision: Double?

    func validate() throws {
        _ = try makeThresholds()
    }

    func run() throws {
        let thresholds = try makeThresholds()
        let masker = try rules.makeMasker()
        let policy = try FieldOption.policy(field, in: masker)
        let evaluator = Evaluator(masker: masker, policy: policy)
        var report = EvaluationReport(field: policy.id)
        var meter = ProgressMeter(command: "eval", unit: "records", enabled: progress.enabled)
        var done = 0
        do {
            for file in files {
                let records = try LabeledCorpus.read(path: file)
                // The total is known when there is one corpus file (it is read whole first).
                let total = files.count == 1 ? records.count : nil
                for record in records {
                    evaluator.evaluate(record, into: &report)
                    done += 1
                    meter.update(done: done, of: total)
                }
            }
            meter.finish(done: done, of: files.count == 1 ? done : nil)
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.usage)
        }
        let file = files.joined(separator: ", ")
        let ruleTypes = Set(masker.ruleSet.rules.map(\.type) + [Finding.undecidedType])
        let unknownTypes = report.types.filter { !ruleTypes.contains($0) }
        if !unknownTypes.isEmpty {
            Diagnostics.error("'\(file)': labeled type \(unknownTypes.map { "'\($0)'" }.joined(separator: ", ")) is not a type of any rule (types: \(ruleTypes.sorted().joined(separator: ", ")))")
            throw ExitCode(ExitStatus.usage)
        }
        let failures = thresholds.failures(in: report)
        let undefined = Self.undefinedGates(thresholds, report)
        if json {
            let output = JSONOutput(files: files, report: report, thresholds: thresholds,
                                    failed: failures.map(\.metric) + undefined.map(\.metric))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
        } else {
            print(EvalTable(file: file, report: report).text, terminator: "")
        }
        for failure in failures {
            let option = failure.metric == "recall" ? "--min-recall" : "--min-precision"
            Diagnostics.error("overall \(failure.metric) \(failure.actual) is below \(option) \(failure.minimum)")
        }
        for gate in undefined { Diagnostics.error(gate.message) }
        if !failures.isEmpty || !undefined.isEmpty { throw ExitCode.failure }
    }

    /// The thresholds that cannot be judged for want of data: a gate fails on no data.
    static func undefinedGates(_ thresholds: EvaluationThresholds,
                               _ report: EvaluationReport) -> [(metric: String, message: String)] {
        var gates: [(metric: String, message: String)] = []
        if thresholds.minRecall != nil && report.overall.recall == nil {
            gates.append(("recall", "--min-recall cannot be met: the corpus has no labeled spans (\(report.records) records)"))
        }
        if thresholds.minPrecision != nil && report.overall.precision == nil {
            gates.append(("precision", "--min-precision cannot be met: there are no findings to measure (\(report.records) records)"))
        }
        return gates
    }

    /// The thresholds from the options; a value outside 0…1 is a usage error.
    private func makeThresholds() throws -> EvaluationThresholds {
        do {
            return try EvaluationThresholds(minRecall: minRecall, minPrecision: minPrecision)
        } catch {
            throw ValidationError("--min-\(error.metric) must be a number between 0 and 1")
        }
    }
}

/// `piimask eval --json`: the report's keys plus the files (`file` when there is one) and
/// the thresholds.
private struct JSONOutput: Encodable {
    let files: [String]
    let report: EvaluationReport
    let thresholds: EvaluationThresholds
    /// The metrics whose threshold was not met (or could not be judged).
    let failed: [String]

    enum CodingKeys: String, CodingKey {
        case file, files, thresholds
    }

    enum ThresholdKeys: String, CodingKey {
        case minRecall = "min_recall"
        case minPrecision = "min_precision"
        case passed, failed
    }

    func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        if files.count == 1 { try container.encode(files[0], forKey: .file) }
        try container.encode(files, forKey: .files)
        var gate = container.nestedContainer(keyedBy: ThresholdKeys.self, forKey: .thresholds)
        try gate.encode(thresholds.minRecall, forKey: .minRecall)
        try gate.encode(thresholds.minPrecision, forKey: .minPrecision)
        try gate.encode(failed.isEmpty, forKey: .passed)
        try gate.encode(failed, forKey: .failed)
    }
}

/// The table `piimask eval` prints for people: counts, ratios, rule ids; never corpus text.
private struct EvalTable {
    let file: String
    let report: EvaluationReport

    var text: String {
        var lines = ["\(file): \(report.records) records, field \(report.field)", ""]
        let header = ["type", "spans", "caught", "missed", "false pos", "precision", "recall", "F1"]
        var rows: [[String]] = report.types.map { row($0, report.scores[$0] ?? EvaluationScore()) }
        rows.append(row("overall", report.overall))
        lines += Self.align([header] + rows, leftColumns: 1, separatorBefore: rows.count)

        lines.append("")
        if report.typeConfusions.isEmpty {
            lines.append("type confusions: none")
        } else {
            let pairs = report.typeConfusions.keys.sorted().map {
                "\($0.labeled) caught as \($0.found) \(report.typeConfusions[$0] ?? 0)"
            }
            lines.append("type confusions: \(report.confusedSpans) spans (\(pairs.joined(separator: ", ")))")
        }
        lines.append("false positives by rule: \(Self.byRule(report.falsePositivesByRule))")

        if !report.negatives.isEmpty {
            lines.append("")
            var negativeRows = [["look-alike", "survived", "total", "hit by"]]
            var survived = 0, total = 0
            for kind in report.negativeKinds {
                let score = report.negatives[kind] ?? NegativeScore()
                survived += score.survived
                total += score.total
                negativeRows.append([kind, "\(score.survived)", "\(score.total)",
                                     score.hitsByRule.isEmpty ? "" : Self.byRule(score.hitsByRule)])
            }
            negativeRows.append(["all", "\(survived)", "\(total)", ""])
            lines += Self.align(negativeRows, leftColumns: 1, lastLeft: true, separatorBefore: negativeRows.count - 1)
        }
        lines += familyTable
        lines += lookalikeFamilyTable
        return lines.map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
            .joined(separator: "\n") + "\n"
    }

    /// Recall per format family and type; nothing when no span carries a family.
    private var familyTable: [String] {
        let keys = report.familyKeys
        guard keys.contains(where: { $0.family != FamilyKey.unlabeled }) else { return [] }
        var rows = [["family", "type", "spans", "caught", "missed", "recall"]]
        for key in keys {
            let score = report.families[key] ?? FamilyScore()
            rows.append([key.family, key.type, "\(score.spans)", "\(score.caught)", "\(score.missed)",
                         Self.ratio(score.caught, score.spans)])
        }
        return [""] + Self.align(rows, leftColumns: 2)
    }

    /// Survivors per look-alike family; nothing when no look-alike carries a family.
    private var lookalikeFamilyTable: [String] {
        guard !report.lookalikeFamilies.isEmpty else { return [] }
        var rows = [["look-alike family", "survived", "total", "intact", "hit by"]]
        for family in report.lookalikeFamilies.keys.sorted() {
            let score = report.lookalikeFamilies[family] ?? NegativeScore()
            rows.append([family, "\(score.survived)", "\(score.total)", Self.ratio(score.survived, score.total),
                         score.hitsByRule.isEmpty ? "" : Self.byRule(score.hitsByRule)])
        }
        return [""] + Self.align(rows, leftColumns: 1, lastLeft: true)
    }

    /// One row of the type table.
    private func row(_ type: String, _ score: EvaluationScore) -> [String] {
        [type, "\(score.spans)", "\(score.caught)", "\(score.missed)", "\(score.falsePositives)",
         Self.ratio(score.caught, score.caught + score.falsePositives),
         Self.ratio(score.caught, score.spans),
         Self.ratio(2 * score.caught, 2 * score.caught + score.falsePositives + score.missed)]
    }

    /// `numerator / denominator` to 4 decimals, rounded down (so 1.0000 means exactly 1);
    /// `-` when undefined.
    static func ratio(_ numerator: Int, _ denominator: Int) -> String {
        guard denominator > 0 else { return "-" }
        let scaled = numerator * 10_000 / denominator
        let fraction = String(scaled % 10_000)
        return "\(scaled / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    /// `rule 3, other.rule 1`, most first; `none` when empty.
    static func byRule(_ counts: [String: Int]) -> String {
        if counts.isEmpty { return "none" }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    /// Rows padded to column widths: the first `leftColumns` (and the last, if `lastLeft`)
    /// left-aligned, the others right-aligned; a rule of dashes before row `separatorBefore`.
    static func align(_ rows: [[String]], leftColumns: Int, lastLeft: Bool = false,
                      separatorBefore: Int? = nil) -> [String] {
        let count = rows.map(\.count).max() ?? 0
        let widths = (0..<count).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        var lines: [String] = []
        for (index, row) in rows.enumerated() {
            if index == separatorBefore {
                lines.append(String(repeating: "-", count: widths.reduce(0, +) + 2 * (count - 1)))
            }
            let cells = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                let left = column < leftColumns || (lastLeft && column == count - 1)
                return left ? cell + padding : padding + cell
            }
            lines.append(cells.joined(separator: "  "))
        }
        return lines
    }
}
