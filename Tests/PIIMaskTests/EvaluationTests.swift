import Foundation
import Testing
@testable import PIIMask

@Suite struct EvaluationTests {
    static let masker = try! Masker()
    static let evaluator = Evaluator(masker: masker)

    /// A masker with one e-mail rule that finds the local part from its character `skip`
    /// on, and nothing else.
    static func localPartMasker(skipping skip: Int) throws -> Masker {
        let ruleSet = try RuleSet.merge([("partial.yaml", """
            version: 1
            default_field: message.text
            rules:
              - id: email.tail
                type: email
                pattern: "(?<=[A-Za-z]{\(skip)})[A-Za-z]+(?=@)"
                mask: {keep_first: 0}
            fields:
              - {id: message.text, detect: [email]}
            """)])
        return try Masker(ruleSet: ruleSet)
    }

    // MARK: caught, missed, false positives

    @Test func aFoundPhoneIsCaught() {
        let record = LabeledRecord(text: "bel 06-12345678", pii: [.init(type: "phone", range: 4..<15)])
        let report = Self.evaluator.evaluate([record])
        #expect(report.records == 1)
        #expect(report.scores["phone"] == EvaluationScore(spans: 1, caught: 1, falsePositives: 0))
        #expect(report.overall.recall == 1)
        #expect(report.overall.precision == 1)
        #expect(report.overall.f1 == 1)
        #expect(report.typeConfusions.isEmpty)
    }

    @Test func anUnfoundPhoneIsMissed() {
        // Five bare digits with no phone word before them are not a phone for the built-in rules.
        let record = LabeledRecord(text: "code 12345", pii: [.init(type: "phone", range: 5..<10)])
        let report = Self.evaluator.evaluate([record])
        let phone = report.scores["phone"]
        #expect(phone?.spans == 1)
        #expect(phone?.caught == 0)
        #expect(phone?.missed == 1)
        #expect(phone?.recall == 0)
        #expect(phone?.precision == nil)   // no finding at all: undefined
        #expect(phone?.f1 == 0)
    }

    @Test func aFindingOverNoLabeledSpanIsAFalsePositive() {
        let record = LabeledRecord(text: "pay 4111 1111 1111 1111 now")
        let report = Self.evaluator.evaluate([record])
        #expect(report.scores["card"] == EvaluationScore(spans: 0, caught: 0, falsePositives: 1))
        #expect(report.scores["card"]?.precision == 0)
        #expect(report.scores["card"]?.recall == nil)
        #expect(report.falsePositivesByRule == ["card.luhn": 1])
        #expect(report.overall.precision == 0)
    }

    @Test func countsAddUpOverRecords() {
        let records = [
            LabeledRecord(text: "bel 06-12345678", pii: [.init(type: "phone", range: 4..<15)]),
            LabeledRecord(text: "code 12345", pii: [.init(type: "phone", range: 5..<10)]),
            LabeledRecord(text: "pay 4111 1111 1111 1111 now"),
            LabeledRecord(text: "mail melissa@gmail.com", pii: [.init(type: "email", range: 5..<22)]),
        ]
        let report = Self.evaluator.evaluate(records)
        #expect(report.records == 4)
        #expect(report.types == ["phone", "email", "card"])
        #expect(report.overall == EvaluationScore(spans: 3, caught: 2, falsePositives: 1))
        #expect(report.overall.precision == 2.0 / 3)
        #expect(report.overall.recall == 2.0 / 3)
        #expect(report.overall.f1 == 4.0 / 6)
    }

    @Test func aFindingOfAnotherTypeCatchesTheSpanAndIsCountedAsAConfusion() {
        // An SSN-shaped number labeled as a phone: the ssn rule masks it.
        let record = LabeledRecord(text: "call 123-45-6789", pii: [.init(type: "phone", range: 5..<16)])
        let report = Self.evaluator.evaluate([record])
        #expect(report.scores["phone"]?.caught == 1)
        #expect(report.scores["ssn"] == nil)   // not a false positive: it overlaps a labeled span
        #expect(report.confusedSpans == 1)
        #expect(report.typeConfusions == [TypeConfusion(labeled: "phone", found: "ssn"): 1])
    }

    // MARK: what must be covered

    @Test func anEmailNeedsOnlyItsLocalPartAfterTheFirstCharacterCovered() throws {
        let record = LabeledRecord(text: "mail melissa@gmail.com", pii: [.init(type: "email", range: 5..<22)])
        // The finding covers "elissa" only: the kept "m" and "@gmail.com" are not missed.
        let tail = Evaluator(masker: try Self.localPartMasker(skipping: 1)).evaluate([record])
        #expect(tail.scores["email"] == EvaluationScore(spans: 1, caught: 1, falsePositives: 0))
        // The finding covers "lissa" only: the "e" would be visible, so the span is missed.
        let short = Evaluator(masker: try Self.localPartMasker(skipping: 2)).evaluate([record])
        #expect(short.scores["email"] == EvaluationScore(spans: 1, caught: 0, falsePositives: 0))
    }

