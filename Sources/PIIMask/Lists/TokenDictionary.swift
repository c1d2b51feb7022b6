/// The values of a `deny:` dictionary, in a hash table of their case-folded bytes: a token
/// found in text is masked when it is one of them.
///
/// A token is a run of ASCII letters, digits or non-ASCII bytes, possibly joined by single
/// `-`, `_`, `.` or `/` (`AC-77812`, `cust_0042`); ASCII letters compare case-insensitively,
/// everything else byte for byte.
///
/// - Complexity: building, O(total bytes); a look-up, O(token length) for the hash and one
///   comparison per probe (open addressing at a load of at most one half).
///   Memory: the values' bytes, plus 4 bytes per value for its offset and 8 to 16 bytes per
///   value of table slots: about 30 MB for 1,000,000 values of 8 bytes.
final class TokenDictionary: Sendable, Equatable {
    /// The values' folded bytes, one after the other.
    private let bytes: [UInt8]
    /// `bytes[offsets[i]..<offsets[i + 1]]` is value `i`.
    private let offsets: [UInt32]
    /// 0: empty; else one more than a value's index.
    private let slots: [UInt32]
    private let mask: Int
    /// How many distinct values it holds.
    let count: Int
    /// Whether every value holds an ASCII digit.
    let everyValueHasDigit: Bool

    /// The reason a value is not one token, or nil when it is.
    static func problem(_ value: some Collection<UInt8>) -> String? {
        guard !value.isEmpty else { return "is empty" }
        var previousJoiner = true
        for byte in value {
            if isJoiner(byte) {
                if previousJoiner { return "is not one token (letters and digits, joined by single - _ . /)" }
                previousJoiner = true
            } else if isTokenByte(byte) {
                previousJoiner = false
            } else {
                return "is not one token (letters and digits, joined by single - _ . /)"
            }
        }
        return previousJoiner ? "is not one token (letters and digits, joined by single - _ . /)" : nil
    }

    /// A dictionary of `values`, each one token (check with `problem` first).
    init(_ values: [ArraySlice<UInt8>]) {
        var bytes: [UInt8] = []
        var offsets: [UInt32] = [0]
        var capacity = 16
        while capacity < values.count * 2 { capacity <<= 1 }
        var slots = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1
        var everyValueHasDigit = true
        bytes.reserveCapacity(values.reduce(0) { $0 + $1.count })
        offsets.reserveCapacity(values.count + 1)
        for value in values {
            let start = bytes.count
            for byte in value { bytes.append(Self.fold(byte)) }
            if !value.contains(where: { $0 &- 0x30 < 10 }) { everyValueHasDigit = false }
            var slot = Self.hash(bytes[start...]) & mask
            var duplicate = false
            while slots[slot] != 0 {
                let index = Int(slots[slot]) - 1
                if bytes[Int(offsets[index])..<Int(offsets[index + 1])] == bytes[start...] {
                    duplicate = true
                    break
                }
                slot = (slot + 1) & mask
            }
            if duplicate {
                bytes.removeLast(bytes.count - start)
                continue
            }
            slots[slot] = UInt32(offsets.count)
            offsets.append(UInt32(bytes.count))
        }
        self.bytes = bytes
        self.offsets = offsets
        self.slots = slots
        self.mask = mask
        count = offsets.count - 1
        self.everyValueHasDigit = everyValueHasDigit
    }

    /// Whether `token` (compared case-folded) is one of the values.
    func contains(_ token: UnsafeRawBufferPointer) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in token { hash = (hash ^ UInt64(Self.fold(byte))) &* 0x0000_0100_0000_01B3 }
        var slot = Self.finish(hash) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            let start = Int(offsets[index])
            let end = Int(offsets[index + 1])
            if end - start == token.count {
                var equal = true
                for offset in 0..<token.count where bytes[start + offset] != Self.fold(token[offset]) {
                    equal = false
                    break
                }
                if equal { return true }
            }
            slot = (slot + 1) & mask
        }
        return false
    }

    static func == (lhs: TokenDictionary, rhs: TokenDictionary) -> Bool { lhs === rhs }

    /// The pattern of one whole token: not preceded or followed by a token byte, nor by a
    /// joiner next to one (so `AC-77812` is not found in `AC-77812-9`); possessive, so that
    /// a rejected token is never retried shorter.
    static let tokenPattern = #"(?<![A-Za-z0-9\x80-\xff])(?<![A-Za-z0-9\x80-\xff][\-_./])"#
        + #"[A-Za-z0-9\x80-\xff]++(?:[\-_./][A-Za-z0-9\x80-\xff]++)*+(?![\-_./]?[A-Za-z0-9\x80-\xff])"#

    @inline(__always)
    private static func fold(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    private static func isJoiner(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/")
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte &- 0x30 < 10 || (fold(byte) >= UInt8(ascii: "a") && fold(byte) <= UInt8(ascii: "z"))
    }

    /// FNV-1a over the (already folded) bytes.
    private static func hash(_ folded: ArraySlice<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in folded { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return finish(hash)
    }

    /// Mixes the high bits of a hash into the low ones the table indexes by.
    @inline(__always)
    private static func finish(_ hash: UInt64) -> Int {
        var mixed = hash ^ (hash >> 32)
        mixed = mixed &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 16)
    }
}
