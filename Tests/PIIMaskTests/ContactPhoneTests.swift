import Testing
@testable import PIIMask

/// Issue 19, item 4: the phone formats of the world that a phone word, a contact line or a
/// word for abroad announces — dotted and dashed national numbers, country codes without `+`
/// or `00`, numbers after an e-mail address — and the dates, times and addresses that stay.
@Suite struct ContactPhoneTests {
    static let masker = try! Masker()

    /// Whether one finding of type `type` covers all of `value` (its first occurrence) in `text`.
    static func finds(_ type: String, _ value: String, in text: String, field: String? = nil) -> Bool {
        guard let range = text.utf8.firstRange(of: value.utf8) else { return false }
        let start = text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
        let end = start + value.utf8.count
        return masker.findings(in: text, field: field).contains {
            $0.type == type && $0.range.lowerBound <= start && $0.range.upperBound >= end
        }
    }

    private func accepts(_ validator: Validator, _ text: String) -> Bool {
        Array(text.utf8).withUnsafeBytes { validator.accepts($0) }
    }

    @Test(arguments: [
        ("my number is (268).460.1234", "(268).460.1234"),
        ("je kunt me bereiken op 222.123.456 na de lunch", "222.123.456"),
        ("bel me op 21.234", "21.234"),
        ("my number is 8.(912).345.67.89", "8.(912).345.67.89"),
        ("telefoon: 20.49.12.34", "20.49.12.34"),
    ])
    func dottedNationalNumbersAfterAPhoneWord(_ text: String, _ number: String) {
        #expect(Self.finds("phone", number, in: text))
    }

    /// A `+` number after a `/` stands: in a list and in a URL path.
    @Test func aPlusNumberAfterASlashIsAPhone() {
        #expect(Self.finds("phone", "+31612345678", in: "+31612345678/+31687654321"))
        #expect(Self.finds("phone", "+31687654321", in: "+31612345678/+31687654321"))
        #expect(Self.finds("phone", "+31612345678", in: "https://t.me/+31612345678"))
        #expect(Self.masker.mask("1/+5 points, 3/+12") == "1/+5 points, 3/+12")
    }

    @Test func dashedNumbersOfShortGroupsAreNoDateWhenTheyGoOn() {
        #expect(Self.finds("phone", "21-61-23-45", in: "mijn nummer is 21-61-23-45"))
        #expect(Self.finds("phone", "257-22-20-12-34", in: "phone: 257-22-20-12-34"))
        #expect(Self.finds("phone", "22-45-3300", in: "call me on 22-45-3300"))
        #expect(Self.finds("phone", "8312 3456", in: "app me even op 8312 3456 aub"))
    }

    @Test(arguments: ["call me at 10.30-11.00", "bel me op 12-05-2024", "bel me op 12-05-2024 10:30",
                      "call me on 2024-05-06", "call me on 25.6.2015", "call me on 20.12.34",
                      "call me on 28 01 2016", "call me at 192.168.1.20", "bel me terug op 10.0.0.1",
                      "phone: 3/3/2015"])
    func datesTimesAndAddressesAfterAPhoneWordStay(_ text: String) {
        #expect(Self.masker.mask(text) == text)
    }

    @Test func anIPv4AddressIsFourDottedOctetsButNotFourPairs() {
        func isAddress(_ text: String) -> Bool {
            var groups: [DigitGroup] = []
            return Array(text.utf8).withUnsafeBytes { value in
                _ = DigitRun.scan(value, first: 0, floor: 0, into: &groups)
                return DigitRun.isIPv4Address(groups, in: value)
            }
        }
        #expect(isAddress("192.168.1.20"))
        #expect(isAddress("10.0.0.1"))
        #expect(!isAddress("20.49.12.34"))      // four pairs: a phone number's grouping
        #expect(!isAddress("256.1.1.1"))
        #expect(!isAddress("192.168.1"))
        #expect(!isAddress("192-168-1-20"))
        #expect(!isAddress("8.029.491.19"))     // a leading zero
    }

    @Test func aCountryCodeWithoutPlusIsTheFirstGroupWhole() {
        let bare = Validator.phone(minDigits: 8, maxDigits: 15,
                                   plan: PhonePlan(country: .plan, countryCodeFirst: true))
        #expect(accepts(bare, "91-415-555-0132"))
        #expect(accepts(bare, "44 20 7946 0958"))
        #expect(!accepts(bare, "99-415-555-0132"))     // 994 is a code, but the group is 99
        #expect(!accepts(bare, "9141-555-0132"))       // a first group of four is no code
        #expect(accepts(bare, "31612345678"))          // compact (a wa.me link): any code length
    }

    @Test func aCountryCodeWithoutPlusAfterAWordForAbroad() {
        #expect(Self.masker.mask("my international one is 91-415-555-0132")
                == "my international one is ***********0132")
        #expect(Self.finds("phone", "32-2-555-12-12", in: "vanuit het buitenland: 32-2-555-12-12"))
        #expect(Self.masker.mask("my international order 91-415-555-0132") == "my international order 91-415-555-0132")
        #expect(Self.masker.mask("international shipping takes 3-5 days") == "international shipping takes 3-5 days")
        // After a phone word any country's number is taken, with or without its code.
        #expect(Self.finds("phone", "244-923-123-456", in: "app me even op 244-923-123-456 aub"))
    }

    @Test func aNationalNumberInAContactLine() {
        #expect(Self.masker.mask("update my details: jan@ziggo.nl / 51 0932-0348")
                == "update my details: j**@ziggo.nl / *******0348")
        #expect(Self.masker.mask("mijn nieuwe gegevens: Jan de Vries, 020 555 1234")
                == "mijn nieuwe gegevens: Jan de Vries, ******1234")
        #expect(Self.masker.mask("jan@xs4all.nl, 30 1234 5678") == "j**@xs4all.nl, ******5678")
        // A reference word nearer than the address, a date, a number too short for a plan.
        #expect(Self.masker.mask("update my details: jan@ziggo.nl / order 51 0932-0348")
                == "update my details: j**@ziggo.nl / order 51 0932-0348")
        #expect(Self.masker.mask("mail jan@ziggo.nl on 12-05-2024") == "mail j**@ziggo.nl on 12-05-2024")
        #expect(Self.masker.mask("jan@ziggo.nl 1234") == "j**@ziggo.nl 1234")
    }
}
