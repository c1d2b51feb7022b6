import PCRE2

/// The values of a `deny:` dictionary, in a hash table of their case-folded bytes: a token
/// found in text is masked when it is one of them.
///
/// A value is one token: words (runs of ASCII letters, digits or non-ASCII bytes) joined by
/// single `-`, `_`, `.` or `/` (`AC-77812`, `cust_0042`), at most `maxValueBytes` bytes.
/// ASCII letters compare case-insensitively, everything else byte for byte.
///
/// Besides the table it keeps, per dictionary, the lengths, first bytes and last bytes its
/// values have, how many words the longest-worded one has, and a filter of their first
/// words (`FirstWordFilter`): most tokens of a text are turned down by those bit tests
/// without the table, and a text is searched for the words a value could start at
/// (`DenyPrescan`) before any token is looked at.
///
/// - Complexity: building, O(total bytes); a look-up, O(token length) for the hash and one
///   comparison per probe (open addressing at a load of at most one half).
///   Memory: the values' folded bytes, 4 bytes per value for its offset, 8 to 16 bytes per
///   value of table slots, and the first-word filter (32 to 64 bits per distinct first
///   word): about 25 MB for 1,000,000 values of 9 bytes with distinct first words, 21 MB
///   when they share a few.
final class TokenDictionary: Sendable, Equatable {
    /// The longest value, in bytes.
    static let maxValueBytes = 128

    /// The values' folded bytes, one after the other.
    private let bytes: [UInt8]
    /// `bytes[offsets[i]..<offsets[i + 1]]` is value `i`.
    private let offsets: [UInt32]
    /// 0: empty; else one more than a value's index.
    private let slots: [UInt32]
    private let slotMask: Int
    /// The lengths the values have.
    let lengths: LengthSet
    /// The values' first words (up to their first joiner).
    let firstWords: FirstWordFilter
    /// The folded first and last bytes of the values.
    let firstBytes: ByteSet
    let lastBytes: ByteSet
    /// The most words a value has (`AC-77812`: 2).
    let maxWords: Int
    /// How many distinct values it holds.
    let count: Int
    /// Whether every value holds an ASCII digit: then only tokens with a digit are looked up.
    let everyValueHasDigit: Bool

    /// Why a value is refused, without quoting it (values are the very data to hide).
    static func problem(_ value: UnsafeRawBufferPointer) -> String? {
        guard !value.isEmpty else { return "is empty" }
        guard value.count <= maxValueBytes else { return "is longer than \(maxValueBytes) bytes" }
        var previousJoiner = true
        for byte in value {
            if isJoiner(byte) {
                if previousJoiner { return notOneToken }
                previousJoiner = true
            } else if isWordByte(byte) {
                previousJoiner = false
            } else {
                return notOneToken
            }
        }
        return previousJoiner ? notOneToken : nil
    }

    private static let notOneToken = "is not one token (letters and digits, joined by single - _ . /)"

    /// A dictionary of `values`, each one token (checked with `problem` first); `capacity`:
    /// how many values to size the table for (more are taken, the table grows).
    init(capacity: Int, _ fill: (_ add: (UnsafeRawBufferPointer) -> Void) -> Void) {
        var bytes: [UInt8] = []
        var offsets: [UInt32] = [0]
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        var slots = [UInt32](repeating: 0, count: size)
        var everyValueHasDigit = true
        var lengths = LengthSet()
        let firstWords = FirstWordFilter.Builder(capacity: capacity)
        var firstBytes = ByteSet(), lastBytes = ByteSet()
        var maxWords = 0
        offsets.reserveCapacity(capacity + 1)
        fill { value in
            let start = bytes.count
            var words = 1
            var hasDigit = false
            for byte in value {
                bytes.append(Self.fold(byte))
                if Self.isJoiner(byte) { words += 1 }
                if byte &- 0x30 < 10 { hasDigit = true }
            }
            if Self.insert(from: start, bytes: &bytes, offsets: &offsets, slots: &slots) {
                if !hasDigit { everyValueHasDigit = false }
                lengths.insert(value.count)
                var firstWord = value.count
                if words > 1 { firstWord = value.firstIndex(where: Self.isJoiner) ?? firstWord }
                // Hashed where the value now stands among the others (8-byte loads, no copy).
                bytes.withUnsafeBytes { firstWords.insert($0, start: start, count: firstWord) }
                firstBytes.insert(bytes[start])
                lastBytes.insert(bytes[bytes.count - 1])
                maxWords = max(maxWords, words)
                if (offsets.count - 1) * 2 > slots.count { Self.grow(&slots, bytes: bytes, offsets: offsets) }
            }
        }
        self.bytes = bytes
        self.offsets = offsets
        self.slots = slots
        slotMask = slots.count - 1
        self.lengths = lengths
        self.firstWords = firstWords.build()
        self.firstBytes = firstBytes
        self.lastBytes = lastBytes
        self.maxWords = maxWords
        count = offsets.count - 1
        self.everyValueHasDigit = count > 0 && everyValueHasDigit
    }

