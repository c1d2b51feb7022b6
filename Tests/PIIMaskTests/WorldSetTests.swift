import Foundation
import Testing
@testable import PIIMask

/// The world sets of `fixtures/world/` (published sample numbers and a peer's test suite,
/// converted by `fixtures/world/convert.py`; sources in `fixtures/world/SOURCES.md`) against
/// the targets of issue 19. A target the built-in rules do not reach yet is wrapped in
/// `withKnownIssue`: the threshold is asserted as the issue states it, and the wrapper fails
/// the run as soon as the target is met, so that it is removed then.
@Suite struct WorldSetTests {
    static let masker = try! Masker()
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/world")

    /// The evaluation of the world set `name` under the policy of `field` (default: the
    /// masker's default field).
    static func report(_ name: String, field: String? = nil) throws -> EvaluationReport {
        let evaluator = Evaluator(masker: masker, policy: field.map { masker.policy(for: $0) })
        return try evaluator.evaluate(corpusAt: folder.appendingPathComponent(name).path)
    }

    /// The records of the world set `name`.
    static func records(_ name: String) throws -> [LabeledRecord] {
        try LabeledCorpus.read(path: folder.appendingPathComponent(name).path)
    }

    /// Caught over spans of the families of `report` whose name starts with `prefix`.
    static func recall(_ report: EvaluationReport, familiesStartingWith prefix: String = "") -> (caught: Int, spans: Int) {
        report.families.filter { $0.key.family.hasPrefix(prefix) }.values
            .reduce((0, 0)) { ($0.0 + $1.caught, $0.1 + $1.spans) }
    }

    /// Survived over total of the look-alike families of `report` that `include` accepts.
    static func intact(_ report: EvaluationReport, _ include: (String) -> Bool = { _ in true }) -> (survived: Int, total: Int) {
        report.lookalikeFamilies.filter { include($0.key) }.values
            .reduce((0, 0)) { ($0.0 + $1.survived, $0.1 + $1.total) }
    }

    static func ratio(_ part: (Int, Int)) -> Double { part.1 == 0 ? 0 : Double(part.0) / Double(part.1) }

    // MARK: - The sets are what they claim

    @Test(arguments: ["iban-world.jsonl", "card-world.jsonl", "phone-world.jsonl", "phone-world-other-types.jsonl",
                      "id-world.jsonl", "lookalikes-world.jsonl", "peer-presidio.jsonl", "issue19-table.jsonl"])
    func everySpanOfAWorldSetCarriesAFamilyAndTheSetIsNotEmpty(_ name: String) throws {
        let records = try Self.records(name)
        #expect(records.count > 0)
        #expect(records.allSatisfy { $0.pii.allSatisfy { $0.family != nil } && $0.negatives.allSatisfy { $0.family != nil } })
    }

    /// The published values behind the IBAN and card sets pass their own checks; a writing
    /// changes separators and case only. (Written from ISO 13616 and the Luhn definition,
    /// independently of the converter and of the engine's validators.)
    @Test func theIBANsAndCardsOfTheWorldSetsAreValidWhateverTheirWriting() throws {
        func alphanumerics(_ text: String) -> String {
            String(text.unicodeScalars.filter { ($0.properties.numericType != nil && $0.isASCII) || ($0.isASCII && $0.properties.isAlphabetic) }).uppercased()
        }
        func mod97(_ iban: String) -> Bool {
            let moved = iban.dropFirst(4) + iban.prefix(4)
            var remainder = 0
            for character in moved {
                guard let value = Int(String(character), radix: 36) else { return false }
                for digit in String(value) { remainder = (remainder * 10 + Int(String(digit))!) % 97 }
            }
            return remainder == 1
        }
        func luhn(_ digits: String) -> Bool {
            var total = 0
            for (position, character) in digits.reversed().enumerated() {
                var value = Int(String(character))!
                if position % 2 == 1 { value = value * 2 > 9 ? value * 2 - 9 : value * 2 }
                total += value
            }
            return total % 10 == 0
        }
        for record in try Self.records("iban-world.jsonl") {
            for span in record.pii {
                let value = String(decoding: Array(record.text.utf8)[span.range], as: UTF8.self)
                #expect(mod97(alphanumerics(value)), "\(value)")
            }
        }
        for record in try Self.records("card-world.jsonl") {
            for span in record.pii {
                let value = String(decoding: Array(record.text.utf8)[span.range], as: UTF8.self)
                #expect(luhn(alphanumerics(value)), "\(value)")
            }
        }
    }

