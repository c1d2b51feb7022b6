/// Decodes the escapes of a JSON string into generalized UTF-8 (WTF-8).
///
/// Escapes `\" \\ \/ \b \f \n \r \t \uXXXX` are resolved; a `\uXXXX` high surrogate
/// followed by a `\uXXXX` low surrogate becomes the one code point of the pair; a surrogate
/// escape without its partner becomes its 3-byte WTF-8 form (`\ud800` → `ED A0 80`), so
/// nothing is lost and `JSONStringEncoder` can write it back as the same escape. Bytes that
/// are not escapes are copied as they are, invalid UTF-8 included.
enum JSONStringDecoder {
    /// Decodes the string whose content continues at `bytes[start]` (just after the opening
    /// quote, or anywhere in its content at a position that is not inside an escape) up to
    /// and including its closing quote, appending the decoded content to `output`.
    ///
    /// - Returns: the position just after the closing quote, or nil when the string is not
    ///   valid JSON: unterminated, a raw control byte below 0x20, or a bad escape. `output`
    ///   may then hold a partial result.
    /// - Complexity: O(*n*) in the length of the string.
    static func decode(_ bytes: UnsafePointer<UInt8>, from start: Int, end: Int,
                       appendingTo output: inout JSONScratchBuffer<UInt8>) -> Int? {
        var index = start
        while true {
            let special = JSONBytes.firstStringSpecial(bytes, from: index, to: end)
            if special > index {
                output.append(bytes + index, count: special &- index)
            }
            guard special < end else { return nil }
            let byte = bytes[special]
            if byte == JSONBytes.quote {
                return special &+ 1
            }
            guard byte == JSONBytes.backslash, special &+ 1 < end else { return nil }
            index = special &+ 2
            switch bytes[special &+ 1] {
            case 0x22: output.append(0x22)  // \"
            case 0x5C: output.append(0x5C)  // \\
            case 0x2F: output.append(0x2F)  // \/
            case 0x62: output.append(0x08)  // \b
            case 0x66: output.append(0x0C)  // \f
            case 0x6E: output.append(0x0A)  // \n
            case 0x72: output.append(0x0D)  // \r
            case 0x74: output.append(0x09)  // \t
            case 0x75:  // \uXXXX
                guard index &+ 4 <= end, var scalar = JSONBytes.hex4(bytes, at: index) else { return nil }
                index &+= 4
                if scalar & 0xFC00 == 0xD800, index &+ 6 <= end,
                   bytes[index] == JSONBytes.backslash, bytes[index &+ 1] == 0x75,
                   let low = JSONBytes.hex4(bytes, at: index &+ 2), low & 0xFC00 == 0xDC00 {
                    scalar = 0x10000 &+ ((scalar &- 0xD800) &<< 10) &+ (low &- 0xDC00)
                    index &+= 6
                }
                appendUTF8(scalar, to: &output)
            default:
                return nil
            }
        }
    }

    /// Appends the generalized UTF-8 form of `scalar` (0...0x10FFFF; surrogates get their
    /// 3-byte form like any other code point of the Basic Multilingual Plane).
    @inline(__always)
    static func appendUTF8(_ scalar: UInt32, to output: inout JSONScratchBuffer<UInt8>) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(truncatingIfNeeded: scalar))
        case 0x80..<0x800:
            output.append(0xC0 | UInt8(truncatingIfNeeded: scalar &>> 6))
            output.append(0x80 | UInt8(truncatingIfNeeded: scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(0xE0 | UInt8(truncatingIfNeeded: scalar &>> 12))
            output.append(0x80 | UInt8(truncatingIfNeeded: (scalar &>> 6) & 0x3F))
            output.append(0x80 | UInt8(truncatingIfNeeded: scalar & 0x3F))
        default:
            output.append(0xF0 | UInt8(truncatingIfNeeded: scalar &>> 18))
            output.append(0x80 | UInt8(truncatingIfNeeded: (scalar &>> 12) & 0x3F))
            output.append(0x80 | UInt8(truncatingIfNeeded: (scalar &>> 6) & 0x3F))
            output.append(0x80 | UInt8(truncatingIfNeeded: scalar & 0x3F))
        }
    }
}
