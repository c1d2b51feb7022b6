/// The countries of the SWIFT IBAN registry with their IBAN length and BBAN structure.
///
/// Structures use the registry's notation: `n` digits, `a` upper-case letters, `c` letters
/// or digits, each preceded by its count (`4a10n` is four letters then ten digits).
struct IBANCountry: Sendable {
    /// The kind of character a BBAN position holds.
    enum CharacterClass: Sendable {
        /// A decimal digit.
        case digit
        /// An upper-case letter.
        case letter
        /// An upper-case letter or a digit.
        case alphanumeric
    }

    /// ISO 3166 alpha-2 code, e.g. `NL`.
    let code: String
    /// Length of the whole IBAN in characters.
    let length: Int
    /// The BBAN as runs of character classes, in order.
    let structure: [(count: Int, kind: CharacterClass)]
    /// Real bank identifiers that fill the leading letter run, when the country has one
    /// worth imitating; random letters otherwise.
    let bankCodes: [String]

    /// Parses a registry entry; a structure that does not add up to `length` is a
    /// programming error.
    init(_ code: String, _ length: Int, _ structure: String, bankCodes: [String] = []) {
        self.code = code
        self.length = length
        self.bankCodes = bankCodes
        var runs: [(count: Int, kind: CharacterClass)] = []
        var count = 0
        for character in structure {
            if let digit = character.wholeNumberValue {
                count = count * 10 + digit
                continue
            }
            switch character {
            case "n": runs.append((count, .digit))
            case "a": runs.append((count, .letter))
            case "c": runs.append((count, .alphanumeric))
            default: preconditionFailure("bad BBAN structure \(structure) for \(code)")
            }
            count = 0
        }
        precondition(4 + runs.reduce(0) { $0 + $1.count } == length, "BBAN length of \(code)")
        self.structure = runs
    }
}