    // MARK: - The targets of issue 19

    @Test func ibanAsWrittenInTheWorldReachesRecall099() throws {
        let report = try Self.report("iban-world.jsonl")
        let score = report.scores["iban", default: EvaluationScore()]
        print("world IBAN: recall \(score.caught)/\(score.spans), false positives \(score.falsePositives)")
        #expect((score.recall ?? 0) >= 0.99, "IBAN recall \(score.caught)/\(score.spans)")
    }

    @Test func publishedTestCardsAreFoundWhateverTheirWriting() throws {
        // Not a figure of the issue: its item 1 (a checksum type is found however it is
        // written) and item 2 (glued), held to the issue's IBAN bar.
        let score = try Self.report("card-world.jsonl").scores["card", default: EvaluationScore()]
        print("world cards: recall \(score.caught)/\(score.spans)")
        #expect((score.recall ?? 0) >= 0.99, "card recall \(score.caught)/\(score.spans)")
    }

    @Test func thePeerSuiteReaches098OnPositivesAndOnNegatives() throws {
        let report = try Self.report("peer-presidio.jsonl")
        let positives = (report.overall.caught, report.overall.spans)
        // Presidio's own negatives and the texts of its date and IP tests; the negatives
        // where piimask's documented policy is to mask (a valid IBAN with slashes, a failed
        // Luhn after a card word) are counted apart.
        let negatives = Self.intact(report) { !$0.hasSuffix(".policy-differs") }
        let differs = Self.intact(report) { $0.hasSuffix(".policy-differs") }
        print("peer suite: positives \(positives.0)/\(positives.1), negatives intact \(negatives.survived)/\(negatives.total), policy differs: intact \(differs.survived)/\(differs.total)")
        #expect(Self.ratio(positives) >= 0.98, "peer positives \(positives)")
        #expect(Self.ratio(negatives) >= 0.98, "peer negatives \(negatives)")
    }

    @Test func phoneRecallOnLibphonenumbersExamplesReaches0995() throws {
        let report = try Self.report("phone-world.jsonl")
        let score = report.scores["phone", default: EvaluationScore()]
        let other = try Self.report("phone-world-other-types.jsonl").scores["phone", default: EvaluationScore()]
        print("world phones (fixed line, mobile): recall \(score.caught)/\(score.spans); other number types: \(other.caught)/\(other.spans)")
        #expect((score.recall ?? 0) >= 0.995, "phone recall \(score.caught)/\(score.spans)")
    }

    @Test func lookAlikesStayIntact() throws {
        let report = try Self.report("lookalikes-world.jsonl")
        let all = Self.intact(report)
        let tracking = Self.intact(report) { $0.hasPrefix("tracking.") }
        print("world look-alikes: intact \(all.survived)/\(all.total), tracking numbers \(tracking.survived)/\(tracking.total), false positives \(report.overall.falsePositives)")
        #expect(Self.ratio(tracking) >= 0.99, "tracking intact \(tracking)")
        #expect(Self.ratio(all) >= 0.995, "look-alikes intact \(all)")
    }