    /// Adds the value `bytes[start...]` unless it is there already (then drops its bytes).
    private static func insert(from start: Int, bytes: inout [UInt8], offsets: inout [UInt32],
                               slots: inout [UInt32]) -> Bool {
        let mask = slots.count - 1
        var slot = hash(bytes[start...]) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if bytes[Int(offsets[index])..<Int(offsets[index + 1])] == bytes[start...] {
                bytes.removeLast(bytes.count - start)
                return false
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = UInt32(offsets.count)
        offsets.append(UInt32(bytes.count))
        return true
    }

    /// Doubles the table and puts every value in again.
    private static func grow(_ slots: inout [UInt32], bytes: [UInt8], offsets: [UInt32]) {
        var grown = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        for index in 0..<(offsets.count - 1) {
            var slot = hash(bytes[Int(offsets[index])..<Int(offsets[index + 1])]) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = UInt32(index + 1)
        }
        slots = grown
    }

    /// Whether some value could be `token`, by its length and its first and last bytes alone
    /// (no hashing): false means it is none of them.
    @inline(__always)
    func mayContain(_ token: UnsafeRawBufferPointer) -> Bool {
        let length = token.count
        return lengths.contains(length) && firstBytes.contains(Self.fold(token[0]))
            && lastBytes.contains(Self.fold(token[length - 1]))
    }

    /// Whether `token` (compared case-folded) is one of the values.
    func contains(_ token: UnsafeRawBufferPointer) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in token { hash = (hash ^ UInt64(Self.fold(byte))) &* 0x0000_0100_0000_01B3 }
        var slot = Self.finish(hash) & slotMask
        return bytes.withUnsafeBufferPointer { bytes in
            while slots[slot] != 0 {
                let index = Int(slots[slot]) - 1
                let start = Int(offsets[index])
                if Int(offsets[index + 1]) - start == token.count {
                    var offset = 0
                    while offset < token.count, bytes[start + offset] == Self.fold(token[offset]) { offset += 1 }
                    if offset == token.count { return true }
                }
                slot = (slot + 1) & slotMask
            }
            return false
        }
    }

    static func == (lhs: TokenDictionary, rhs: TokenDictionary) -> Bool { lhs === rhs }

    /// A PCRE2 pattern for one whole token, as `rules list` and `/v1/rules` show a deny
    /// entry's rule (the engine finds tokens itself, `MaskingWorker.detectDenied`).
    static let tokenPattern = #"(?<![A-Za-z0-9\x80-\xff])[A-Za-z0-9\x80-\xff]+(?:[\-_./][A-Za-z0-9\x80-\xff]+)*(?![A-Za-z0-9\x80-\xff])"#

    /// The ASCII digits: the bytes text must hold for a dictionary whose every value has one.
    static let digits = ByteSet(UInt8(ascii: "0")...UInt8(ascii: "9"))

    /// ASCII upper case to lower case; every other byte as it is.
    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// `-`, `_`, `.` or `/`: a byte that joins two words of a token.
    @inline(__always)
    static func isJoiner(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/")
    }

    /// An ASCII letter or digit, or a byte of a non-ASCII character.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte &- 0x30 < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 26
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
