/// Generates the hostile look-alikes of the `adversarial` profile: inputs that make a
/// backtracking matcher slow, none of them personal data under the README's policy.
///
/// Each value is built so that no part of it is a value of the five types either: digit
/// runs are longer than any card or phone, digit soup has no group of four digits and never
/// two space-or-dash separators in a row, IBAN-like strings fail mod-97 at their country's
/// length, and `+` runs of card length fail the Luhn check.
enum HostileValueGenerator {
    private static let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    /// ISO 3166 codes reserved for private use and given to no country (not XK, which Kosovo
    /// uses for IBANs), so no IBAN length.
    private static let privateUseCodes = ["AA", "QM", "QS", "QZ", "XA", "XR", "XX", "ZZ"]

    /// A value of a hostile `kind` (`NegativeKind.hostile`).
    static func generate(_ kind: NegativeKind, _ rng: inout SplitMix64) -> String {
        switch kind {
        case .digitRun: return digitRun(&rng)
        case .digitSoup: return digitSoup(&rng)
        case .symbolRun: return symbolRun(&rng)
        case .ibanLike: return ibanLike(&rng)
        case .plusDigits: return plusDigits(&rng)
        case .quantity: return String(rng.int(in: 1...(rng.chance(700) ? 99 : 999)))
        default: preconditionFailure("\(kind.rawValue) is not a hostile kind")
        }
    }

    /// A parcel number of 20–30 digits in groups of four, half of them starting `00` like
    /// an SSCC (`0043 8533 0865 6007 2656 95`): longer than any card, phone or account.
    static func groupedTracking(_ rng: inout SplitMix64) -> String {
        let count = rng.int(in: 20...30)
        let digits = rng.chance(500) ? "00" + rng.digits(count - 2) : rng.digits(count)
        return GroupFormatter.group(digits, sizes: [], every: 4, separator: " ")
    }

    /// A day and month (`16/01`, `03-11`).
    static func shortDate(_ rng: inout SplitMix64) -> String {
        let day = rng.int(in: 1...28)
        let month = rng.int(in: 1...12)
        let separator = rng.pick(["/", "/", "-"])
        return (day < 10 ? "0\(day)" : "\(day)") + separator + (month < 10 ? "0\(month)" : "\(month)")
    }

    /// 40–2,000 digits in groups of four (or three), one separator throughout.
    private static func digitRun(_ rng: inout SplitMix64) -> String {
        let count = rng.chance(700) ? rng.int(in: 40...200) : rng.int(in: 201...2000)
        let every = rng.chance(750) ? 4 : 3
        let separator = rng.chance(700) ? " " : "-"
        return GroupFormatter.group(rng.digits(count), sizes: [], every: every, separator: separator)
    }

    /// 6–150 groups of one to three digits, none starting with `0`, joined by separators
    /// that alternate between a space or dash and one of `.`, `/`, `(`, `)`.
    private static func digitSoup(_ rng: inout SplitMix64) -> String {
        let groups = rng.chance(700) ? rng.int(in: 6...30) : rng.int(in: 31...150)
        var text = ""
        for index in 0..<groups {
            if index > 0 {
                text += index % 2 == 1 ? rng.pick([" ", "-"]) : rng.pick([".", "/", "(", ")"])
            }
            text += String(rng.int(in: 1...9)) + rng.digits(rng.below(3))
        }
        return text
    }

    /// 10–3,000 characters of `+`, `(`, `@` and spaces: one symbol repeated, a pair
    /// alternating, or a mix; it starts and ends with a symbol.
    private static func symbolRun(_ rng: inout SplitMix64) -> String {
        let count = rng.chance(700) ? rng.int(in: 10...200) : rng.int(in: 201...3000)
        let symbols: [Character] = ["+", "(", "@"]
        var characters: [Character] = []
        characters.reserveCapacity(count)
        switch rng.weighted([30, 20, 50]) {
        case 0:
            characters = Array(repeating: rng.pick(symbols), count: count)
        case 1:
            let first = rng.pick(symbols)
            let second = symbols.filter { $0 != first }[rng.below(2)]
            for index in 0..<count { characters.append(index % 2 == 0 ? first : second) }
        default:
            for index in 0..<count {
                let edge = index == 0 || index == count - 1
                characters.append(!edge && rng.chance(150) ? " " : rng.pick(symbols))
            }
        }
        return String(characters)
    }

    /// Two letters, two digits and 6–40 letters and digits, compact or in groups of four
    /// (each group after the first starting with a digit, so no group starts an IBAN): a
    /// registry country at the wrong length, or with check digits that fail at its length,
    /// or a private-use code that no country has.
    private static func ibanLike(_ rng: inout SplitMix64) -> String {
        let country = rng.chance(800) ? rng.pick(IBANRegistry.countries) : nil
        let code = country?.code ?? rng.pick(privateUseCodes)
        var length = rng.int(in: 10...44)
        if let country, rng.chance(300) { length = country.length }
        let grouped = rng.chance(500)
        var bban = ""
        for index in 4..<length {
            let groupStart = grouped && index % 4 == 0
            bban.append(groupStart || rng.chance(600) ? Character(String(rng.below(10))) : rng.pick(letters))
        }
        var check = rng.int(in: 0...99)
        if let country, length >= country.length {
            let prefix = String(bban.prefix(country.length - 4))
            let valid = Int(IBANChecksum.checkDigits(country: code, bban: prefix)) ?? -1
            // Any other value differs from the valid one modulo 97 (they are 1 or 99 apart).
            if check == valid { check = (check + 1) % 100 }
        }
        var text = code + (check < 10 ? "0\(check)" : "\(check)") + bban
        if grouped { text = GroupFormatter.group(text, sizes: [], every: 4, separator: " ") }
        return rng.chance(100) ? text.lowercased() : text
    }

    /// `+` and 16–20 digits; a digit string of card length is made to fail the Luhn check.
    private static func plusDigits(_ rng: inout SplitMix64) -> String {
        let count = rng.int(in: 16...20)
        var digits = [rng.int(in: 1...9)]
        while digits.count < count { digits.append(rng.below(10)) }
        if count <= 19, digits.last == Luhn.checkDigit(for: Array(digits.dropLast())) {
            digits[count - 1] = (digits[count - 1] + 1) % 10
        }
        return "+" + digits.map(String.init).joined()
    }
}
