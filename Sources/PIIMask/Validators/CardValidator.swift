/// Payment card numbers: issuer identification ranges, the lengths each issuer uses, and Luhn.
enum CardValidator {
    /// An issuer range: numbers whose first `digits` digits lie in `low...high`, with these lengths.
    private struct IssuerRange {
        let digits: Int
        let low: Int
        let high: Int
        /// Bit `n` is set when the issuer uses `n` digits.
        let lengths: UInt32
        init(_ digits: Int, _ low: Int, _ high: Int, _ lengths: ClosedRange<Int>, only: [Int]? = nil) {
            self.digits = digits
            self.low = low
            self.high = high
            self.lengths = (only ?? Array(lengths)).reduce(0) { $0 | 1 << UInt32($1) }
        }
    }

    /// Issuer ranges of the major brands (sources: the brands' published IIN tables).
    private static let ranges: [IssuerRange] = [
        IssuerRange(1, 4, 4, 13...19, only: [13, 16, 19]),          // Visa (incl. Electron)
        IssuerRange(2, 51, 55, 16...16),                            // Mastercard
        IssuerRange(4, 2221, 2720, 16...16),                        // Mastercard 2-series
        IssuerRange(2, 34, 34, 15...15),                            // American Express
        IssuerRange(2, 37, 37, 15...15),                            // American Express
        IssuerRange(3, 300, 305, 14...19),                          // Diners Club Carte Blanche
        IssuerRange(2, 36, 36, 14...19),                            // Diners Club International
        IssuerRange(2, 38, 39, 14...19),                            // Diners Club
        IssuerRange(4, 3528, 3589, 15...19),                        // JCB
        IssuerRange(4, 1800, 1800, 15...15),                        // JCB (legacy 15-digit)
        IssuerRange(4, 2131, 2131, 15...15),                        // JCB (legacy 15-digit)
        IssuerRange(4, 6011, 6011, 16...19),                        // Discover
        IssuerRange(3, 644, 649, 16...19),                          // Discover
        IssuerRange(2, 65, 65, 16...19),                            // Discover
        IssuerRange(2, 62, 62, 16...19),                            // UnionPay
        IssuerRange(2, 81, 81, 16...19),                            // UnionPay
        IssuerRange(4, 2200, 2204, 16...19),                        // Mir
        IssuerRange(2, 50, 50, 12...19),                            // Maestro
        IssuerRange(2, 56, 69, 12...19),                            // Maestro (and RuPay 60)
        IssuerRange(1, 1, 1, 15...15),                              // UATP
        // Any 16-digit number of the banking and travel industries (major industry
        // identifier 3–6), whatever its issuer: PCI fails closed.
        IssuerRange(1, 3, 6, 16...16),
    ]

    /// Whether `candidate` holds a card number: 12–19 digits from a known issuer range with
    /// a length that range uses, and (when `requireLuhn`) a valid Luhn check digit.
    static func isValid(_ candidate: UnsafeRawBufferPointer, requireLuhn: Bool) -> Bool {
        let digits = Digits(candidate)
        guard (12...19).contains(digits.count) else { return false }
        // Luhn first: it is cheaper and rejects nine in ten numbers.
        if requireLuhn && !luhn(digits) { return false }
        return matchesIssuer(digits)
    }

    /// Whether the digits start with an issuer prefix whose lengths include theirs.
    static func matchesIssuer(_ digits: Digits) -> Bool {
        let first4 = digits.prefix(4)
        let lengthBit = UInt32(1) << UInt32(digits.count)
        return ranges.contains { range in
            var prefix = first4
            for _ in range.digits..<4 { prefix /= 10 }
            return prefix >= range.low && prefix <= range.high && range.lengths & lengthBit != 0
        }
    }

    /// The Luhn (mod 10) checksum over all digits.
    static func luhn(_ digits: Digits) -> Bool {
        var sum = 0
        var double = false
        for index in stride(from: digits.count - 1, through: 0, by: -1) {
            var value = Int(digits[index])
            if double {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
            double.toggle()
        }
        return digits.count > 0 && sum % 10 == 0
    }
}
