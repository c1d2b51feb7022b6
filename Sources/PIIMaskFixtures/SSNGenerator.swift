/// Generates US Social Security Numbers, valid or deliberately invalid.
///
/// Valid: area 001–899 except 666, group 01–99, serial 0001–9999.
enum SSNGenerator {
    /// A valid SSN written with dashes, spaces or compact.
    static func valid(_ rng: inout SplitMix64) -> String {
        let (area, group, serial) = validParts(&rng)
        return format(area: area, group: group, serial: serial, &rng)
    }

    /// A valid SSN written `AAA-GG-SSSS`: the form that is an SSN without context words
    /// and stays one token in a list separated by spaces.
    static func validDashed(_ rng: inout SplitMix64) -> String {
        let (area, group, serial) = validParts(&rng)
        return [padded(area, 3), padded(group, 2), padded(serial, 4)].joined(separator: "-")
    }

    private static func validParts(_ rng: inout SplitMix64) -> (area: Int, group: Int, serial: Int) {
        var area = rng.int(in: 1...898)
        if area >= 666 { area += 1 }
        let group = rng.int(in: 1...99)
        return (area, group, rng.int(in: 1...9999))
    }

    /// An SSN-shaped number that breaks exactly one rule: area 000, 666 or 900–999,
    /// group 00, or serial 0000. Mostly dashed, as it would look if typed as an SSN.
    static func invalid(_ rng: inout SplitMix64) -> String {
        var area = rng.int(in: 1...898)
        if area >= 666 { area += 1 }
        var group = rng.int(in: 1...99)
        var serial = rng.int(in: 1...9999)
        switch rng.below(5) {
        case 0: area = 0
        case 1: area = 666
        case 2: area = rng.int(in: 900...999)
        case 3: group = 0
        default: serial = 0
        }
        return format(area: area, group: group, serial: serial, &rng)
    }

    private static func format(
        area: Int, group: Int, serial: Int, _ rng: inout SplitMix64
    ) -> String {
        let parts = [padded(area, 3), padded(group, 2), padded(serial, 4)]
        switch rng.weighted([70, 15, 15]) {
        case 0: return parts.joined(separator: "-")
        case 1: return parts.joined(separator: " ")
        default: return parts.joined()
        }
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: width - digits.count) + digits
    }
}
