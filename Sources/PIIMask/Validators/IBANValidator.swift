/// International bank account numbers: the registry's country lengths and the mod-97 check.
enum IBANValidator {
    /// IBAN length per country: the SWIFT IBAN registry, plus the countries that publish IBANs
    /// outside it (e.g. Iran, Algeria, and the West and Central African monetary unions).
    static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
        "BH": 22, "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24,
        "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
        "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27,
        "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
        "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20,
        "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20,
        "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
        "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
        "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
        "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
        "YE": 30,
        // Published outside the SWIFT registry.
        "AO": 25, "BF": 28, "BJ": 28, "CF": 27, "CG": 27, "CI": 28, "CM": 27, "CV": 25,
        "DZ": 26, "GA": 27, "GQ": 27, "GW": 25, "IR": 26, "KM": 27, "MA": 28, "MG": 27,
        "ML": 28, "MZ": 25, "NE": 28, "SN": 28, "TD": 27, "TG": 28,
    ]

    /// `lengths` keyed by the two country letters as one number (no `String` per check).
    private static let lengthsByCode: [UInt16: Int] = Dictionary(uniqueKeysWithValues: lengths.map { code, length in
        let letters = Array(code.utf8)
        return (UInt16(letters[0]) << 8 | UInt16(letters[1]), length)
    })

    /// The IBAN length of the country whose code is the two upper-case letters `first`,
    /// `second`, or nil for a code of no IBAN country.
    @inline(__always)
    static func length(ofCountry first: UInt8, _ second: UInt8) -> Int? {
        let row = first &- UInt8(ascii: "A"), column = second &- UInt8(ascii: "A")
        guard row < 26, column < 26 else { return nil }
        let length = lengthTable[Int(row) * 26 + Int(column)]
        return length == 0 ? nil : Int(length)
    }

    /// `lengths` as a table of 26 × 26 letter pairs (0: no IBAN country), for the candidate
    /// pass: no hashing per candidate.
    private static let lengthTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 26 * 26)
        for (code, length) in lengths {
            let letters = Array(code.utf8)
            table[Int(letters[0] - UInt8(ascii: "A")) * 26 + Int(letters[1] - UInt8(ascii: "A"))] = UInt8(length)
        }
        return table
    }()

    /// Whether the candidate (letters in either case, separators between them dropped: space,
    /// tab, `.`, `-`, `/`, `_`) is an IBAN: a known country, that country's length, check
    /// digits 02–98, and remainder 1 under mod 97.
    static func isValid(_ candidate: UnsafeRawBufferPointer) -> Bool {
        var chars = InlineArray<34, UInt8>(repeating: 0)
        var count = 0
        for byte in candidate where !IBANCandidate.isSeparator(byte) {
            let upper = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) ? byte - 32 : byte
            let isDigit = upper &- 0x30 < 10
            let isLetter = upper >= UInt8(ascii: "A") && upper <= UInt8(ascii: "Z")
            guard isDigit || isLetter, count < 34 else { return false }
            chars[count] = upper
            count += 1
        }
        guard count >= 15 else { return false }
        guard let length = lengthsByCode[UInt16(chars[0]) << 8 | UInt16(chars[1])], length == count else { return false }
        guard chars[2] &- 0x30 < 10, chars[3] &- 0x30 < 10 else { return false }
        let check = Int(chars[2] &- 0x30) * 10 + Int(chars[3] &- 0x30)
        guard (2...98).contains(check) else { return false }
        // Rearranged: account part, then country and check digits; letters count as 10–35.
        var remainder = 0
        for offset in 0..<count {
            let char = chars[(offset + 4) % count]
            if char &- 0x30 < 10 {
                remainder = (remainder * 10 + Int(char &- 0x30)) % 97
            } else {
                remainder = (remainder * 100 + Int(char - UInt8(ascii: "A")) + 10) % 97
            }
        }
        return remainder == 1
    }
}
