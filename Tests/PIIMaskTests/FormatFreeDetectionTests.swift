import Testing
@testable import PIIMask

/// Issue 19 items 1, 2 and 5: values with a checksum (IBAN, card, BSN) are found however they
/// are written — every separator, grouping and letter case, glued to letters or punctuation —
/// while look-alikes (tracking and order numbers, versions, dates) stay, and the work per
/// candidate keeps its documented bound.
@Suite struct FormatFreeDetectionTests {
    static let masker = try! Masker()

    /// Whether a finding of `type` covers the bytes of `value` in `text` (all of them, or from
    /// its first to its last digit or letter: a glued value's finding starts at its digits).
    static func found(_ value: String, in text: String, type: String) -> Bool {
        let bytes = Array(text.utf8), needle = Array(value.utf8)
        guard let at = (0...(bytes.count - needle.count)).first(where: { Array(bytes[$0..<$0 + needle.count]) == needle })
        else { return false }
        var first = at, last = at + needle.count
        while first < last, !(bytes[first] >= 0x30 && bytes[first] <= 0x39) && !((bytes[first] | 0x20) >= 0x61 && (bytes[first] | 0x20) <= 0x7A) { first += 1 }
        while last > first, !(bytes[last - 1] >= 0x30 && bytes[last - 1] <= 0x39) && !((bytes[last - 1] | 0x20) >= 0x61 && (bytes[last - 1] | 0x20) <= 0x7A) { last -= 1 }
        return masker.findings(in: text).contains { $0.type == type && $0.range.lowerBound <= first && $0.range.upperBound >= last }
    }

    /// `compact` cut into groups of `sizes` (the last size repeats), joined by `separator`.
    static func grouped(_ compact: String, _ sizes: [Int], _ separator: String) -> String {
        var groups: [String] = []
        var rest = Substring(compact)
        var index = 0
        while !rest.isEmpty {
            let size = sizes[min(index, sizes.count - 1)]
            groups.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
            index += 1
        }
        return groups.joined(separator: separator)
    }

    /// Every separator the candidates join groups with: white space (also the Unicode spaces
    /// the folded view reads as one), `.`, `-`, `/`, `_`, and runs of them.
    static let separators = [" ", "  ", "\t", ".", "-", "/", "_", " - ", " / ", " . ", "\u{00A0}", "\u{2009}",
                             "\u{202F}", "\u{3000}", "-\u{00A0}", "\u{2013}"]

    // MARK: - IBAN

    static let ibans = ["NL91ABNA0417164300", "DE89370400440532013000", "GB82WEST12345698765432", "NO9386011117947",
                        "ES9121000418450200051332", "BR1800360305000010009795493C1", "MT84MALT011000012345MTLCAST001S"]

    @Test(arguments: separators)
    func anIBANIsFoundWithEverySeparator(separator: String) {
        for iban in Self.ibans {
            for written in [Self.grouped(iban, [4], separator), Self.grouped(iban, [2, 2, 4], separator)] {
                let text = "mijn iban is \(written), dank je"
                #expect(Self.found(written, in: text, type: "iban"), "\(text.debugDescription)")
            }
        }
    }

    /// Groupings: compact, fours, the national grouping, a space between the country code and
    /// the check digits, groups of 1 (after the country code and the check digits, each pair together),
    /// 3, 5 and 6, uneven groups.
    @Test(arguments: [[34], [4], [2, 2, 4], [2, 32], [4, 4, 4, 2, 10], [4, 3, 7], [2, 2, 3], [2, 2, 1], [4, 1], [4, 5], [6], [5, 1, 6, 2]])
    func anIBANIsFoundInEveryGrouping(sizes: [Int]) {
        for iban in Self.ibans {
            let written = Self.grouped(iban, sizes, " ")
            #expect(Self.found(written, in: "IBAN \(written) graag", type: "iban"), "\(written)")
        }
    }

    @Test func anIBANIsFoundInEveryLetterCase() {
        for written in ["nl91 abna 0417 1643 00", "NL91 abna 0417 1643 00", "nl91ABNA0417164300", "Nl91 AbNa 0417 1643 00",
                        "gb82 west 1234 5698 7654 32", "mt84 malt 0110 0001 2345 mtlc ast0 01s", "AL47 2121 1009 0000 0002 3569 8741"] {
            #expect(Self.found(written, in: "to \(written).", type: "iban"), "\(written)")
        }
    }

    @Test func anIBANThatFailsItsCheckIsNotFoundInAnyWriting() {
        for separator in Self.separators {
            let written = Self.grouped("NL91ABNA0417164301", [2, 2, 4], separator)
            #expect(!Self.masker.findings(in: "iban \(written)").contains { $0.type == "iban" }, "\(written.debugDescription)")
        }
        // One alphanumeric short or too many: no IBAN.
        #expect(Self.masker.findings(in: "NL91 ABNA 0417 1643 0").allSatisfy { $0.type != "iban" })
        #expect(Self.masker.findings(in: "NL91 ABNA 0417 1643 001").allSatisfy { $0.type != "iban" })
    }

