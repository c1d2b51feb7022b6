/// The characters people paste or type to disguise a value, and the ASCII the engine reads
/// them as (README, "Obfuscated and copy-pasted values"):
///
/// - full-width forms U+FF01–FF5E (`０６`, `＠`, `－`, letters) → their ASCII characters;
///   the small commercial at U+FE6B → `@`; the halfwidth and small full stops U+FF61, U+FE52,
///   and inside an address the ideographic full stop U+3002 → `.`;
/// - the decimal digits of Arabic-Indic, extended Arabic-Indic, the Indic scripts
///   (Devanagari to Sinhala), Thai, Lao, Tibetan, Myanmar, Khmer and Mongolian, superscript
///   and subscript digits, circled digits (`⓪①`, `❶`, `➀`, `➊`) and the mathematical digits
///   U+1D7CE–1D7FF → `0`–`9`;
/// - no-break, thin, narrow, ideographic and the other Unicode spaces → a space;
/// - Unicode hyphens and dashes U+2010–2015, the minus sign U+2212 and the small dashes
///   U+FE58, U+FE63 → `-`;
/// - zero-width space, non-joiner and joiner, word joiner, byte order mark, soft hyphen, the
///   bidirectional marks, embeddings and isolates (U+200E, U+200F, U+202A–202E, U+2066–2069,
///   U+061C), the invisible operators, variation selectors (U+FE00–FE0F), combining
///   diacritical marks (U+0300–036F) and the combining marks for symbols such as the keycap
///   U+20E3 (`4️⃣` is `4`) → nothing;
/// - `%40` between an e-mail local part and a domain (a URL's encoded `@`) → `@`, `%20`
///   between two letters or digits (a URL's encoded space) → a space, `%2B` before a digit
///   (an encoded `+`) → `+`;
/// - the HTML character references of `@` (`&#64;`, `&#x40;`, `&commat;`) after a local-part
///   byte → `@`;
/// - the at-forms and dot-forms of spelled-out e-mail addresses (`SpelledAddress`) → `@`, `.`.
///
/// Detection runs on the folded view of a value holding any of these (`FoldedView`); the
/// masks apply to the original bytes.
enum TextFolding {
    /// What a character folds to: `byte` (0: dropped) in place of `length` original bytes.
    struct Fold {
        var byte: UInt8
        var length: Int
    }