/// The registry table (SWIFT IBAN registry, 89 countries).
enum IBANRegistry {
    /// Every registry country, alphabetically by code.
    static let countries: [IBANCountry] = [
        IBANCountry("AD", 24, "4n4n12c"),
        IBANCountry("AE", 23, "3n16n"),
        IBANCountry("AL", 28, "8n16c"),
        IBANCountry("AT", 20, "5n11n"),
        IBANCountry("AZ", 28, "4a20c"),
        IBANCountry("BA", 20, "3n3n8n2n"),
        IBANCountry("BE", 16, "3n7n2n"),
        IBANCountry("BG", 22, "4a4n2n8c"),
        IBANCountry("BH", 22, "4a14c"),
        IBANCountry("BI", 27, "5n5n11n2n"),
        IBANCountry("BR", 29, "8n5n10n1a1c"),
        IBANCountry("BY", 28, "4c4n16c"),
        IBANCountry("CH", 21, "5n12c"),
        IBANCountry("CR", 22, "4n14n"),
        IBANCountry("CY", 28, "3n5n16c"),
        IBANCountry("CZ", 24, "4n6n10n"),
        IBANCountry("DE", 22, "8n10n"),
        IBANCountry("DJ", 27, "5n5n11n2n"),
        IBANCountry("DK", 18, "4n9n1n"),
        IBANCountry("DO", 28, "4c20n"),
        IBANCountry("EE", 20, "2n2n11n1n"),
        IBANCountry("EG", 29, "4n4n17n"),
        IBANCountry("ES", 24, "4n4n1n1n10n"),
        IBANCountry("FI", 18, "3n11n"),
        IBANCountry("FK", 18, "2a12n"),
        IBANCountry("FO", 18, "4n9n1n"),
        IBANCountry("FR", 27, "5n5n11c2n"),
        IBANCountry("GB", 22, "4a6n8n",
                    bankCodes: ["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "RBOS", "NAIA", "MONZ"]),
        IBANCountry("GE", 22, "2a16n"),
        IBANCountry("GI", 23, "4a15c"),
        IBANCountry("GL", 18, "4n9n1n"),
        IBANCountry("GR", 27, "3n4n16c"),
        IBANCountry("GT", 28, "4c20c"),
        IBANCountry("HN", 28, "4a20n"),
        IBANCountry("HR", 21, "7n10n"),
        IBANCountry("HU", 28, "3n4n1n15n1n"),
        IBANCountry("IE", 22, "4a6n8n", bankCodes: ["AIBK", "BOFI", "IPBS", "ULSB"]),
        IBANCountry("IL", 23, "3n3n13n"),
        IBANCountry("IQ", 23, "4a3n12n"),
        IBANCountry("IS", 26, "4n2n6n10n"),
        IBANCountry("IT", 27, "1a5n5n12c"),
        IBANCountry("JO", 30, "4a4n18c"),
        IBANCountry("KW", 30, "4a22c"),
        IBANCountry("KZ", 20, "3n13c"),
        IBANCountry("LB", 28, "4n20c"),
        IBANCountry("LC", 32, "4a24c"),
        IBANCountry("LI", 21, "5n12c"),
        IBANCountry("LT", 20, "5n11n"),
        IBANCountry("LU", 20, "3n13c"),
        IBANCountry("LV", 21, "4a13c"),
        IBANCountry("LY", 25, "3n3n15n"),
        IBANCountry("MC", 27, "5n5n11c2n"),
        IBANCountry("MD", 24, "2c18c"),
        IBANCountry("ME", 22, "3n13n2n"),
        IBANCountry("MK", 19, "3n10c2n"),
        IBANCountry("MN", 20, "4n12n"),
        IBANCountry("MR", 27, "5n5n11n2n"),
        IBANCountry("MT", 31, "4a5n18c"),
        IBANCountry("MU", 30, "4a2n2n12n3n3a"),
        IBANCountry("NI", 28, "4a20n"),
        IBANCountry("NL", 18, "4a10n",
                    bankCodes: ["ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RBRB"]),
        IBANCountry("NO", 15, "4n6n1n"),
        IBANCountry("OM", 23, "3n16c"),
        IBANCountry("PK", 24, "4a16c"),
        IBANCountry("PL", 28, "8n16n"),
        IBANCountry("PS", 29, "4a21c"),
        IBANCountry("PT", 25, "4n4n11n2n"),
        IBANCountry("QA", 29, "4a21c"),
        IBANCountry("RO", 24, "4a16c"),
        IBANCountry("RS", 22, "3n13n2n"),
        IBANCountry("RU", 33, "9n5n15c"),
        IBANCountry("SA", 24, "2n18c"),
        IBANCountry("SC", 31, "4a2n2n16n3a"),
        IBANCountry("SD", 18, "2n12n"),
        IBANCountry("SE", 24, "3n16n1n"),
        IBANCountry("SI", 19, "5n8n2n"),
        IBANCountry("SK", 24, "4n6n10n"),
        IBANCountry("SM", 27, "1a5n5n12c"),
        IBANCountry("SO", 23, "4n3n12n"),
        IBANCountry("ST", 25, "4n4n11n2n"),
        IBANCountry("SV", 28, "4a20n"),
        IBANCountry("TL", 23, "3n14n2n"),
        IBANCountry("TN", 24, "2n3n13n2n"),
        IBANCountry("TR", 26, "5n1n16c"),
        IBANCountry("UA", 29, "6n19c"),
        IBANCountry("VA", 22, "3n15n"),
        IBANCountry("VG", 24, "4a16n"),
        IBANCountry("XK", 20, "4n10n2n"),
        IBANCountry("YE", 30, "4a4n18c"),
    ]

    /// Countries a Dutch or English-speaking contact centre sees most, drawn more often.
    static let common: [String] = ["NL", "BE", "DE", "GB", "FR", "IE", "ES", "IT", "LU", "AT"]
}
