import Testing
@testable import PIIMask

@Suite struct ValidatorTests {
    private func accepts(_ validator: Validator, _ text: String) -> Bool {
        Array(text.utf8).withUnsafeBytes { validator.accepts($0) }
    }

    // Published test card numbers of each brand.
    @Test(arguments: [
        "4111 1111 1111 1111", "4222222222222", "4000000000000000006",   // Visa 16, 13, 19
        "5555 5555 5555 4444", "2223 0031 2200 3222", "2720 9900 0000 0007", // Mastercard
        "3782 822463 10005", "3714 496353 98431",                          // Amex
        "3056 930902 5904", "3852 0000 0232 37",                           // Diners
        "6011 1111 1111 1117", "6445 6445 6445 6445",                      // Discover
        "3530 1113 3330 0000", "3566 0020 2036 0505",                      // JCB
        "6200 0000 0000 0005", "6250 9460 0000 0016",                      // UnionPay
        "6759 6498 2643 8453", "675964982648",                             // Maestro 16, 12
        "2200 0000 0000 0004",                                             // Mir
        "3512 3456 7890 1236", "3782 8224 6310 0052",                      // MII 3, 16 digits
    ])
    func validCards(_ number: String) {
        #expect(accepts(.card, number))
    }

    @Test(arguments: [
        "4111 1111 1111 1112",   // Luhn fails
        "1234 5678 9012 3456",   // no issuer
        "9999 9999 9999 9995",   // Luhn ok, no issuer
        "7000 0000 0000 0005",   // Luhn-valid 16 digits, but major industry 7 (petroleum)
        "3512 3456 7890 124",    // Luhn-valid 15 digits starting 35 outside JCB
        "41111111111",           // too short
        "5105 1051 0510 5101 09", // Luhn-valid, but Mastercard numbers have 16 digits
    ])
    func invalidCards(_ number: String) {
        #expect(!accepts(.card, number))
    }

    @Test func cardShapeSkipsOnlyLuhn() {
        #expect(accepts(.cardShape, "4111 1111 1111 1112"))
        #expect(!accepts(.cardShape, "1234 5678 9012 3456"))
    }

    // IBANs from the registry's examples, one per region, compact and grouped.
    @Test(arguments: [
        "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "nl91abna0417164300", "NL91-ABNA-0417-1643-00",
        "DE89370400440532013000", "GB82WEST12345698765432", "BE68539007547034",
        "FR1420041010050500013M02606", "NO9386011117947", "MT84MALT011000012345MTLCAST001S",
        "BR1800360305000010009795493C1", "PK36SCBL0000001123456702", "KZ86125KZT5004100100",
        "RU0204452560040702810412345678901", "LC55HEMM000100010012001200023015",
        "SA0380000000608010167519", "UA213223130000026007233566001", "IR062960000000100324200001",
    ])
    func validIBANs(_ iban: String) {
        #expect(accepts(.iban, iban))
    }

    @Test(arguments: [
        "NL91ABNA0417164301",        // bad checksum
        "NL91ABNA041716430",         // wrong length for NL
        "XX91ABNA0417164300",        // no such country
        "NL00ABNA0417164300",        // check digits 00
        "DE89 3704 0044 0532 0130 0", // one digit short
        "NL91+ABNA+0417+1643+00",     // `+` is no IBAN separator
    ])
    func invalidIBANs(_ iban: String) {
        #expect(!accepts(.iban, iban))
    }

    @Test func registryLengths() {
        #expect(IBANValidator.lengths["NO"] == 15)
        #expect(IBANValidator.lengths["RU"] == 33)
        #expect(IBANValidator.lengths.count >= 100)
    }

    @Test(arguments: ["123-45-6789", "078 05 1120", "001010001", "899-99-9999"])
    func validSSNs(_ ssn: String) {
        #expect(accepts(.ssn, ssn))
    }

    @Test(arguments: ["000-12-3456", "666-12-3456", "900-12-3456", "999-99-9999",
                      "123-00-4567", "123-45-0000", "12345678", "1234567890"])
    func invalidSSNs(_ ssn: String) {
        #expect(!accepts(.ssn, ssn))
    }

    @Test func phoneDigitCountIgnoresInternationalAndTrunkPrefixes() {
        let e164 = Validator.phone(minDigits: 7, maxDigits: 15)
        #expect(accepts(e164, "+447966197542"))
        #expect(accepts(e164, "0044 7966 197542"))          // 00 not counted: 12 digits
        #expect(accepts(e164, "+31 (0)6 1234 5678"))         // (0) not counted: 11 digits
        #expect(accepts(e164, "+123 456 789 012 345"))       // 15 digits
        #expect(!accepts(e164, "+123 456 789 012 3456"))     // 16 digits
        #expect(!accepts(e164, "+31 6 123"))                 // 6 digits
    }
}

/// Rules with a validator are skipped on values with fewer digits than it can accept: the
/// bound must hold for every value the validator accepts.
@Suite struct ValidatorDigitBoundTests {
    private func digits(_ text: String) -> Int { text.utf8.filter { $0 &- 0x30 < 10 }.count }

    @Test func everyAcceptedValueHasAtLeastTheMinimumDigits() {
        let cases: [(Validator, [String])] = [
            (.card, ["4222222222222", "675964982648", "3782 822463 10005"]),
            (.cardShape, ["4111 1111 1111 1112", "675964982640"]),
            (.luhn(minDigits: 12, maxDigits: 19), ["675964982648"]),
            (.ssn, ["123-45-6789", "001010001"]),
            (.iban, ["NO9386011117947", "MT84MALT011000012345MTLCAST001S", "LC55HEMM000100010012001200023015"]),
            (.phone(minDigits: 7, maxDigits: 15), ["+683 4002 123", "0044 7966 197542"]),
        ]
        for (validator, values) in cases {
            for value in values {
                let accepted = Array(value.utf8).withUnsafeBytes { validator.accepts($0) }
                #expect(accepted, "\(value)")
                #expect(validator.digitRange.contains(digits(value)), "\(value)")
            }
        }
        // Fewer digits than the bound is never accepted.
        #expect(!Array("+1 234 56".utf8).withUnsafeBytes { Validator.phone(minDigits: 7, maxDigits: 15).accepts($0) })
        #expect(!Array("4111 1111 111".utf8).withUnsafeBytes { Validator.card.accepts($0) })
    }
}