    @Test func theFirstCharacterOfAnEmailMayBeSeveralBytes() {
        let text = "é-mail éva@x.nl"           // "é" is 2 bytes; the address starts at byte 8
        let coverage = SpanCoverage(text: text, findings: [Finding(type: "email", ruleID: "r", range: 10..<12)])
        let span = LabeledRecord.Span(type: "email", range: 8..<17)
        #expect(coverage.mustHideRange(of: span) == 10..<12)
        #expect(coverage.isCaught(span))
    }

    @Test func whiteSpaceInsideASpanNeedNotBeCovered() {
        let text = "+31 6\u{00A0}12345678"         // a space and a no-break space (2 bytes)
        let findings = [Finding(type: "phone", ruleID: "a", range: 0..<3),
                        Finding(type: "phone", ruleID: "b", range: 4..<5),
                        Finding(type: "phone", ruleID: "c", range: 7..<15)]
        let span = LabeledRecord.Span(type: "phone", range: 0..<15)
        #expect(SpanCoverage(text: text, findings: findings).isCaught(span))
        let gap = [findings[0], findings[2]]   // the "6" is not covered
        #expect(!SpanCoverage(text: text, findings: gap).isCaught(span))
    }

    // MARK: look-alikes

    @Test func lookAlikesSurviveUnlessAFindingOverlapsThem() {
        let records = [
            LabeledRecord(text: "order 123456789", negatives: [.init(kind: "order", range: 6..<15)]),
            LabeledRecord(text: "transaction reference 4111111111111111",
                          negatives: [.init(kind: "luhn_invalid", range: 22..<38)]),
        ]
        let report = Self.evaluator.evaluate(records)
        #expect(report.negatives["order"] == NegativeScore(total: 1, survived: 1))
        #expect(report.negatives["luhn_invalid"] == NegativeScore(total: 1, survived: 0, hitsByRule: ["card.luhn": 1]))
        #expect(report.negatives["luhn_invalid"]?.masked == 1)
        #expect(report.negativeKinds == ["luhn_invalid", "order"])
        // The finding over the look-alike overlaps no labeled PII: it is also a false positive.
        #expect(report.scores["card"]?.falsePositives == 1)
    }