    @Test func noLineOfTheIssueLeaks() throws {
        var missed: [String] = []
        var spans = 0
        var hit: [String] = []
        for (name, field) in Self.issueSets {
            let records = try Self.records(name)
            let evaluator = Evaluator(masker: Self.masker, policy: field.map { Self.masker.policy(for: $0) })
            for record in records {
                var text = record.text
                let findings = text.withUTF8 { Self.masker.findings(inUTF8: UnsafeRawBufferPointer($0), policy: evaluator.policy) }
                let coverage = SpanCoverage(text: record.text, findings: findings)
                for span in record.pii {
                    spans += 1
                    if !coverage.isCaught(span) { missed.append(span.family ?? "-") }
                }
                for negative in record.negatives where findings.contains(where: { $0.range.overlaps(negative.range) }) {
                    hit.append(negative.family ?? "-")
                }
            }
        }
        print("issue 19 lines: \(spans - missed.count)/\(spans) caught; missed: \(missed.joined(separator: " ")); look-alikes hit: \(hit.joined(separator: " "))")
        withKnownIssue("issue 19: 6 of 75 lines still leak (a card after a card word with , : | ' or space runs between its groups; an e-mail phrase ending a value on its own)") {
            #expect(missed.isEmpty && hit.isEmpty, "missed \(missed.count), look-alikes hit \(hit.count)")
        }
    }