    /// Sentences whose words start with a country code and two digits are no candidate: the
    /// account part's letter groups and its share of digits keep words out.
    @Test(arguments: ["at 10 am we met at the shop and paid", "IS 12 ITEMS IN THE BOX AND MORE TO COME NOW",
                      "me 25 years old and still going strong", "be 12 minutes late for the meeting of today"])
    func wordsAfterACountryCodeAndDigitsAreNoIBAN(text: String) {
        #expect(Self.masker.findings(in: text).allSatisfy { $0.type != "iban" }, "\(text)")
    }

    @Test func anIBANMaskKeepsItsLastFourTogether() {
        #expect(Self.masker.mask("iban NL91.ABNA.0417.1643.00") == "iban *****************4300")
        #expect(Self.masker.mask("iban NL 91 ABNA 0417 1643 00") == "iban **************4300")
        #expect(Self.masker.mask("iban DE89 - 3704 - 0044 - 0532 - 0130 - 00") == "iban **********************3000")
    }

    // MARK: - Cards

    static let cards = [("4111111111111111", [4]), ("5555555555554444", [4]), ("378282246310005", [4, 6, 5]),
                        ("6011111111111117", [4]), ("2221000002222221", [4])]

    @Test(arguments: separators)
    func aCardIsFoundWithEverySeparator(separator: String) {
        for (card, sizes) in Self.cards {
            for written in [Self.grouped(card, sizes, separator), Self.grouped(card, [2], separator)] {
                let text = "my card \(written) exp soon"
                #expect(Self.found(written, in: text, type: "card"), "\(text.debugDescription)")
            }
        }
    }

    /// Glued to letters or punctuation on either side, in URLs and references.
    @Test(arguments: ["kaartnr{}", "nr.{}", "#{}", "ref:{}/2026", "/card/{}", "q=my+card+{}", "card%20{}",
                      "card {}aub", "{}cvc", "ORD-{}", "v{}", "x_{}", "({})", "card={}&x=1", "id:{}.", "{},{}"])
    func aGluedCardIsFound(template: String) {
        for (card, _) in Self.cards {
            let text = "see " + template.replacingOccurrences(of: "{}", with: card) + " ok"
            #expect(Self.found(card, in: text, type: "card"), "\(text)")
        }
    }

    /// A glued number needs all a card has: Luhn, a brand's prefix, one of its lengths.
    @Test(arguments: ["kaartnr4111111111111112", "ref:1234567890123452/2026", "nr.41111111111111111",
                      "x9999999999999995y", "JJD0002257639032011", "GFUS01011884214464", "SP029692510000920746"])
    func aGluedNumberThatIsNoCardStays(text: String) {
        #expect(Self.masker.findings(in: "see \(text) ok").isEmpty, "\(text)")
    }

    // MARK: - BSN

    @Test(arguments: ["123456782", "1234.56.782", "123 456 782", "12 34 56 782", "1 2 3 4 5 6 7 8 2", "123-456-782",
                      "123/456/782", "12_34_56_782", "1234 - 56 - 782", "123\u{00A0}456\u{00A0}782"])
    func aBSNAfterItsWordIsFoundInEveryGrouping(written: String) {
        let text = "mijn bsn is \(written)"
        #expect(Self.found(written, in: text, type: "bsn"), "\(text)")
        // A number that fails the 11-proof is not one.
        let wrong = String(written.dropLast()) + "9"
        #expect(Self.masker.findings(in: "mijn bsn is \(wrong)").allSatisfy { $0.type != "bsn" }, "\(wrong)")
    }

    @Test func aBSNMaskKeepsItsLastFourTogether() {
        #expect(Self.masker.mask("mijn bsn is 1112.22.333") == "mijn bsn is ******2333")
        #expect(Self.masker.mask("bsn 12 34 56 782") == "bsn *****6782")
    }

    // MARK: - Look-alikes

    /// Tracking numbers of 20 digits or more in groups of four, with any one separator, are
    /// neither phones nor cards (also when their first 16 digits pass for a card).
    @Test(arguments: [" ", "-", ".", "  "])
    func trackingNumbersInGroupsOfFourStay(separator: String) {
        for compact in ["03071790000523483741", "9400100000000000000000", "32971510360102447848540980802018",
                        "1001921334250001000300779017972697", "420902109361289689090268"] {
            let written = Self.grouped(compact, [4], separator)
            let text = "where is package \(written)?"
            #expect(Self.masker.findings(in: text).isEmpty, "\(text)")
        }
    }