    @Test func theFieldPolicyDecidesWhichDetectorsRun() throws {
        let record = LabeledRecord(text: "Case 123-45-6789", pii: [.init(type: "ssn", range: 5..<16)])
        let ruleSet = try RuleSet.merge(BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) } + [("contact.yaml", """
            version: 1
            fields:
              - {id: contact.only, new: true, detect: [phone, email]}
            """)])
        let masker = try Masker(ruleSet: ruleSet)
        let policy = try #require(masker.policy(named: "contact.only"))
        let report = Evaluator(masker: masker, policy: policy).evaluate([record])
        #expect(report.field == "contact.only")
        #expect(report.scores["ssn"]?.missed == 1)
        #expect(Self.evaluator.evaluate([record]).scores["ssn"]?.caught == 1)
    }

    // MARK: thresholds

    @Test func thresholdsGateOnOverallRecallAndPrecision() throws {
        var report = EvaluationReport(field: "message.text")
        report.scores["phone"] = EvaluationScore(spans: 4, caught: 3, falsePositives: 1)   // recall 0.75, precision 0.75
        #expect(try EvaluationThresholds(minRecall: 0.75, minPrecision: 0.75).failures(in: report).isEmpty)
        #expect(try EvaluationThresholds(minRecall: 0.5).failures(in: report).isEmpty)
        #expect(try EvaluationThresholds().failures(in: report).isEmpty)
        let failures = try EvaluationThresholds(minRecall: 0.8, minPrecision: 0.9).failures(in: report)
        #expect(failures.map(\.metric) == ["recall", "precision"])
        #expect(failures.first?.actual == 0.75)
        #expect(failures.first?.minimum == 0.8)
        #expect(try EvaluationThresholds(minRecall: 1).failures(in: report).count == 1)
    }

    @Test func aThresholdOnAnUndefinedRatioIsMet() throws {
        let empty = EvaluationReport(field: "message.text")   // no spans, no findings
        #expect(try EvaluationThresholds(minRecall: 1, minPrecision: 1).failures(in: empty).isEmpty)
    }

    @Test(arguments: [-0.1, 1.01, Double.nan, Double.infinity])
    func thresholdsOutsideZeroToOneAreRejected(_ value: Double) {
        #expect(throws: EvaluationThresholds.InvalidValue.self) { try EvaluationThresholds(minRecall: value) }
        #expect(throws: EvaluationThresholds.InvalidValue.self) { try EvaluationThresholds(minPrecision: value) }
    }

    // MARK: reading corpora

    @Test func readsJSONLinesWithByteOffsets() throws {
        let data = """
            {"text":"Bel me terug op 06-12345678 aub","pii":[{"type":"phone","start":16,"end":27}],"negatives":[]}

            {"text":"€ 12,50 for order 5512","pii":[],"negatives":[{"kind":"amount","start":0,"end":9},{"kind":"order","start":20,"end":24}]}\r
            {"text":"no labels","pii":[]}
            """
        let records = try LabeledCorpus.parse(Array(data.utf8), file: "x.jsonl")
        #expect(records.count == 3)
        #expect(records[0].pii == [.init(type: "phone", range: 16..<27)])
        #expect(records[0].line == 1)
        #expect(records[1].line == 3)
        #expect(records[1].negatives.map(\.kind) == ["amount", "order"])
        #expect(records[2].negatives.isEmpty)
        let report = Self.evaluator.evaluate(records)
        #expect(report.scores["phone"]?.caught == 1)
        #expect(report.negatives["order"]?.survived == 1)
    }

    @Test(arguments: [
        (#"{"text":"call 0612345678","pii":[{"type":"phone","start":5}]}"#, "pii[0]: missing key 'end'"),
        (#"{"text":"call 0612345678","pii":[{"type":"phone","start":5,"end":99}]}"#, "pii[0]: end 99 is past the end of the text (15 bytes)"),
        (#"{"text":"call 0612345678","pii":[{"type":"phone","start":9,"end":5}]}"#, "pii[0]: start 9 and end 5 do not form a range"),
        (#"{"text":"call 0612345678","pii":[{"type":"phone","start":"5","end":15}]}"#, "pii[0].start: expected an integer"),
        (#"{"text":"call 0612345678","pii":[],"negatives":[{"kind":"order","start":0,"end":16}]}"#, "negatives[0]: end 16 is past the end of the text (15 bytes)"),
        (#"{"text":"call 0612345678","pii":[{"type":"phone","start":5.5,"end":15}]}"#, "a value has the wrong type (offsets must be integers)"),
        (#"{"text":"call 0612345678","pii":[]"#, "not valid JSON"),
        (#"{"pii":[]}"#, "missing key 'text'"),
        (#"{"text":612345678,"pii":[]}"#, "text: expected a string"),
        (#"["call 0612345678"]"#, "not a JSON object"),
    ])
    func aMalformedLineIsNamedByFileAndLineWithoutItsText(_ line: String, _ problem: String) {
        let data = #"{"text":"fine","pii":[]}"# + "\n" + line + "\n"
        #expect(throws: LabeledCorpusError(file: "corpus.jsonl", line: 2, problem: problem)) {
            try LabeledCorpus.parse(Array(data.utf8), file: "corpus.jsonl")
        }
        do {
            _ = try LabeledCorpus.parse(Array(data.utf8), file: "corpus.jsonl")
        } catch {
            #expect(error.description.hasPrefix("corpus.jsonl:2: "))
            #expect(!error.description.contains("0612345678"))
            #expect(!error.description.contains("612345678"))
        }
    }

    @Test func anUnreadableFileIsNamed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID()).jsonl").path
        #expect(throws: LabeledCorpusError(file: path, problem: "cannot read: No such file or directory")) {
            try LabeledCorpus.read(path: path)
        }
        #expect(throws: LabeledCorpusError.self) {
            try LabeledCorpus.read(path: FileManager.default.temporaryDirectory.path)
        }
    }

    @Test func readsAFileFromDisk() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eval-\(UUID()).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(#"{"text":"bel 06-12345678","pii":[{"type":"phone","start":4,"end":15}],"negatives":[]}"#.utf8)
            .write(to: url)
        let report = try Self.evaluator.evaluate(corpusAt: url.path)
        #expect(report.overall == EvaluationScore(spans: 1, caught: 1, falsePositives: 0))
    }

    // MARK: JSON form

    @Test func jsonHasCountsRatiosAndNullForUndefined() throws {
        let records = [
            LabeledRecord(text: "code 12345", pii: [.init(type: "phone", range: 5..<10)]),
            LabeledRecord(text: "order 123456789", negatives: [.init(kind: "order", range: 6..<15)]),
        ]
        let data = try JSONEncoder().encode(Self.evaluator.evaluate(records))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let phone = try #require((object["types"] as? [String: Any])?["phone"] as? [String: Any])
        #expect(phone["spans"] as? Int == 1)
        #expect(phone["missed"] as? Int == 1)
        #expect(phone["recall"] as? Double == 0)
        #expect(phone["precision"] is NSNull)
        let order = try #require((object["negatives"] as? [String: Any])?["order"] as? [String: Any])
        #expect(order["survived"] as? Int == 1)
        #expect(object["records"] as? Int == 2)
        #expect(!String(decoding: data, as: UTF8.self).contains("12345"))
    }
}
