/// What a phone candidate is checked against beyond its count of digits: libphonenumber's
/// numbering plans (`PhoneNumberingPlans`), per the `phone` validator's rule-file options.
struct PhonePlan: Sendable, Equatable {
    /// How a number written with `+` or `00` (or read as one) is checked.
    enum CountryCheck: Sendable, Equatable {
        /// Digit count only.
        case none
        /// The country calling code exists and the rest has a length its plan allows.
        case lengths
        /// The country calling code exists and the rest fits its plan (leading digits and length).
        case plan
    }

    /// Check of international numbers.
    var country: CountryCheck = .none
    /// Regions a national number (no `+` or `00`) must fit one of; nil: digit count only.
    var regions: PhoneRegionSet?
    /// The digits start with a country calling code even without `+` or `00` (`wa.me/31…`);
    /// when the candidate's first group of 1–3 digits ends in a separator (`91-415-…`), that
    /// group is the code.
    var countryCodeFirst = false

    /// Digit count only.
    static let digitsOnly = PhonePlan()
}

/// A set of regions of `PhoneNumberingPlans`, as bits over their indices.
struct PhoneRegionSet: Sendable, Equatable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// Every region of the table: checked against the table's unions of plans, not one by one.
    private(set) var isEveryRegion = false

    /// Every region of the table.
    static var all: PhoneRegionSet {
        var set = PhoneRegionSet()
        for index in PhoneNumberingPlans.regionCodes.indices { set.insert(index) }
        set.isEveryRegion = true
        return set
    }

    /// The set of the named regions (ISO 3166 codes such as `NL`), or the first unknown one.
    static func named(_ codes: [String]) -> Result<PhoneRegionSet, UnknownRegion> {
        var set = PhoneRegionSet()
        for code in codes {
            let bytes = Array(code.utf8)
            guard bytes.count == 2,
                  let index = PhoneNumberingPlans.regionCodes.firstIndex(of: UInt16(bytes[0]) << 8 | UInt16(bytes[1]))
            else { return .failure(UnknownRegion(code: code)) }
            set.insert(index)
        }
        return .success(set)
    }

    /// A region code the table does not hold.
    struct UnknownRegion: Error { let code: String }

    /// Adds the region at `index` of `PhoneNumberingPlans.regionCodes`.
    mutating func insert(_ index: Int) {
        let bit = UInt64(1) << UInt64(index & 63)
        switch index >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    /// The word of bits for regions `64 * word ..< 64 * (word + 1)`.
    func word(_ word: Int) -> UInt64 {
        switch word {
        case 0: return words.0
        case 1: return words.1
        case 2: return words.2
        default: return words.3
        }
    }

    static func == (lhs: PhoneRegionSet, rhs: PhoneRegionSet) -> Bool {
        lhs.isEveryRegion == rhs.isEveryRegion && (0..<4).allSatisfy { lhs.word($0) == rhs.word($0) }
    }
}

/// Phone numbers: a plausible count of digits and, per `PhonePlan`, a numbering plan.
enum PhoneValidator {
    /// Whether the candidate has between `minDigits` and `maxDigits` digits (E.164 allows at
    /// most 15), not counting a leading `00` international prefix or a `(0)` trunk prefix,
    /// and fits `plan`.
    static func isValid(_ candidate: UnsafeRawBufferPointer, minDigits: Int, maxDigits: Int,
                        plan: PhonePlan = .digitsOnly) -> Bool {
        let bytes = candidate
        var digits = PhoneDigits()
        // A leading "00" international access prefix does not count.
        var index = bytes.count >= 2 && bytes[0] == UInt8(ascii: "0") && bytes[1] == UInt8(ascii: "0") ? 2 : 0
        digits.international = index == 2 || (bytes.count > 0 && bytes[0] == UInt8(ascii: "+"))
        // Without `+` or `00`, a first group standing alone is the country code whole.
        var codeLength = 0
        while index < bytes.count {
            if codeLength == 0, digits.count > 0, !isDigit(bytes[index]) { codeLength = digits.count }
            // A "(0)" trunk prefix inside an international number does not count.
            if bytes[index] == UInt8(ascii: "("), index + 2 < bytes.count,
               bytes[index + 1] == UInt8(ascii: "0"), bytes[index + 2] == UInt8(ascii: ")") {
                index += 3
                continue
            }
            if isDigit(bytes[index]) { digits.append(bytes[index] &- 0x30) }
            index += 1
        }
        guard digits.count >= minDigits && digits.count <= maxDigits else { return false }
        if digits.international {
            return plan.country == .none || fitsCountry(digits, strict: plan.country == .plan)
        }
        if plan.countryCodeFirst {
            return plan.country == .none
                || fitsCountry(digits, strict: plan.country == .plan, codeLength: codeLength <= 3 ? codeLength : -1)
        }
        guard let regions = plan.regions else { return true }
        return fitsRegion(digits, regions)
    }