    /// The fold of the character at `index`, or nil when it is read as it is; `inAddress`:
    /// inside a spelled-out address, where dot-forms fold too.
    @inline(__always)
    static func fold(_ value: UnsafeRawBufferPointer, at index: Int, inAddress: Bool = false) -> Fold? {
        let lead = value[index]
        if lead < 0x80 {
            if lead == UInt8(ascii: "%") {
                return encodedAt(value, at: index) ?? encodedSpace(value, at: index) ?? encodedPlus(value, at: index)
            }
            if lead == UInt8(ascii: "&") { return htmlAt(value, at: index) }
            guard SpelledAddress.mayStart(lead) else { return nil }
            return SpelledAddress.atForm(value, at: index)
                ?? (inAddress ? SpelledAddress.dotForm(value, at: index) : SpelledAddress.localDotForm(value, at: index))
        }
        // Every byte after the lead must be a continuation byte (0x80–0xBF): a broken or
        // truncated sequence is bytes that are not folded, never arithmetic on them.
        guard index + 1 < value.count else { return nil }
        let second = value[index + 1]
        guard isContinuation(second) else { return nil }
        switch lead {
        case 0xC2:
            if second == 0xA0 { return Fold(byte: 0x20, length: 2) }
            if second == 0xAD { return Fold(byte: 0, length: 2) }
            // Superscript one, two, three (U+00B9, U+00B2, U+00B3).
            if second == 0xB9 { return Fold(byte: UInt8(ascii: "1"), length: 2) }
            if second == 0xB2 || second == 0xB3 { return Fold(byte: 0x30 + second - 0xB0, length: 2) }
            return nil
        case 0xCC, 0xCD:
            // Combining diacritical marks U+0300–036F.
            return lead == 0xCC || second <= 0xAF ? Fold(byte: 0, length: 2) : nil
        case 0xD8:
            // The Arabic letter mark U+061C.
            return second == 0x9C ? Fold(byte: 0, length: 2) : nil
        case 0xD9:
            return second &- 0xA0 < 10 ? Fold(byte: 0x30 + second - 0xA0, length: 2) : nil
        case 0xDB:
            return second &- 0xB0 < 10 ? Fold(byte: 0x30 + second - 0xB0, length: 2) : nil
        default:
            break
        }
        guard index + 2 < value.count else { return nil }
        let third = value[index + 2]
        guard isContinuation(third) else { return nil }
        switch (lead, second) {
        case (0xE0, 0xA5...0xB7) where second & 1 == 1:
            // Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam
            // and Sinhala: each block's digits are U+0xx6–0xxF of its second half.
            return third &- 0xA6 < 10 ? Fold(byte: 0x30 + third - 0xA6, length: 3) : nil
        case (0xE0, 0xB9), (0xE0, 0xBB), (0xE1, 0x82), (0xE1, 0xA0):
            // Thai U+0E50, Lao U+0ED0, Myanmar Shan U+1090, Mongolian U+1810.
            return third &- 0x90 < 10 ? Fold(byte: 0x30 + third - 0x90, length: 3) : nil
        case (0xE0, 0xBC), (0xE1, 0x9F):
            // Tibetan U+0F20, Khmer U+17E0.
            return third &- 0xA0 < 10 ? Fold(byte: 0x30 + third - 0xA0, length: 3) : nil
        case (0xE1, 0x81):
            // Myanmar U+1040.
            return third &- 0x80 < 10 ? Fold(byte: 0x30 + third - 0x80, length: 3) : nil
        case (0xE2, 0x80):
            switch third {
            case 0x80...0x8A, 0xAF: return Fold(byte: 0x20, length: 3)
            case 0x8B...0x8F, 0xAA...0xAE: return Fold(byte: 0, length: 3)
            case 0x90...0x95: return Fold(byte: UInt8(ascii: "-"), length: 3)
            default: return nil
            }
        case (0xE2, 0x81):
            if third == 0x9F { return Fold(byte: 0x20, length: 3) }
            // Word joiner, invisible operators, isolates and the deprecated format characters.
            if third &- 0xA0 < 16 { return Fold(byte: 0, length: 3) }
            // Superscript zero, four to nine.
            if third == 0xB0 { return Fold(byte: UInt8(ascii: "0"), length: 3) }
            return third &- 0xB4 < 6 ? Fold(byte: 0x34 + third - 0xB4, length: 3) : nil
        case (0xE2, 0x82):
            // Subscript digits U+2080–2089.
            return third &- 0x80 < 10 ? Fold(byte: 0x30 + third - 0x80, length: 3) : nil
        case (0xE2, 0x83):
            // Combining marks for symbols U+20D0–20FF (the keycap U+20E3 among them).
            return third >= 0x90 ? Fold(byte: 0, length: 3) : nil
        case (0xE2, 0x91):
            // Circled digits one to nine U+2460–2468.
            return third &- 0xA0 < 9 ? Fold(byte: 0x31 + third - 0xA0, length: 3) : nil
        case (0xE2, 0x93):
            // Circled digit zero U+24EA, negative circled digit zero U+24FF.
            return third == 0xAA || third == 0xBF ? Fold(byte: UInt8(ascii: "0"), length: 3) : nil
        case (0xE2, 0x9D):
            // Dingbat negative circled digits one to nine U+2776–277E.
            return third &- 0xB6 < 9 ? Fold(byte: 0x31 + third - 0xB6, length: 3) : nil
        case (0xE2, 0x9E):
            // Dingbat circled sans-serif digits U+2780–2788 and their negatives U+278A–2792.
            if third &- 0x80 < 9 { return Fold(byte: 0x31 + third - 0x80, length: 3) }
            return third &- 0x8A < 9 ? Fold(byte: 0x31 + third - 0x8A, length: 3) : nil
        case (0xE2, 0x88):
            return third == 0x92 ? Fold(byte: UInt8(ascii: "-"), length: 3) : nil
        case (0xE3, 0x80):
            if third == 0x80 { return Fold(byte: 0x20, length: 3) }
            // The ideographic full stop is a dot in an address only (elsewhere it ends a sentence).
            return third == 0x82 && inAddress ? Fold(byte: UInt8(ascii: "."), length: 3) : nil
        case (0xEF, 0xB8):
            // Variation selectors U+FE00–FE0F.
            return third <= 0x8F ? Fold(byte: 0, length: 3) : nil
        case (0xEF, 0xBB):
            return third == 0xBF ? Fold(byte: 0, length: 3) : nil
        case (0xEF, 0xB9):
            if third == 0x98 || third == 0xA3 { return Fold(byte: UInt8(ascii: "-"), length: 3) }
            if third == 0xAB { return Fold(byte: UInt8(ascii: "@"), length: 3) }
            return third == 0x92 ? Fold(byte: UInt8(ascii: "."), length: 3) : nil
        case (0xEF, 0xBC):
            // U+FF01–FF3F → `!`–`_`.
            return third >= 0x81 ? Fold(byte: third - 0x60, length: 3) : nil
        case (0xEF, 0xBD):
            // U+FF40–FF5E → `` ` ``–`~`; the halfwidth ideographic full stop U+FF61 → `.`.
            if third == 0xA1 { return Fold(byte: UInt8(ascii: "."), length: 3) }
            return third <= 0x9E ? Fold(byte: third - 0x20, length: 3) : nil
        case (0xF0, 0x9D):
            guard index + 3 < value.count, third == 0x9F else { return nil }
            let fourth = value[index + 3]
            return fourth >= 0x8E && fourth <= 0xBF ? Fold(byte: 0x30 + (fourth - 0x8E) % 10, length: 4) : nil
        default:
            return nil
        }
    }

