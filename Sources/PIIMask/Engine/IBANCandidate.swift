/// A format-free IBAN candidate: a country code, two check digits and the account part, as
/// letters and digits in groups of any length joined by separators, in any letter case
/// (`NL91ABNA0417164300`, `NO 93 8601 1117 947`, `ES91 2100 0418 45 0200051332`,
/// `NL91.ABNA.0417.1643.00`, `DE89 - 3704 - …`, `AL11/2051/…`, `nl91 abna 0417 1643 00`).
///
/// The country's IBAN length (`IBANValidator.length(ofCountry:)`) says how many letters and
/// digits the candidate holds, so there is one end to ask about: the candidate is those
/// characters when the last of them ends a group; the validator (mod-97) decides. What the
/// words of a sentence can look like is kept out by the account part's letters: a group of
/// letters only is in the case of the country code or four letters long (a bank code), and
/// at least 40% of the account part are digits (`at 10 am we went …` is no candidate).
///
/// - Complexity: O(1): at most `CandidateLimits.maxIBANCharacters` letters and digits and
///   `CandidateLimits.maxSeparatorBytes` bytes of separator between two of them are read.
enum IBANCandidate {
    /// The most bytes one candidate looks at: each of its letters and digits with up to
    /// `CandidateLimits.maxSeparatorBytes` of separator before it, and the byte after.
    static let maxBytesRead = CandidateLimits.maxIBANCharacters * (1 + CandidateLimits.maxSeparatorBytes) + 1

    /// A byte that may stand between two groups: space, tab, `.`, `-`, `/`, `_` (no-break and
    /// other Unicode spaces and dashes are read so in the folded view).
    @inline(__always)
    static func isSeparator(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "_"): return true
        default: return false
        }
    }

    /// A byte that glues a country code to the text before it: no candidate starts after a
    /// letter, digit, `_`, `-`, `.` or `@` (`ORD-NL91…`, `x.nl91…`).
    @inline(__always)
    static func gluesLeft(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "@"): return true
        default: return DigitRun.isDigit(byte) || DigitRun.isLetter(byte)
        }
    }

    /// Where the country code of a candidate whose first check digit is at `digit` starts:
    /// two letters at a word start right before it, or before 1–3 separator bytes; nil when
    /// there are none, or they would start before `floor`.
    @inline(__always)
    static func countryCodeStart(_ value: UnsafeRawBufferPointer, digit: Int, floor: Int) -> Int? {
        guard digit + 1 < value.count, DigitRun.isDigit(value[digit + 1]) else { return nil }
        var last = digit - 1
        while last >= floor, digit - last <= CandidateLimits.maxSeparatorBytes, isSeparator(value[last]) { last -= 1 }
        guard last - 1 >= floor, digit - last <= CandidateLimits.maxSeparatorBytes + 1,
              DigitRun.isLetter(value[last]), DigitRun.isLetter(value[last - 1]) else { return nil }
        let start = last - 1
        guard start == 0 || !gluesLeft(value[start - 1]) else { return nil }
        return start
    }

    /// The end of the candidate starting at `start` (the country code's first letter), or nil
    /// when its letters and digits do not make one (see the type's description); `read` grows
    /// by the bytes looked at (for the tests of the bound).
    static func end(_ value: UnsafeRawBufferPointer, start: Int, read: inout Int) -> Int? {
        var position = start + 2
        defer { read += min(position + 1, value.count) - start }
        guard start + 3 < value.count else { return nil }
        let first = value[start] & 0xDF, second = value[start + 1] & 0xDF
        guard let length = IBANValidator.length(ofCountry: first, second),
              length <= CandidateLimits.maxIBANCharacters else { return nil }
        let upper = value[start] < UInt8(ascii: "a")
        var count = 2
        var digits = 0
        while true {
            // A separator run (between the country code and the check digits too).
            let separatorStart = position
            while position < value.count, position - separatorStart < CandidateLimits.maxSeparatorBytes,
                  isSeparator(value[position]) { position += 1 }
            // The group that holds the country code (`NL91ABNA…`) has letters of any kind.
            let holdsCountryCode = count == 2 && position == separatorStart
            guard position < value.count, isAlphanumeric(value[position]) else { return nil }
            // A group of letters and digits.
            let groupStart = position
            var groupLetters = 0
            var lettersInCase = true
            while position < value.count, count < length, isAlphanumeric(value[position]) {
                let byte = value[position]
                if DigitRun.isDigit(byte) {
                    if count >= 4 { digits += 1 }
                } else {
                    // The check digits are digits.
                    if count == 2 || count == 3 { return nil }
                    groupLetters += 1
                    if (byte < UInt8(ascii: "a")) != upper { lettersInCase = false }
                }
                count += 1
                position += 1
            }
            // The last character ends a group.
            if position < value.count, isAlphanumeric(value[position]) { return nil }
            let groupLength = position - groupStart
            if !holdsCountryCode && groupLetters == groupLength && !lettersInCase && groupLength != 4 { return nil }
            if count == length {
                return 10 * digits >= 4 * (length - 4) ? position : nil
            }
        }
    }

    @inline(__always)
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { DigitRun.isDigit(byte) || DigitRun.isLetter(byte) }
}