    /// Whether `digits` start with a country calling code whose plan the rest fits; with
    /// `codeLength` above 0 the code has that many digits (-1: none can be the code).
    private static func fitsCountry(_ digits: borrowing PhoneDigits, strict: Bool, codeLength: Int = 0) -> Bool {
        if codeLength < 0 { return false }
        var code = 0
        for length in 1...3 where length < digits.count {
            code = code * 10 + Int(digits[length - 1])
            if codeLength > 0 && length != codeLength { continue }
            guard let index = countryIndex(code) else { continue }
            let nsnLength = digits.count - length
            guard nsnLength <= 17 else { return false }
            if !strict { return PhoneNumberingPlans.countryLengths[index] & (1 << UInt32(nsnLength)) != 0 }
            return fits(PhoneNumberingPlans.countryRoots[index], digits, from: length)
        }
        return false
    }

    /// Whether `digits` are a national number of one of `regions`: with its trunk prefix, or without.
    private static func fitsRegion(_ digits: borrowing PhoneDigits, _ regions: PhoneRegionSet) -> Bool {
        if regions.isEveryRegion {
            if fits(PhoneNumberingPlans.everyRegionRoot, digits, from: 0) { return true }
            for (index, trunk) in PhoneNumberingPlans.trunks.enumerated()
            where startsWithTrunk(digits, trunk) && fits(PhoneNumberingPlans.trunkRoots[index], digits, from: Int(trunk >> 12)) {
                return true
            }
            return false
        }
        for word in 0..<4 {
            var bits = regions.word(word)
            while bits != 0 {
                let region = word << 6 | bits.trailingZeroBitCount
                bits &= bits - 1
                let root = PhoneNumberingPlans.regionRoots[region]
                if fits(root, digits, from: 0) { return true }
                let trunk = PhoneNumberingPlans.regionTrunks[region]
                if startsWithTrunk(digits, trunk), fits(root, digits, from: Int(trunk >> 12)) { return true }
            }
        }
        return false
    }

    /// Whether `digits` start with the national prefix `trunk` (encoded as in `regionTrunks`).
    @inline(__always)
    private static func startsWithTrunk(_ digits: borrowing PhoneDigits, _ trunk: UInt16) -> Bool {
        let length = Int(trunk >> 12)
        guard length > 0, length < digits.count else { return false }
        var value = 0
        for position in 0..<length { value = value * 10 + Int(digits[position]) }
        return value == Int(trunk & 0xFFF)
    }

    /// Whether `digits[start...]` fits the plan whose trie entry is `root`.
    @inline(__always)
    private static func fits(_ root: UInt32, _ digits: borrowing PhoneDigits, from start: Int) -> Bool {
        let length = digits.count - start
        guard length >= 4 && length <= 17 else { return false }
        var entry = root
        var position = start
        // Leaves lie at most four digits deep.
        while entry & leaf == 0 {
            entry = PhoneNumberingPlans.nodes[Int(entry) + Int(digits[position])]
            position += 1
        }
        return entry & (1 << UInt32(length)) != 0
    }

    /// The index of country calling code `code` in `PhoneNumberingPlans.countryCodes`.
    @inline(__always)
    private static func countryIndex(_ code: Int) -> Int? {
        let entry = countryIndexByCode[code]
        return entry == 0 ? nil : Int(entry) - 1
    }

    /// For each number below 1000, one more than its index in `PhoneNumberingPlans.countryCodes`
    /// (0: no such country calling code). Built once.
    private static let countryIndexByCode: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 1000)
        for (index, code) in PhoneNumberingPlans.countryCodes.enumerated() { table[Int(code)] = UInt8(index + 1) }
        return table
    }()

    private static let leaf: UInt32 = 0x8000_0000

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
}

/// The digits of a phone candidate as values 0–9 (at most 20 kept; more fail the count), inline.
struct PhoneDigits: ~Copyable {
    private var values = InlineArray<20, UInt8>(repeating: 0)
    private(set) var count = 0
    /// Written with `+` or `00`.
    var international = false

    /// Appends a digit (counted, not kept, past 20).
    mutating func append(_ digit: UInt8) {
        if count < 20 { values[count] = digit }
        count += 1
    }

    subscript(index: Int) -> UInt8 { values[index] }
}