    /// Whether a combining mark that folds to nothing starts at `index`: a combining
    /// diacritical mark, a variation selector or a combining mark for symbols (it belongs to
    /// the character before it).
    static func isCombiningMark(_ value: UnsafeRawBufferPointer, at index: Int) -> Bool {
        guard index + 1 < value.count else { return false }
        let lead = value[index], second = value[index + 1]
        if lead == 0xCC || (lead == 0xCD && second <= 0xAF) { return isContinuation(second) }
        guard index + 2 < value.count, isContinuation(value[index + 2]) else { return false }
        return (lead == 0xEF && second == 0xB8 && value[index + 2] <= 0x8F) || (lead == 0xE2 && second == 0x83 && value[index + 2] >= 0x90)
    }

    /// A UTF-8 continuation byte: `10xxxxxx`.
    @inline(__always)
    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// `%40` with a local-part byte before it and a letter or digit after it.
    private static func encodedAt(_ value: UnsafeRawBufferPointer, at index: Int) -> Fold? {
        guard index > 0, index + 3 < value.count, value[index + 1] == UInt8(ascii: "4"),
              value[index + 2] == UInt8(ascii: "0"), MaskingWorker.isLocalPartByte(value[index - 1]),
              DigitRun.isLetter(value[index + 3]) || DigitRun.isDigit(value[index + 3]) else { return nil }
        return Fold(byte: UInt8(ascii: "@"), length: 3)
    }

    /// `%20` (a URL's encoded space) after a letter or digit and before one: `card%204111…`
    /// reads as `card 4111…`.
    private static func encodedSpace(_ value: UnsafeRawBufferPointer, at index: Int) -> Fold? {
        guard index > 0, index + 3 < value.count, value[index + 1] == UInt8(ascii: "2"),
              value[index + 2] == UInt8(ascii: "0"),
              DigitRun.isLetter(value[index - 1]) || DigitRun.isDigit(value[index - 1]),
              DigitRun.isLetter(value[index + 3]) || DigitRun.isDigit(value[index + 3]) else { return nil }
        return Fold(byte: 0x20, length: 3)
    }

    /// `%2B` (a URL's encoded `+`) before a digit: `?phone=%2B31612345678`.
    private static func encodedPlus(_ value: UnsafeRawBufferPointer, at index: Int) -> Fold? {
        guard index + 3 < value.count, value[index + 1] == UInt8(ascii: "2"),
              value[index + 2] | 0x20 == UInt8(ascii: "b"), DigitRun.isDigit(value[index + 3]) else { return nil }
        return Fold(byte: UInt8(ascii: "+"), length: 3)
    }

    /// An HTML character reference of `@` (`&#64;`, `&#x40;`, `&commat;`) with a local-part
    /// byte before it and a letter or digit after it: `jansen&#64;ziggo.nl`.
    private static func htmlAt(_ value: UnsafeRawBufferPointer, at index: Int) -> Fold? {
        guard index > 0, MaskingWorker.isLocalPartByte(value[index - 1]) else { return nil }
        for form in htmlAtForms {
            let end = index + form.count
            guard end < value.count else { continue }
            var same = true
            for offset in 1..<form.count where value[index + offset] | (form[offset] >= 0x61 ? 0x20 : 0) != form[offset] {
                same = false
                break
            }
            if same, DigitRun.isLetter(value[end]) || DigitRun.isDigit(value[end]) {
                return Fold(byte: UInt8(ascii: "@"), length: form.count)
            }
        }
        return nil
    }

    /// The HTML character references of `@`, lower case.
    private static let htmlAtForms: [[UInt8]] = [Array("&#64;".utf8), Array("&#x40;".utf8), Array("&commat;".utf8)]

