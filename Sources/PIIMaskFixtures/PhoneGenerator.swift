/// Generates telephone numbers from `PhoneCountries` in national, international, E.164,
/// `00`-prefixed, bracketed-trunk and oddly spaced notations.
enum PhoneGenerator {
    private static let englishWeights = PhoneCountries.all.map(\.englishWeight)
    private static let dutchWeights = PhoneCountries.all.map(\.dutchWeight)

    /// The notations, in the order of `notationWeights`.
    private enum Notation: CaseIterable {
        case national, spaced, e164, doubleZero, bracketedTrunk, odd
    }

    private static let notationWeights = [45, 24, 12, 9, 5, 5]

    /// A phone number as a chat user would write it. Dutch messages favour Dutch and
    /// Belgian numbers, English ones British and North American numbers.
    static func generate(_ rng: inout SplitMix64, language: Language) -> String {
        let weights = language == .dutch ? dutchWeights : englishWeights
        let country = PhoneCountries.all[rng.weighted(weights)]
        let plan = rng.pick(country.plans)
        let number = nationalSignificantNumber(plan, &rng)
        let code = country.callingCode

        var allowed = notationWeights
        if plan.national.isEmpty { allowed[0] = 0 }
        if !country.bracketedTrunk { allowed[4] = 0 }
        if plan.oddForms.isEmpty { allowed[5] = 0 }
        switch Notation.allCases[rng.weighted(allowed)] {
        case .national:
            return GroupFormatter.fill(rng.pick(plan.national), with: number)
        case .spaced:
            return "+" + code + international(plan, number, &rng)
        case .e164:
            return "+" + code + number
        case .doubleZero:
            if rng.chance(200) { return "00" + code + number }
            return "00" + code + international(plan, number, &rng)
        case .bracketedTrunk:
            let pattern = rng.pick(plan.international.filter { $0.first == "#" })
            return "+" + code + " (0)" + GroupFormatter.fill(pattern, with: number)
        case .odd:
            return GroupFormatter.fill(rng.pick(plan.oddForms), with: number)
        }
    }

    /// A phone number without any separator, as it is pasted into lists: E.164
    /// (`+31612345678`) or, where the country writes a trunk `0` and the national number
    /// has 8–11 digits, the trunk and the number (`0612345678`).
    static func compact(_ rng: inout SplitMix64, language: Language) -> String {
        let weights = language == .dutch ? dutchWeights : englishWeights
        let country = PhoneCountries.all[rng.weighted(weights)]
        let plan = rng.pick(country.plans)
        let number = nationalSignificantNumber(plan, &rng)
        let trunk = plan.national.contains { $0.hasPrefix("0#") }
            && (8...11).contains(plan.length) && number.first != "0"
        if trunk, rng.chance(600) { return "0" + number }
        return "+" + country.callingCode + number
    }

    /// The national significant number in an international pattern, with the separator
    /// that goes between it and the country code.
    private static func international(
        _ plan: PhoneNumberPlan, _ number: String, _ rng: inout SplitMix64
    ) -> String {
        let pattern = rng.pick(plan.international)
        let body = GroupFormatter.fill(pattern, with: number)
        return pattern.first == "#" || pattern.first == "(" ? " " + body : body
    }

    private static func nationalSignificantNumber(
        _ plan: PhoneNumberPlan, _ rng: inout SplitMix64
    ) -> String {
        var number = ""
        for character in rng.pick(plan.leads) {
            number += character == "N" ? String(rng.int(in: 2...9)) : String(character)
        }
        precondition(number.count <= plan.length, "lead longer than the number")
        return number + rng.digits(plan.length - number.count)
    }
}