    @Test(arguments: ["pakket 00 81827 0998 0000 0200 33 350 276 C", "waar blijft pakket 0998 0000 0200 34D?",
                      "track & trace: 09 9800 0002 0033 F", "parcel JVGL0999999990019300500", "zending 3SABCD1234567",
                      "pakket 3SDEVC012345678", "order 2024-000123-45", "since the update to 15.8.92 it crashes",
                      "v15.8.92", "levering op 2024-05-06", "op 06-12-2024", "12/03/2024 10:30", "ISBN 0-19-963209-X",
                      "shipment 1Z5R89390357567127", "zending YT2229521272164446"])
    func lookAlikesStay(text: String) {
        #expect(Self.masker.findings(in: text).isEmpty, "\(text)")
    }

    /// What stays a value inside a long run: a card that leaves one group (PCI fails closed),
    /// a card that starts or ends the run and leaves two (its expiry and code), and lists the
    /// values cover whole; a card with three groups or more after it is a stretch of a
    /// tracking number, as is a card inside the run.
    @Test func cardsInLongRunsAreStillMasked() {
        #expect(Self.masker.mask("card 4111 1111 1111 1111 1225 123") == "card ************1111 1225 123")
        #expect(Self.masker.mask("card 1225 4111 1111 1111 1111 12") == "card 1225 4111 1111 1111 1111 12")
        #expect(Self.masker.mask("my card is 4111 1111 1111 1111 4111 1111 ok") == "my card is ************1111 4111 1111 ok")
        #expect(Self.masker.findings(in: "4111 1111 1111 1111 1234 5678 9012 3").isEmpty)
        #expect(Self.masker.findings(in: "1234 4111 1111 1111 1111 5678 9012").isEmpty)
        #expect(Self.masker.mask("pin 1234 4111 1111 1111 1111") == "pin 1234 ************1111")
        #expect(Self.masker.mask("4111 1111 1111 1111 5555 5555 5555 4444") == "************1111 ************4444")
        #expect(Self.masker.mask("4111 1111 1111 1111 12 27 123").hasPrefix("************1111"))
    }

    // MARK: - Bounds

    /// Lines made of IBAN candidates, valid and not, spaced and glued: each candidate looks at
    /// most `IBANCandidate.maxBytesRead` bytes, there is at most one per byte, and the work
    /// grows linearly.
    @Test(arguments: ["NL 91 ABNA 0417 1643 00 ", "nl91 abna 0417 1643 01 ", "AT 10 - 20 - 30 - 40 - 50 - 60 - 70 ",
                      "NO 9 NO 93 NO 93 8 ", "QA58/DOHB/0000/1234/5678/90AB/CDEF/G ", "AB12.CD34.EF56.GH78.IJ90.KL12 "])
    func anIBANCandidateLooksAtABoundedWindow(unit: String) throws {
        let masker = try Masker(ruleSet: RuleSet.builtin(), matchLimit: 10_000)
        let small = BoundedWorkTests.line(unit, bytes: 1 << 10)
        let large = BoundedWorkTests.line(unit, bytes: 1 << 20)
        let (smallWork, smallUndecided) = BoundedWorkTests.work(masker, small)
        let (largeWork, largeUndecided) = BoundedWorkTests.work(masker, large)
        #expect(!smallUndecided && !largeUndecided)
        for (work, bytes) in [(smallWork, small.count), (largeWork, large.count)] {
            #expect(work.candidates <= bytes)
            #expect(work.ibanCandidateBytes <= IBANCandidate.maxBytesRead * work.candidates, "\(work)")
            #expect(work.ibanCandidateBytes > 0, "\(work)")
        }
        let ratio = Double(largeWork.ibanCandidateBytes + largeWork.spans) / Double(max(1, smallWork.ibanCandidateBytes + smallWork.spans))
        #expect(ratio <= 1.1 * Double(large.count) / Double(small.count), "\(smallWork) \(largeWork)")
    }

    /// Glued runs ask spans of their first group of the glued-value rules only: the spans asked
    /// stay within the documented bound per group.
    @Test(arguments: ["x4111111111111111", "a1b2c3d4e5f6", "kaartnr4111111111111111y", "#5555 5555 5555 4444#",
                      "v1.2.3.4.5.6.7.8.9.", "%204111111111111111"])
    func gluedRunsStayWithinTheSpanBound(unit: String) throws {
        let masker = try Masker(ruleSet: RuleSet.builtin(), matchLimit: 10_000)
        let line = BoundedWorkTests.line(unit, bytes: 1 << 20)
        let (work, undecided) = BoundedWorkTests.work(masker, line)
        #expect(!undecided)
        #expect(work.candidates <= line.count)
        #expect(work.spans <= CandidateLimits.maxSpanGroups * line.count, "\(work)")
        #expect(work.patternMatches <= masker.rules.count * work.spans + work.candidates, "\(work)")
    }
}
