/// Measures how accurately a masker's findings match a labeled corpus.
///
/// For each record it runs `Masker.findings(inUTF8:policy:)` under one field policy and
/// compares the findings' byte ranges with the labels; nothing is masked or printed.
///
/// **Caught.** A labeled span is caught when the union of the findings' ranges covers all
/// of its bytes except white space — for an `email`, only its local part after the first
/// character must be covered, because the e-mail mask keeps the first character and the
/// `@domain`. A finding of another type counts as a catch for the labeled type (the text is
/// masked either way); such spans are counted in `EvaluationReport.typeConfusions`.
///
/// **False positive.** A finding whose range overlaps no labeled span of any type.
///
/// **Survived.** A look-alike (`negatives`) that no finding overlaps.
///
/// **Families.** Spans are also counted per format family and type
/// (`EvaluationReport.families`; spans without a family under `unlabeled`), and look-alikes
/// that carry a family per family (`EvaluationReport.lookalikeFamilies`).
///
/// ```swift
/// let masker = try Masker()
/// let report = try Evaluator(masker: masker).evaluate(corpusAt: "fixtures/labeled/chat-en-nl.jsonl")
/// report.overall.recall      // e.g. 0.998
/// ```
public struct Evaluator: Sendable {
    /// The masker whose findings are measured.
    public let masker: Masker
    /// The field policy the findings are made under.
    public let policy: FieldPolicy

    /// An evaluator of `masker` under `policy` (default: the masker's default policy).
    public init(masker: Masker, policy: FieldPolicy? = nil) {
        self.masker = masker
        self.policy = policy ?? masker.defaultPolicy
    }

    /// Reads the labeled corpus at `path` and evaluates every record.
    ///
    /// - Throws: `LabeledCorpusError` when the file cannot be read or a line is malformed.
    /// - Complexity: O(n) in the size of the corpus for the built-in rules.
    public func evaluate(corpusAt path: String) throws(LabeledCorpusError) -> EvaluationReport {
        evaluate(try LabeledCorpus.read(path: path))
    }

    /// Evaluates `records`.
    ///
    /// - Complexity: O(n) in the total length of the texts for the built-in rules.
    public func evaluate(_ records: some Sequence<LabeledRecord>) -> EvaluationReport {
        var report = EvaluationReport(field: policy.id)
        for record in records { evaluate(record, into: &report) }
        return report
    }

    /// Evaluates one record and adds its counts to `report`.
    public func evaluate(_ record: LabeledRecord, into report: inout EvaluationReport) {
        var text = record.text
        let findings = text.withUTF8 { masker.findings(inUTF8: UnsafeRawBufferPointer($0), policy: policy) }
        let coverage = SpanCoverage(text: record.text, findings: findings)
        report.records += 1

        for span in record.pii {
            var score = report.scores[span.type, default: EvaluationScore()]
            let familyKey = FamilyKey(family: span.family ?? FamilyKey.unlabeled, type: span.type)
            var familyScore = report.families[familyKey, default: FamilyScore()]
            score.spans += 1
            familyScore.spans += 1
            if coverage.isCaught(span) {
                score.caught += 1
                familyScore.caught += 1
                let otherTypes = Set(findings.lazy
                    .filter { $0.range.sharesPosition(with: span.range) && $0.type != span.type }
                    .map(\.type))
                if !otherTypes.isEmpty { report.confusedSpans += 1 }
                for type in otherTypes {
                    report.typeConfusions[TypeConfusion(labeled: span.type, found: type), default: 0] += 1
                }
            }
            report.scores[span.type] = score
            report.families[familyKey] = familyScore
        }

        for finding in findings where !record.pii.contains(where: { $0.range.sharesPosition(with: finding.range) }) {
            report.scores[finding.type, default: EvaluationScore()].falsePositives += 1
            report.falsePositivesByRule[finding.ruleID, default: 0] += 1
        }

        for negative in record.negatives {
            var score = report.negatives[negative.kind, default: NegativeScore()]
            score.total += 1
            let hitBy = Set(findings.lazy.filter { $0.range.sharesPosition(with: negative.range) }.map(\.ruleID))
            if hitBy.isEmpty { score.survived += 1 }
            for rule in hitBy { score.hitsByRule[rule, default: 0] += 1 }
            report.negatives[negative.kind] = score
            if let family = negative.family {
                var familyScore = report.lookalikeFamilies[family, default: NegativeScore()]
                familyScore.total += 1
                if hitBy.isEmpty { familyScore.survived += 1 }
                for rule in hitBy { familyScore.hitsByRule[rule, default: 0] += 1 }
                report.lookalikeFamilies[family] = familyScore
            }
        }
    }
}
