import Foundation
import Testing
@testable import PIIMask

/// The phone validator's numbering-plan checks, the phone formats they enable, and coverage of
/// libphonenumber's example numbers (`fixtures/phone-examples.tsv`, from `scripts/phone-plans`).
@Suite struct PhonePlanTests {
    static let masker = try! Masker()
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/phone-examples.tsv")

    private func accepts(_ validator: Validator, _ text: String) -> Bool {
        Array(text.utf8).withUnsafeBytes { validator.accepts($0) }
    }

    private func regions(_ codes: [String]) throws -> PhoneRegionSet {
        try PhoneRegionSet.named(codes).get()
    }

    @Test func internationalNumbersNeedAKnownCountryCodeAndOneOfItsLengths() {
        let lengths = Validator.phone(minDigits: 7, maxDigits: 15, plan: PhonePlan(country: .lengths))
        #expect(accepts(lengths, "+31 6 12345678"))
        #expect(accepts(lengths, "+1 (123) 456 7890"))          // NANP length, whatever the area code
        #expect(!accepts(lengths, "+31 6 1234 5678 901"))       // NL numbers have at most 11 digits
        #expect(!accepts(lengths, "+999 123 4567"))             // no country code 999
        #expect(!accepts(lengths, "+1 234 5678 9012"))          // 11 digits after +1
    }

    @Test func aFullPlanCheckAlsoAsksTheLeadingDigits() {
        let plan = Validator.phone(minDigits: 7, maxDigits: 15, plan: PhonePlan(country: .plan))
        #expect(accepts(plan, "0031 6 12345678"))
        #expect(accepts(plan, "+44 7400 123456"))
        #expect(!accepts(plan, "+1 (123) 456 7890"))            // no NANP area code starts with 1
        #expect(!accepts(plan, "0044 0123 456789"))             // no UK number starts with 0
        #expect(accepts(plan, "+31 (0)20 123 4567"))            // the (0) trunk is skipped
    }

    @Test func nationalNumbersFitARegionWithOrWithoutTheTrunkPrefix() throws {
        let european = Validator.phone(minDigits: 6, maxDigits: 13, plan: PhonePlan(regions: try regions(["NL", "DE"])))
        let dutch = Validator.phone(minDigits: 6, maxDigits: 13, plan: PhonePlan(regions: try regions(["NL"])))
        #expect(accepts(european, "06-12345678"))
        #expect(accepts(european, "612345678"))
        #expect(accepts(european, "030 2345678"))
        #expect(!accepts(dutch, "(11) 3456-7890"))               // Brazil is not named
        let brazil = Validator.phone(minDigits: 6, maxDigits: 13, plan: PhonePlan(regions: try regions(["BR"])))
        #expect(accepts(brazil, "(11) 3456-7890"))
        #expect(!accepts(brazil, "06-12345678"))
        let everywhere = Validator.phone(minDigits: 6, maxDigits: 13, plan: PhonePlan(regions: .all))
        #expect(accepts(everywhere, "8 (912) 345-67-89"))        // Russia, trunk 8
        #expect(accepts(everywhere, "(06 1) 234 5678"))          // Hungary, trunk 06
        // A national check does not apply to a number written with + or 00.
        #expect(accepts(european, "+55 11 3456 7890"))
    }

