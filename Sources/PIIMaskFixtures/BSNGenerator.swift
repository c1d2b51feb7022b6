/// Generates Dutch citizen service numbers (BSN): nine digits whose weighted sum
/// 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (the 11-proof, *elfproef*).
enum BSNGenerator {
    /// The nine digits of a number that passes the 11-proof.
    static func digits(_ rng: inout SplitMix64) -> [Int] {
        while true {
            var digits = (0..<8).map { _ in rng.below(10) }
            let sum = digits.enumerated().reduce(0) { $0 + (9 - $1.offset) * $1.element }
            let check = sum % 11
            // A remainder of 10 has no check digit: draw again.
            guard check < 10, digits.contains(where: { $0 != 0 }) else { continue }
            digits.append(check)
            return digits
        }
    }

    /// A valid BSN, compact (`123456782`).
    static func compact(_ rng: inout SplitMix64) -> String {
        digits(&rng).map(String.init).joined()
    }

    /// A valid BSN in the `1234.56.782` notation of Dutch forms, with `separator`.
    static func grouped(_ rng: inout SplitMix64, separator: String) -> String {
        GroupFormatter.group(compact(&rng), sizes: [4, 2, 3], every: 3, separator: separator)
    }
}
