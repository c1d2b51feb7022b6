/// Generates Luhn-valid card numbers in real issuer ranges, compact or grouped.
enum CardGenerator {
    private static let brandWeights = CardBrands.all.map(\.weight)

    /// A valid card number as a customer would type it.
    static func valid(_ rng: inout SplitMix64) -> String {
        let (digits, groups) = validDigits(&rng)
        return format(digits, groups: groups, &rng)
    }

    /// A valid card number with no space in it, compact or grouped with dashes: the forms
    /// that stay one token in a list separated by spaces.
    static func validUnspaced(_ rng: inout SplitMix64) -> String {
        let (digits, groups) = validDigits(&rng)
        let text = digits.map(String.init).joined()
        guard rng.chance(250) else { return text }
        return GroupFormatter.group(text, sizes: groups, every: 4, separator: "-")
    }

    /// The digits of a valid card of a weighted brand and length, with the brand's grouping.
    static func validDigits(_ rng: inout SplitMix64) -> (digits: [Int], groups: [Int]) {
        let brand = CardBrands.all[rng.weighted(brandWeights)]
        let length = brand.lengths[rng.weighted(brand.lengths.map(\.weight))].length
        return (luhnValidDigits(brand: brand, length: length, &rng), brand.grouping(length))
    }

    /// A 16-digit run with a Visa or Mastercard prefix whose last digit breaks the Luhn
    /// check, formatted like a card.
    static func luhnInvalid(_ rng: inout SplitMix64) -> String {
        let brand = CardBrands.all[rng.below(2)]
        var digits = luhnValidDigits(brand: brand, length: 16, &rng)
        let last = digits.removeLast()
        digits.append((last + 1 + rng.below(9)) % 10)
        return format(digits, groups: [4, 4, 4, 4], &rng)
    }

    private static func luhnValidDigits(
        brand: CardBrand, length: Int, _ rng: inout SplitMix64
    ) -> [Int] {
        let range = brand.prefixes[rng.weighted(brand.prefixes.map(\.weight))].range
        let prefix = rng.int(in: range.low...range.high)
        var digits = String(prefix).compactMap(\.wholeNumberValue)
        while digits.count < length - 1 {
            digits.append(rng.below(10))
        }
        digits.append(Luhn.checkDigit(for: digits))
        return digits
    }

    private static func format(_ digits: [Int], groups: [Int], _ rng: inout SplitMix64) -> String {
        let text = digits.map(String.init).joined()
        switch rng.weighted([45, 45, 10]) {
        case 0: return text
        case 1: return GroupFormatter.group(text, sizes: groups, every: 4, separator: " ")
        default: return GroupFormatter.group(text, sizes: groups, every: 4, separator: "-")
        }
    }
}