    /// Whether a byte can start a folded character: the lead bytes above, `%`, `&`, and the
    /// first bytes of at-forms and dot-forms.
    @inline(__always)
    static func mayStartFold(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "%"), UInt8(ascii: "&"), 0xC2, 0xCC, 0xCD, 0xD8, 0xD9, 0xDB, 0xE0, 0xE1, 0xE2, 0xE3, 0xEF, 0xF0:
            return true
        default: return SpelledAddress.mayStart(byte)
        }
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let high: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` equal to `byte`, and possibly of a byte after one
    /// (a borrow): callers check each hit.
    @inline(__always)
    static func equalBytes(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & high
    }

    /// The high bit of each byte `k` of `word` where `at`/`AT` may stand at `k`, `k + 1`, and
    /// of its last byte when that may be an `a` (the `t` would be in the next word): callers
    /// check each hit.
    @inline(__always)
    static func atPairs(_ word: UInt64) -> UInt64 {
        let lower = word | 0x2020_2020_2020_2020
        return equalBytes(lower, UInt8(ascii: "a")) & ((equalBytes(lower, UInt8(ascii: "t")) >> 8) | (high << 56))
    }

    /// Where an at-form holding the `at` (or `@`) at `index` starts, if one does.
    static func atFormStart(_ value: UnsafeRawBufferPointer, around index: Int) -> Int? {
        guard index > 0, index + 1 < value.count else { return nil }
        let before = value[index - 1]
        if value[index] == UInt8(ascii: "@") {
            // `@` is an at-form only with a space on one side at least.
            if before != 0x20 && value[index + 1] != 0x20 { return nil }
            if SpelledAddress.atForm(value, at: index) != nil { return index }
            return before == 0x20 && SpelledAddress.atForm(value, at: index - 1) != nil ? index - 1 : nil
        }
        guard value[index] | 0x20 == UInt8(ascii: "a"), value[index + 1] | 0x20 == UInt8(ascii: "t"),
              SpelledAddress.mayStart(before) else { return nil }
        // ` [at]`: from the space before the bracket.
        if before != 0x20, index >= 2, value[index - 2] == 0x20, SpelledAddress.atForm(value, at: index - 2) != nil {
            return index - 2
        }
        return SpelledAddress.atForm(value, at: index - 1) != nil ? index - 1 : nil
    }

    /// The offset of the first folded character in `value[from...]`, or nil: 8 bytes at a
    /// time over text with no byte above 0x7F, no `%`, no `&`, no `@` and no `at`; in a word
    /// with one, only those bytes are looked at.
    /// A view may start before `from`, at `floor` the earliest, for a spelled-out local part.
    static func firstFold(_ value: UnsafeRawBufferPointer, from: Int, floor: Int) -> Int? {
        guard let base = value.baseAddress else { return nil }
        var index = from
        while index + 8 <= value.count {
            let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            var marks = (word & high) | equalBytes(word, UInt8(ascii: "%")) | equalBytes(word, UInt8(ascii: "@"))
                | equalBytes(word, UInt8(ascii: "&")) | atPairs(word)
            while marks != 0 {
                if let start = foldStart(value, at: index + marks.trailingZeroBitCount / 8) {
                    return backToLocalPart(value, start, floor: floor)
                }
                marks &= marks - 1
            }
            index += 8
        }
        while index < value.count {
            if let start = foldStart(value, at: index) { return backToLocalPart(value, start, floor: floor) }
            index += 1
        }
        return nil
    }

    /// Where the view must start for a fold at `start`: an at-form's local part may hold
    /// dot-forms of its own (`james dot jones at …`), up to `maxLocalBytes` before it.
    @inline(__always)
    private static func backToLocalPart(_ value: UnsafeRawBufferPointer, _ start: Int, floor: Int) -> Int {
        let byte = value[start]
        guard byte < 0x80, byte != UInt8(ascii: "%"), byte != UInt8(ascii: "&") else { return start }
        return max(floor, start - SpelledAddress.maxLocalBytes)
    }

    /// Where a fold holding the byte at `index` starts: the byte itself (a folded character,
    /// `%40`), or the at-form around an `@` or `at` there.
    @inline(__always)
    private static func foldStart(_ value: UnsafeRawBufferPointer, at index: Int) -> Int? {
        let byte = value[index]
        if byte >= 0x80 || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "&") {
            return fold(value, at: index) != nil ? index : nil
        }
        if byte == UInt8(ascii: "@") || byte | 0x20 == UInt8(ascii: "a") { return atFormStart(value, around: index) }
        return nil
    }
}
