/// Generates IBANs with the BBAN shape of their country and check digits computed here,
/// written compact or in groups of four, mostly upper case.
enum IBANGenerator {
    private static let commonCountries: [IBANCountry] = IBANRegistry.common.map { code in
        guard let country = IBANRegistry.countries.first(where: { $0.code == code }) else {
            preconditionFailure("\(code) is not in the IBAN registry table")
        }
        return country
    }

    private static let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// A valid IBAN, formatted as people type it. Dutch messages favour Dutch accounts.
    static func valid(_ rng: inout SplitMix64, language: Language) -> String {
        let country = pickCountry(&rng, language: language)
        let bban = bban(for: country, &rng)
        let check = IBANChecksum.checkDigits(country: country.code, bban: bban)
        return format(country.code + check + bban, &rng)
    }

    /// A valid IBAN, compact and upper case: the form that stays one token in a list
    /// separated by spaces.
    static func validCompact(_ rng: inout SplitMix64, language: Language) -> String {
        let country = pickCountry(&rng, language: language)
        let bban = bban(for: country, &rng)
        return country.code + IBANChecksum.checkDigits(country: country.code, bban: bban) + bban
    }

    /// An IBAN-shaped string of the right length and shape whose check digits are wrong.
    static func badCheck(_ rng: inout SplitMix64, language: Language) -> String {
        let country = pickCountry(&rng, language: language)
        let bban = bban(for: country, &rng)
        let correct = Int(IBANChecksum.checkDigits(country: country.code, bban: bban)) ?? 0
        // Any other value in 02…98 differs from the right one by less than 97, so it fails.
        var wrong = correct
        while wrong == correct {
            wrong = rng.int(in: 2...98)
        }
        let check = wrong < 10 ? "0\(wrong)" : "\(wrong)"
        return format(country.code + check + bban, &rng)
    }

    private static func pickCountry(_ rng: inout SplitMix64, language: Language) -> IBANCountry {
        let dutchShare = language == .dutch ? 450 : 100
        if rng.chance(dutchShare) { return commonCountries[0] }
        if rng.chance(500) { return rng.pick(commonCountries) }
        return rng.pick(IBANRegistry.countries)
    }

    private static func bban(for country: IBANCountry, _ rng: inout SplitMix64) -> String {
        var result = ""
        for (index, run) in country.structure.enumerated() {
            if index == 0, run.kind == .letter, !country.bankCodes.isEmpty {
                result += rng.pick(country.bankCodes)
                continue
            }
            for _ in 0..<run.count {
                result.append(character(of: run.kind, &rng))
            }
        }
        return result
    }

    private static func character(
        of kind: IBANCountry.CharacterClass, _ rng: inout SplitMix64
    ) -> Character {
        switch kind {
        case .digit:
            return Character(String(rng.below(10)))
        case .letter:
            return rng.pick(letters)
        case .alphanumeric:
            // Real account parts are mostly digits even where letters are allowed.
            return rng.chance(80) ? rng.pick(letters) : Character(String(rng.below(10)))
        }
    }

    private static func format(_ compact: String, _ rng: inout SplitMix64) -> String {
        var text = compact
        if rng.chance(480) {
            text = GroupFormatter.group(text, sizes: [], every: 4, separator: " ")
        }
        if rng.chance(80) {
            text = text.lowercased()
        }
        return text
    }
}
