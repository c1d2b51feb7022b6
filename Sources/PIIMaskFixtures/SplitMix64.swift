/// A small, fast pseudo-random generator (SplitMix64, Steele, Lea and Flood 2014) whose output
/// depends only on its seed: the same seed yields the same sequence on every run and machine.
///
/// The corpus generator uses it instead of `SystemRandomNumberGenerator`, and draws bounded
/// values with its own `below(_:)` rather than the standard library's `random(in:using:)`,
/// whose algorithm is not promised to stay the same across Swift releases.
struct SplitMix64: Sendable {
    private var state: UInt64

    /// Creates a generator whose whole sequence is determined by `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// Returns the next 64 pseudo-random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Returns a uniformly distributed integer in `0..<bound` (Lemire's multiply-and-reject,
    /// so without modulo bias). `bound` must be positive.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let limit = UInt64(bound)
        var product = next().multipliedFullWidth(by: limit)
        if product.low < limit {
            let threshold = (0 &- limit) % limit
            while product.low < threshold {
                product = next().multipliedFullWidth(by: limit)
            }
        }
        return Int(product.high)
    }

    /// Returns a uniformly distributed integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// Returns `true` with a probability of `perMille` in a thousand.
    mutating func chance(_ perMille: Int) -> Bool {
        below(1000) < perMille
    }

    /// Returns one element of a non-empty array, each with the same probability.
    mutating func pick<Element>(_ items: [Element]) -> Element {
        items[below(items.count)]
    }

    /// Returns an index into `weights`, each index drawn in proportion to its (non-negative)
    /// weight. The weights must not all be zero.
    mutating func weighted(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var roll = below(total)
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        preconditionFailure("weights must not all be zero")
    }

    /// Returns `count` random decimal digits as a string (leading zeros allowed).
    mutating func digits(_ count: Int) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(count)
        for _ in 0..<count {
            bytes.append(UInt8(ascii: "0") + UInt8(below(10)))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
