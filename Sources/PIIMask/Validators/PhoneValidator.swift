/// Phone numbers: a plausible count of digits.
enum PhoneValidator {
    /// Whether the candidate has between `minDigits` and `maxDigits` digits (E.164 allows at
    /// most 15), not counting a leading `00` international prefix or a `(0)` trunk prefix.
    static func isValid(_ candidate: UnsafeRawBufferPointer, minDigits: Int, maxDigits: Int) -> Bool {
        let bytes = candidate
        var count = 0
        // A leading "00" international access prefix does not count.
        var index = bytes.count >= 2 && bytes[0] == UInt8(ascii: "0") && bytes[1] == UInt8(ascii: "0") ? 2 : 0
        while index < bytes.count {
            // A "(0)" trunk prefix inside an international number does not count.
            if bytes[index] == UInt8(ascii: "("), index + 2 < bytes.count,
               bytes[index + 1] == UInt8(ascii: "0"), bytes[index + 2] == UInt8(ascii: ")") {
                index += 3
                continue
            }
            if isDigit(bytes[index]) { count += 1 }
            index += 1
        }
        return count >= minDigits && count <= maxDigits
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
}
