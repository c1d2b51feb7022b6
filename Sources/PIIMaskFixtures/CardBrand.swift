/// A payment card brand: its issuer number ranges, its lengths and how its numbers are
/// grouped when printed.
struct CardBrand: Sendable {
    /// A range of issuer identification prefixes, all with the same number of digits
    /// (`51...55` or `2221...2720`).
    struct PrefixRange: Sendable {
        /// The smallest prefix.
        let low: Int
        /// The largest prefix.
        let high: Int
        /// Digits in each prefix.
        let width: Int

        init(_ low: Int, _ high: Int) {
            self.low = low
            self.high = high
            width = String(low).count
        }
    }

    /// The brand's name, for reading tests and failures.
    let name: String
    /// How often the brand is drawn, relative to the others.
    let weight: Int
    /// The brand's issuer ranges, with a relative weight each.
    let prefixes: [(range: PrefixRange, weight: Int)]
    /// The possible card lengths, with a relative weight each.
    let lengths: [(length: Int, weight: Int)]
    /// Group sizes for a card of the given length.
    let grouping: @Sendable (Int) -> [Int]
}

/// The brands the corpus draws from.
enum CardBrands {
    /// Four-digit groups with the rest in a last, shorter group (16 → 4-4-4-4, 19 → 4-4-4-4-3).
    private static func fours(_ length: Int) -> [Int] {
        var groups = Array(repeating: 4, count: length / 4)
        if length % 4 != 0 { groups.append(length % 4) }
        return groups
    }

    /// Every brand with its weight.
    static let all: [CardBrand] = [
        CardBrand(
            name: "Visa", weight: 34,
            prefixes: [(.init(4, 4), 1)],
            lengths: [(13, 5), (16, 85), (19, 10)],
            grouping: { $0 == 13 ? [4, 4, 5] : fours($0) }),
        CardBrand(
            name: "Mastercard", weight: 24,
            prefixes: [(.init(51, 55), 7), (.init(2221, 2720), 3)],
            lengths: [(16, 1)],
            grouping: fours),
        CardBrand(
            name: "American Express", weight: 10,
            prefixes: [(.init(34, 34), 1), (.init(37, 37), 2)],
            lengths: [(15, 1)],
            grouping: { _ in [4, 6, 5] }),
        CardBrand(
            name: "Diners Club", weight: 4,
            prefixes: [(.init(36, 36), 3), (.init(300, 305), 2), (.init(38, 39), 1)],
            lengths: [(14, 1)],
            grouping: { _ in [4, 6, 4] }),
        CardBrand(
            name: "Discover", weight: 5,
            prefixes: [(.init(6011, 6011), 4), (.init(644, 649), 2), (.init(65, 65), 4)],
            lengths: [(16, 1)],
            grouping: fours),
        CardBrand(
            name: "JCB", weight: 4,
            prefixes: [(.init(3528, 3589), 1)],
            lengths: [(16, 1)],
            grouping: fours),
        CardBrand(
            name: "JCB 15", weight: 1,
            prefixes: [(.init(2131, 2131), 1), (.init(1800, 1800), 1)],
            lengths: [(15, 1)],
            grouping: { _ in [4, 6, 5] }),
        CardBrand(
            name: "Maestro", weight: 10,
            prefixes: [
                (.init(5018, 5018), 1), (.init(5020, 5020), 1), (.init(5038, 5038), 1),
                (.init(5893, 5893), 1), (.init(6304, 6304), 1), (.init(6759, 6759), 1),
                (.init(6761, 6763), 1),
            ],
            lengths: [(12, 2), (13, 1), (14, 1), (15, 1), (16, 4), (17, 1), (18, 1), (19, 2)],
            grouping: { $0 == 13 ? [4, 4, 5] : $0 == 15 ? [4, 6, 5] : fours($0) }),
        CardBrand(
            name: "UnionPay", weight: 6,
            prefixes: [(.init(624, 626), 3), (.init(6282, 6288), 1)],
            lengths: [(16, 5), (17, 1), (18, 1), (19, 3)],
            grouping: { $0 == 19 ? [6, 13] : fours($0) }),
    ]
}
