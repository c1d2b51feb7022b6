/// Writes arbitrary bytes as a valid JSON string, quotes included.
///
/// - `"` and `\` are escaped; control bytes below 0x20 become `\b \f \n \r \t` or `\u00XX`.
/// - Valid UTF-8 is copied as it is (no `\u` escapes for non-ASCII text).
/// - A WTF-8 surrogate sequence (`ED A0..BF xx`, as `JSONStringDecoder` produces for a lone
///   surrogate escape) is written back as its `\uXXXX` escape, so a lone surrogate
///   round-trips.
/// - Every other byte that is not part of valid UTF-8 is written as `\ufffd`, one per byte,
///   so the output is valid JSON (and valid UTF-8) whatever the input bytes.
///
/// Example: the bytes of `a"b` + `0A` + `FF` are written as `"a\"b\n\ufffd"`.
enum JSONStringEncoder {
    /// Appends `value` as a quoted JSON string to `output`.
    ///
    /// - Complexity: O(*n*) in the length of `value`; runs of bytes that need no escape are
    ///   copied in one block.
    static func appendQuoted(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        output.append(JSONBytes.quote)
        let count = value.count
        guard count > 0, let base = value.baseAddress else {
            output.append(JSONBytes.quote)
            return
        }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        var index = 0
        var runStart = 0
        while true {
            index = JSONBytes.firstNonPlainASCII(bytes, from: index, to: count)
            guard index < count else { break }
            let byte = bytes[index]
            if byte >= 0x80 {
                let length = validSequenceLength(bytes, at: index, end: count)
                if length > 0 {
                    index &+= length
                    continue
                }
            }
            // `byte` needs an escape: flush the run before it.
            if index > runStart {
                output.append(contentsOf: UnsafeBufferPointer(start: bytes + runStart, count: index &- runStart))
            }
            if byte >= 0x80 {
                if let surrogate = surrogate(bytes, at: index, end: count) {
                    appendUnicodeEscape(surrogate, to: &output)
                    index &+= 3
                } else {
                    appendUnicodeEscape(0xFFFD, to: &output)
                    index &+= 1
                }
            } else {
                appendEscape(byte, to: &output)
                index &+= 1
            }
            runStart = index
        }
        if index > runStart {
            output.append(contentsOf: UnsafeBufferPointer(start: bytes + runStart, count: index &- runStart))
        }
        output.append(JSONBytes.quote)
    }

    /// Appends the escape of an ASCII byte that cannot appear raw in a JSON string.
    @inline(__always)
    private static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
        let short: UInt8
        switch byte {
        case 0x22: short = 0x22  // \"
        case 0x5C: short = 0x5C  // \\
        case 0x08: short = 0x62  // \b
        case 0x0C: short = 0x66  // \f
        case 0x0A: short = 0x6E  // \n
        case 0x0D: short = 0x72  // \r
        case 0x09: short = 0x74  // \t
        default:
            appendUnicodeEscape(UInt32(byte), to: &output)
            return
        }
        output.append(JSONBytes.backslash)
        output.append(short)
    }

    /// Appends `\uXXXX` (lowercase hex) for a code unit below 0x10000.
    @inline(__always)
    private static func appendUnicodeEscape(_ unit: UInt32, to output: inout [UInt8]) {
        output.append(JSONBytes.backslash)
        output.append(0x75)
        output.append(JSONBytes.hexDigit(unit &>> 12))
        output.append(JSONBytes.hexDigit(unit &>> 8))
        output.append(JSONBytes.hexDigit(unit &>> 4))
        output.append(JSONBytes.hexDigit(unit))
    }

    /// The length of the well-formed UTF-8 sequence of 2–4 bytes starting at
    /// `bytes[index]` (a byte ≥ 0x80), or 0 when there is none (Unicode, table 3-7:
    /// no overlong forms, no surrogates, nothing above U+10FFFF).
    @inline(__always)
    static func validSequenceLength(_ bytes: UnsafePointer<UInt8>, at index: Int, end: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard index &+ length <= end else { return 0 }
        let second = bytes[index &+ 1]
        guard second >= low && second <= high else { return 0 }
        for offset in 2..<length where bytes[index &+ offset] & 0xC0 != 0x80 {
            return 0
        }
        return length
    }

    /// The surrogate code unit (U+D800–U+DFFF) encoded by the 3-byte WTF-8 sequence at
    /// `bytes[index]`, or nil when the bytes there are not one.
    @inline(__always)
    static func surrogate(_ bytes: UnsafePointer<UInt8>, at index: Int, end: Int) -> UInt32? {
        guard index &+ 3 <= end, bytes[index] == 0xED else { return nil }
        let second = bytes[index &+ 1]
        let third = bytes[index &+ 2]
        guard second >= 0xA0 && second <= 0xBF, third & 0xC0 == 0x80 else { return nil }
        return 0xD000 | UInt32(second & 0x3F) &<< 6 | UInt32(third & 0x3F)
    }
}
