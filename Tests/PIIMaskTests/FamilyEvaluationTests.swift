import Foundation
import Testing
@testable import PIIMask

/// Recall per format family, look-alikes per family, and e-mails with obfuscated at signs.
@Suite struct FamilyEvaluationTests {
    static let evaluator = Evaluator(masker: try! Masker())

    /// A finding of `type` over `range`, whatever the masker would find.
    static func finding(_ range: Range<Int>, _ type: String = "card") -> Finding {
        Finding(type: type, ruleID: "test", range: range)
    }

    @Test func spansAreCountedPerFamilyAndTypeAndUnlabeledOnesUnderUnlabeled() {
        let records = [
            // Caught by the built-in rules: a plain Dutch mobile.
            LabeledRecord(text: "bel 06-12345678", pii: [.init(type: "phone", range: 4..<15, family: "phone.national")]),
            // Five bare digits after no phone word: missed.
            LabeledRecord(text: "code 12345", pii: [.init(type: "phone", range: 5..<10, family: "phone.national")]),
            LabeledRecord(text: "bel 06-87654321", pii: [.init(type: "phone", range: 4..<15)]),
        ]
        let report = Self.evaluator.evaluate(records)
        #expect(report.familyKeys == [FamilyKey(family: "phone.national", type: "phone"),
                                      FamilyKey(family: FamilyKey.unlabeled, type: "phone")])
        let national = report.families[FamilyKey(family: "phone.national", type: "phone")]
        #expect(national == FamilyScore(spans: 2, caught: 1))
        #expect(national?.missed == 1)
        #expect(national?.recall == 0.5)
        #expect(report.families[FamilyKey(family: "unlabeled", type: "phone")] == FamilyScore(spans: 1, caught: 1))
        // The families add up to the type.
        #expect(report.scores["phone"]?.spans == 3 && report.scores["phone"]?.caught == 2)
    }

    @Test func oneFamilyOfSeveralTypesHasARowPerType() {
        let records = [
            LabeledRecord(text: "bel 06-12345678", pii: [.init(type: "phone", range: 4..<15, family: "obfuscation.x")]),
            LabeledRecord(text: "code 12345", pii: [.init(type: "card", range: 5..<10, family: "obfuscation.x")]),
        ]
        let report = Self.evaluator.evaluate(records)
        #expect(report.families[FamilyKey(family: "obfuscation.x", type: "phone")] == FamilyScore(spans: 1, caught: 1))
        #expect(report.families[FamilyKey(family: "obfuscation.x", type: "card")] == FamilyScore(spans: 1, caught: 0))
    }

    @Test func lookAlikesWithAFamilyAreCountedPerFamilyToo() {
        let records = [
            LabeledRecord(text: "order 123456789",
                          negatives: [.init(kind: "order", range: 6..<15, family: "bsn.lookalike-order")]),
            LabeledRecord(text: "transaction reference 4111111111111111",
                          negatives: [.init(kind: "luhn_invalid", range: 22..<38, family: "card.lookalike")]),
            LabeledRecord(text: "order 987654321", negatives: [.init(kind: "order", range: 6..<15)]),
        ]
        let report = Self.evaluator.evaluate(records)
        #expect(report.lookalikeFamilies == [
            "bsn.lookalike-order": NegativeScore(total: 1, survived: 1),
            "card.lookalike": NegativeScore(total: 1, survived: 0, hitsByRule: ["card.luhn": 1]),
        ])
        #expect(report.negatives["order"]?.total == 2)
    }

    @Test(arguments: [
        ("jan＠ziggo.nl", "an"),
        ("jan%40ziggo.nl", "an"),
        ("jan at ziggo dot nl", "an"),
        ("jan dot de vries [at] ziggo [dot] nl", "an dot de vries "),
        ("jan(AT)ziggo(dot)nl", "an"),
        ("\"jan@home\"@ziggo.nl", "jan@home\""),
        ("jan @ ziggo.nl", "an "),
    ])
    func theLocalPartOfAnObfuscatedAddressIsWhatMustBeHidden(_ address: String, _ hidden: String) {
        let text = "mail " + address
        let span = LabeledRecord.Span(type: "email", range: 5..<text.utf8.count)
        let coverage = SpanCoverage(text: text, findings: [])
        let range = coverage.mustHideRange(of: span)
        #expect(String(decoding: Array(text.utf8)[range], as: UTF8.self) == hidden)
        #expect(SpanCoverage(text: text, findings: [Self.finding(range, "email")]).isCaught(span))
    }

    @Test func aOneLetterLocalPartIsCaughtOnlyWhenAFindingOverlapsTheAddress() {
        let text = "mail q@example.org"
        let span = LabeledRecord.Span(type: "email", range: 5..<18)
        #expect(!SpanCoverage(text: text, findings: []).isCaught(span))
        #expect(SpanCoverage(text: text, findings: [Self.finding(5..<18, "email")]).isCaught(span))
    }

    @Test func anAddressWithoutAnyAtSignMustBeCoveredWhole() {
        let text = "mail jan ziggo nl"
        let span = LabeledRecord.Span(type: "email", range: 5..<17)
        #expect(SpanCoverage(text: text, findings: []).mustHideRange(of: span) == 5..<17)
    }

    @Test func zeroWidthCharactersInsideASpanMustBeCoveredButUnicodeSpacesNeedNot() {
        let text = "4111\u{200B}1111\u{00A0}1111 1111"   // U+200B and U+00A0 are 3 and 2 bytes
        let span = LabeledRecord.Span(type: "card", range: 0..<text.utf8.count)
        let digitsOnly = [Self.finding(0..<4), Self.finding(7..<11), Self.finding(13..<17), Self.finding(18..<22)]
        #expect(!SpanCoverage(text: text, findings: digitsOnly).isCaught(span))
        #expect(SpanCoverage(text: text, findings: digitsOnly + [Self.finding(4..<7)]).isCaught(span))
    }

    @Test func familiesAreReadFromTheCorpusAndOptional() throws {
        let data = """
            {"text":"bel 06-12345678","pii":[{"type":"phone","family":"phone.national","start":4,"end":15}],"negatives":[{"kind":"order","family":"x.order","start":0,"end":3}]}
            {"text":"bel 06-12345678","pii":[{"type":"phone","start":4,"end":15}],"negatives":[]}
            """
        let records = try LabeledCorpus.parse(Array(data.utf8), file: "x.jsonl")
        #expect(records[0].pii == [.init(type: "phone", range: 4..<15, family: "phone.national")])
        #expect(records[0].negatives == [.init(kind: "order", range: 0..<3, family: "x.order")])
        #expect(records[1].pii == [.init(type: "phone", range: 4..<15)])
    }

    @Test func jsonListsFamiliesSortedWithRecallAndLookalikeFamilies() throws {
        let records = [
            LabeledRecord(text: "code 12345", pii: [.init(type: "phone", range: 5..<10, family: "phone.b")]),
            LabeledRecord(text: "bel 06-12345678", pii: [.init(type: "phone", range: 4..<15, family: "phone.a")]),
            LabeledRecord(text: "order 123456789", negatives: [.init(kind: "order", range: 6..<15, family: "o")]),
        ]
        let data = try JSONEncoder().encode(Self.evaluator.evaluate(records))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let families = try #require(object["families"] as? [[String: Any]])
        #expect(families.map { $0["family"] as? String } == ["phone.a", "phone.b"])
        #expect(families[0]["type"] as? String == "phone")
        #expect(families[0]["recall"] as? Double == 1)
        #expect(families[1]["missed"] as? Int == 1)
        let order = try #require((object["lookalike_families"] as? [String: Any])?["o"] as? [String: Any])
        #expect(order["survived"] as? Int == 1 && order["total"] as? Int == 1)
        #expect(!String(decoding: data, as: UTF8.self).contains("12345"))
    }
}