    /// Item 5: a mask never interleaves kept digits and stars (`1112.22.333` →
    /// `******2*333` was garbled; now `******2333`), on every line of every world set.
    @Test func noMaskInterleavesKeptDigitsAndStars() throws {
        // A star between two kept digits, or kept digits between two stars, in one mask.
        let garbled = try Regex(#"[0-9]\*+[0-9]|\*[0-9]+\*"#)
        var masks: [String] = []
        var total = 0
        for name in ["iban-world.jsonl", "card-world.jsonl", "phone-world.jsonl", "id-world.jsonl", "issue19-table.jsonl"] {
            for record in try Self.records(name) {
                var text = record.text
                let found = text.withUTF8 { bytes in
                    Self.masker.withWorker { worker in
                        worker.detect(UnsafeRawBufferPointer(bytes), policy: Self.masker.defaultPolicy)
                        return worker.maskedFindings(in: UnsafeRawBufferPointer(bytes))
                    }
                }
                for (_, masked) in found {
                    total += 1
                    let mask = String(decoding: masked, as: UTF8.self)
                    if mask.firstMatch(of: garbled) != nil { masks.append(mask) }
                }
            }
        }
        print("masks with kept digits between stars: \(masks.count) of \(total); first: \(masks.prefix(5))")
        #expect(total > 5000)
        #expect(masks.isEmpty, "\(masks.count) garbled masks, first \(masks.prefix(3))")
    }

    // MARK: - Every line of the issue is a case

    /// The issue-set files and the field each is evaluated under.
    static let issueSets: [(String, String?)] = [
        ("issue19-table.jsonl", nil),
        ("issue19-field-task.title.jsonl", "task.title"),
        ("issue19-field-cad.origin.jsonl", "cad.origin"),
        ("issue19-field-customer.name.jsonl", "customer.name"),
    ]

    /// One entry per line of the issue's "Why" table and adversarial list: the family the
    /// case carries (`issue19.` + slug) and what the case's text must hold — the text the
    /// issue quotes, or for a line that names characters, those characters.
    static let issueLines: [(slug: String, holds: String)] = [
        ("cc-space", "NO 93 8601 1117 947"), ("cc-space", "ME 25 5050 0001 2345 6789 51"),
        ("national-grouping", "ES91 2100 0418 45 0200051332"),
        ("dots", "NL91.ABNA.0417.1643.00"), ("dashes", "DE89-3704-0044-0532-0130-00"),
        ("lowercase", "nl91 abna 0417 1643 00"), ("lowercase-last-group", " h79"),
        ("cc-space-grouped", "NL 91 ABNA 0417 1643 00"),
        ("glued-letters", "kaart4111111111111111"), ("glued-punctuation", "nr.5555555555554444"),
        ("spaced", "melissa @ gmail . com"), ("spaced-bracketed", "jan (at) ziggo (dot) nl"),
        ("split-across-messages", "mail me at jan.de.vries"),
        ("contact-line", "update my details: "), ("cc-without-plus", "my international one is 91-415-555-0132"),
        ("tracking-4-groups", "pakket 6592 0059 7279 5527 3878 49"), ("dotted", "1112.22.333"),
        ("list-comma", "4111 1111 1111 1111,5555 5555 5555 4444"), ("list-comma", "123-45-6789,219-09-9999"),
        ("list-slash", "+31612345678/+31687654321"), ("list-plus", "4111111111111111+5555555555554444"),
        ("sep-spaced-slash", " / "), ("sep-comma-space", ", "), ("sep-colon", ":"), ("sep-pipe", "|"),
        ("sep-apostrophe", "'"), ("sep-space-runs", "    "), ("sep-one-digit-at-a-time", "0 6 1 2 3 4 5 6 7 8"),
        ("sep-spaced-dash", "123 - 45 - 6789"), ("sep-underscore", "123_45_6789"), ("sep-pairs", "bsn 12 34 56 782"),
        ("sep-slash", "NL91/"), ("sep-underscore", "NL91_"), ("sep-double-space", "NL91  "), ("sep-spaced-dash", "NL91 - "),
        ("unicode-lrm", "\u{200E}"), ("unicode-rlm", "\u{200F}"), ("unicode-lri", "\u{2066}"),
        ("unicode-rli", "\u{2067}"), ("unicode-fsi", "\u{2068}"), ("unicode-pdi", "\u{2069}"),
        ("unicode-combining-mark", "\u{0332}"), ("unicode-keycap", "4\u{FE0F}\u{20E3}"),
        ("unicode-bengali", "\u{09E6}"), ("unicode-tamil", "\u{0BE6}"), ("unicode-thai", "\u{0E50}"),
        ("unicode-myanmar", "\u{1040}"), ("unicode-superscript", "\u{2070}"), ("unicode-circled", "\u{24EA}"),
        ("unicode-small-at-ideographic-dot", "\u{FE6B}"),
        ("url-plus", "q=my+card+4111111111111111"), ("url-percent-20", "card%204111"),
        ("url-percent-2b", "?phone=%2B31612345678"), ("url-path", "/card/4111"), ("url-path", "/iban/NL91"),
        ("url-path", "t.me/+3161"), ("html-entity-at", "jansen&#64;ziggo.nl"),
        ("local-part-over-64", "@ziggo.nl"), ("trailing-dot-local", "jansen.@"), ("double-at", "jansen@@ziggo.nl"),
        ("context-tax-id", "tax id 123456789"), ("context-hash", "SSN#123-45-6789"),
        ("context-glued-word", "tel.0612345678"), ("context-hash", "#4111"),
        ("field-task-title", "4111"), ("field-task-title", "NL91"), ("field-task-title", "123-45-6789"),
        ("field-cad-origin", "4111"), ("field-cad-origin", "NL91"), ("field-cad-origin", "123-45-6789"),
        ("field-customer-name", "Jan 0612345678"),
    ]

    @Test func eachLineOfTheIssueIsOneLabeledCase() throws {
        var records: [LabeledRecord] = []
        for (name, _) in Self.issueSets { records += try Self.records(name) }
        var used = Set<Int>()
        for line in Self.issueLines {
            let family = "issue19." + line.slug
            let match = records.indices.first { index in
                !used.contains(index) && records[index].text.contains(line.holds)
                    && (records[index].pii.contains { $0.family == family } || records[index].negatives.contains { $0.family == family })
            }
            #expect(match != nil, "no case for the issue's line \(family) holding \(line.holds.debugDescription)")
            if let match { used.insert(match) }
        }
        // And nothing else: every case of the issue sets is one of the issue's lines.
        #expect(used.count == records.count, "\(records.count - used.count) cases that are no line of the issue")
        // The local part of the long address is over 64 bytes, as the issue's line says.
        let long = records.first { $0.pii.contains { $0.family == "issue19.local-part-over-64" } }
        let at = long.flatMap { $0.text.firstIndex(of: "@") }
        #expect(long.map { $0.text[$0.text.index($0.text.startIndex, offsetBy: 5)..<at!].utf8.count > 64 } == true)
    }
}