    /// `regions: [all]` walks the table's unions of plans; naming each region walks them one by one.
    @Test func theUnionOfEveryRegionAgreesWithEachRegion() throws {
        let codes = PhoneNumberingPlans.regionCodes.map { String(UnicodeScalar(UInt8($0 >> 8))) + String(UnicodeScalar(UInt8($0 & 0xFF))) }
        let oneByOne = Validator.phone(minDigits: 4, maxDigits: 17, plan: PhonePlan(regions: try regions(codes)))
        let union = Validator.phone(minDigits: 4, maxDigits: 17, plan: PhonePlan(regions: .all))
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var accepted = 0
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = 4 + Int(state >> 60)
            var number = String(state >> 8 % 10)
            var bits = state
            for _ in 1..<length {
                bits = bits &* 2_862_933_555_777_941_757 &+ 3_037_000_493
                number += String(bits >> 59 % 10)
            }
            let answer = accepts(union, number)
            #expect(answer == accepts(oneByOne, number), "\(number)")
            if answer { accepted += 1 }
        }
        #expect(accepted > 1_000 && accepted < 19_000)
    }

    @Test func theDigitsOfALinkCanStartWithTheCountryCode() {
        let link = Validator.phone(minDigits: 7, maxDigits: 15,
                                   plan: PhonePlan(country: .plan, countryCodeFirst: true))
        #expect(accepts(link, "31612345678"))
        #expect(!accepts(link, "0612345678"))
        #expect(!accepts(link, "99912345678"))
    }

    @Test func ruleFilesNameRegionsAndCountryChecks() throws {
        let yaml = """
            version: 1
            rules:
              - id: phone.national
                validator: {name: phone, min_digits: 9, max_digits: 12, regions: [NL]}
            """
        let ruleSet = try RuleSet.merge(BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) } + [("user.yaml", yaml)])
        let masker = try Masker(ruleSet: ruleSet)
        #expect(masker.mask("(020) 123 4567") == "********4567")
        #expect(masker.mask("(0161) 4961234") == "(0161) 4961234")    // GB no longer named
        #expect(Self.masker.mask("(0161) 4961234") == "*********1234")
    }

    @Test(arguments: [
        ("regions: [NL, XX]", "unknown region `XX`"),
        ("country_code: strict", "country_code must be lengths or plan"),
        ("country_code_first: true", "country_code_first needs country_code"),
        ("max_digits: 18", "max_digits at most 17"),
    ])
    func badPhoneOptionsAreRejected(option: String, message: String) {
        let yaml = """
            version: 1
            rules:
              - id: phone.national
                validator: {name: phone, \(option)}
            """
        do {
            _ = try Masker(ruleSet: RuleSet.merge(BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) } + [("user.yaml", yaml)]))
            Issue.record("accepted \(option)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test(arguments: [
        ("(030)-2345678", "*********5678"),
        ("(0161) 4961234", "*********1234"),
        ("bel 06 - 12345678", "bel *******5678"),
        ("ligue 11 3456-7890", "ligue *******7890"),
        ("ligue (11) 3456-7890", "ligue *********7890"),
        ("me liga no (21) 98765-4321", "me liga no **********4321"),
        ("https://wa.me/31612345678", "https://wa.me/*******5678"),
        ("tel:+31612345678", "tel:********5678"),
        ("tel:0612345678", "tel:******5678"),
        // Extensions: the number is masked, the extension (a switchboard's, not a person's) stays.
        ("call 555-123-4567x123", "call ********4567****"),
        ("call +31 20 123 4567 ext. 12", "call ********4567 ******"),
        ("bel 020 123 4567 toestel 12", "bel ******4567 *********"),
        ("call me, or email j@x.nl, on 6123456789", "call me, or email *@x.nl, on ******6789"),
    ])
    func formatsThatStayedRawAreMasked(input: String, masked: String) {
        #expect(Self.masker.mask(input) == masked)
    }

    @Test(arguments: [
        "wa.me/12345", "see example.com/31612345678", "order 555-123-4567x123", "ticket 11 3456-7890",
        "1920x1080", "call me at 192.168.1.10", "bel me op 05-12-2024", "call me on 05-12 at ten",
    ])
    func lookAlikesStayRaw(input: String) {
        #expect(Self.masker.mask(input) == input)
    }

    /// Counts of example numbers caught, by format (`international`, `national`) and sentence.
    static func exampleCoverage() throws -> [String: (caught: Int, total: Int, missed: [String])] {
        let text = try String(contentsOf: examples, encoding: .utf8)
        var result: [String: (caught: Int, total: Int, missed: [String])] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let (region, format, number) = (columns[0], columns[2], columns[3])
            for (context, before) in [("no word", "the details are "), ("phone word", "call me on ")] {
                let sentence = before + number + " thanks"
                let range = before.utf8.count..<(before.utf8.count + number.utf8.count)
                let caught = masker.findings(in: sentence).contains {
                    $0.type == "phone" && $0.range.lowerBound <= range.lowerBound && $0.range.upperBound >= range.upperBound
                }
                let key = "\(format), \(context)"
                var entry = result[key] ?? (0, 0, [])
                entry.total += 1
                if caught { entry.caught += 1 } else { entry.missed.append("\(region) \(columns[1])") }
                result[key] = entry
            }
        }
        return result
    }

    @Test func tableAndFixtureComeFromOneRelease() throws {
        let header = try String(contentsOf: Self.examples, encoding: .utf8).prefix { $0 != "\n" }
        #expect(header.contains("phonenumbers \(PhoneNumberingPlans.metadataVersion),"))
        #expect(PhoneNumberingPlans.regionCodes.count == 245)
        #expect(PhoneNumberingPlans.regionCodes == PhoneNumberingPlans.regionCodes.sorted())
    }

    /// The report in fixtures/README.md comes from these counts.
    @Test func libphonenumberExampleNumbersAreCaught() throws {
        let coverage = try Self.exampleCoverage()
        for (key, entry) in coverage.sorted(by: { $0.key < $1.key }) {
            print("phone examples, \(key): \(entry.caught)/\(entry.total); missed: \(entry.missed.joined(separator: ", "))")
        }
        let international = try #require(coverage["international, no word"])
        #expect(international.total == 489)
        #expect(Double(international.caught) / Double(international.total) >= 0.995)
        let internationalWord = try #require(coverage["international, phone word"])
        #expect(Double(internationalWord.caught) / Double(internationalWord.total) >= 0.995)
        let national = try #require(coverage["national, phone word"])
        #expect(Double(national.caught) / Double(national.total) >= 0.98)
        // Without a phone word, the default regions' national numbers are all caught.
        let defaults = ["NL", "BE", "DE", "GB", "FR", "US"]
        let missedDefault = try #require(coverage["national, no word"]).missed.filter { defaults.contains(String($0.prefix(2))) }
        #expect(missedDefault.isEmpty, "\(missedDefault)")
    }
}
