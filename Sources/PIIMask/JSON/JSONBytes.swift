/// Byte constants and fast byte searches shared by the JSON string decoder, the string
/// encoder and the line rewriter.
///
/// The searches work over raw pointers and take an explicit end index: the callers have
/// already checked the bounds, and the hot loops stay free of array bounds checks.
enum JSONBytes {
    /// `"`: opens and closes a string.
    static let quote: UInt8 = 0x22
    /// `\`: starts an escape inside a string.
    static let backslash: UInt8 = 0x5C
    /// The first byte that may appear raw inside a JSON string; lower ones must be escaped.
    static let firstUnescaped: UInt8 = 0x20

    /// Eight copies of the byte 0x01, for the SWAR tricks below.
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    /// The high bit of each of eight bytes.
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The position of the first byte in `start..<end` that ends the plain run of a JSON
    /// string: `"`, `\` or a control byte below 0x20; `end` when there is none.
    ///
    /// Reads eight bytes at a time and tests them all at once (SWAR), so strings without
    /// escapes are crossed at memory speed.
    ///
    /// - Complexity: O(*n*) in the bytes crossed.
    @inline(__always)
    static func firstStringSpecial(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        while index &+ 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self))
            let mask = specialMask(word)
            if mask != 0 {
                return index &+ (mask.trailingZeroBitCount &>> 3)
            }
            index &+= 8
        }
        while index < end {
            let byte = bytes[index]
            if byte == quote || byte == backslash || byte < firstUnescaped {
                return index
            }
            index &+= 1
        }
        return end
    }

    /// The position of the first byte in `start..<end` that a JSON string cannot hold raw
    /// or that is not ASCII: `"`, `\`, below 0x20 or from 0x80; `end` when there is none.
    /// The encoder copies everything before it as it is.
    ///
    /// - Complexity: O(*n*) in the bytes crossed, eight at a time.
    @inline(__always)
    static func firstNonPlainASCII(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        while index &+ 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self))
            let mask = specialMask(word) | (word & highBits)
            if mask != 0 {
                return index &+ (mask.trailingZeroBitCount &>> 3)
            }
            index &+= 8
        }
        while index < end {
            let byte = bytes[index]
            if byte == quote || byte == backslash || byte < firstUnescaped || byte >= 0x80 {
                return index
            }
            index &+= 1
        }
        return end
    }

    /// A mask with the high bit set in each byte of `word` (little-endian order) that is
    /// `"`, `\` or below 0x20.
    ///
    /// Bits above the lowest set one may be false positives (a borrow carries upwards), but
    /// the lowest set bit always marks a true hit, which is all `firstStringSpecial` uses.
    @inline(__always)
    static func specialMask(_ word: UInt64) -> UInt64 {
        let quotes = word ^ (ones &* UInt64(quote))
        let backslashes = word ^ (ones &* UInt64(backslash))
        let zeroQuote = (quotes &- ones) & ~quotes
        let zeroBackslash = (backslashes &- ones) & ~backslashes
        let control = (word &- ones &* UInt64(firstUnescaped)) & ~word
        return (zeroQuote | zeroBackslash | control) & highBits
    }

    /// Whether `byte` is JSON whitespace: space, tab, line feed or carriage return.
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Whether `byte` is an ASCII digit `0`–`9`.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10
    }

    /// The value of the four hex digits at `bytes[at..<at+4]`, or nil when one is not a
    /// hex digit (either case). The caller checks that four bytes are there.
    @inline(__always)
    static func hex4(_ bytes: UnsafePointer<UInt8>, at index: Int) -> UInt32? {
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = hexValue(bytes[index &+ offset]) else { return nil }
            value = value &<< 4 | digit
        }
        return value
    }

    /// The value of one hex digit, or nil.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte &- 0x30)
        case 0x41...0x46: return UInt32(byte &- 0x41 &+ 10)
        case 0x61...0x66: return UInt32(byte &- 0x61 &+ 10)
        default: return nil
        }
    }

    /// The lowercase hex digit for `nibble` (0–15).
    @inline(__always)
    static func hexDigit(_ nibble: UInt32) -> UInt8 {
        let value = UInt8(truncatingIfNeeded: nibble & 0xF)
        return value < 10 ? 0x30 &+ value : 0x61 &+ value &- 10
    }
}
