/// The characters people paste or type to disguise a value, and the ASCII the engine reads
/// them as (README, "Obfuscated and copy-pasted values"):
///
/// - full-width forms U+FF01–FF5E (`０６`, `＠`, `－`, letters) → their ASCII characters;
/// - Arabic-Indic, extended Arabic-Indic and Devanagari digits, and the mathematical
///   digits U+1D7CE–1D7FF → `0`–`9`;
/// - no-break, thin, narrow, ideographic and the other Unicode spaces → a space;
/// - Unicode hyphens and dashes U+2010–2015, the minus sign U+2212 and the small dashes
///   U+FE58, U+FE63 → `-`;
/// - zero-width space, non-joiner and joiner, word joiner, byte order mark and soft
///   hyphen → nothing;
/// - `%40` between an e-mail local part and a domain (a URL's encoded `@`) → `@`, and `%20`
///   between two letters or digits (a URL's encoded space) → a space;
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
            if lead == UInt8(ascii: "%") { return encodedAt(value, at: index) ?? encodedSpace(value, at: index) }
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
            return nil
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
        case (0xE0, 0xA5):
            return third &- 0xA6 < 10 ? Fold(byte: 0x30 + third - 0xA6, length: 3) : nil
        case (0xE2, 0x80):
            switch third {
            case 0x80...0x8A, 0xAF: return Fold(byte: 0x20, length: 3)
            case 0x8B...0x8D: return Fold(byte: 0, length: 3)
            case 0x90...0x95: return Fold(byte: UInt8(ascii: "-"), length: 3)
            default: return nil
            }
        case (0xE2, 0x81):
            if third == 0x9F { return Fold(byte: 0x20, length: 3) }
            if third == 0xA0 { return Fold(byte: 0, length: 3) }
            return nil
        case (0xE2, 0x88):
            return third == 0x92 ? Fold(byte: UInt8(ascii: "-"), length: 3) : nil
        case (0xE3, 0x80):
            return third == 0x80 ? Fold(byte: 0x20, length: 3) : nil
        case (0xEF, 0xBB):
            return third == 0xBF ? Fold(byte: 0, length: 3) : nil
        case (0xEF, 0xB9):
            return third == 0x98 || third == 0xA3 ? Fold(byte: UInt8(ascii: "-"), length: 3) : nil
        case (0xEF, 0xBC):
            // U+FF01–FF3F → `!`–`_`.
            return third >= 0x81 ? Fold(byte: third - 0x60, length: 3) : nil
        case (0xEF, 0xBD):
            // U+FF40–FF5E → `` ` ``–`~`.
            return third <= 0x9E ? Fold(byte: third - 0x20, length: 3) : nil
        case (0xF0, 0x9D):
            guard index + 3 < value.count, third == 0x9F else { return nil }
            let fourth = value[index + 3]
            return fourth >= 0x8E && fourth <= 0xBF ? Fold(byte: 0x30 + (fourth - 0x8E) % 10, length: 4) : nil
        default:
            return nil
        }
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

    /// Whether a byte can start a folded character: the lead bytes above, `%`, and the
    /// first bytes of at-forms and dot-forms.
    @inline(__always)
    static func mayStartFold(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "%"), 0xC2, 0xD9, 0xDB, 0xE0, 0xE2, 0xE3, 0xEF, 0xF0: return true
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
    /// time over text with no byte above 0x7F, no `%`, no `@` and no `at`; in a word with
    /// one, only those bytes are looked at.
    /// A view may start before `from`, at `floor` the earliest, for a spelled-out local part.
    static func firstFold(_ value: UnsafeRawBufferPointer, from: Int, floor: Int) -> Int? {
        guard let base = value.baseAddress else { return nil }
        var index = from
        while index + 8 <= value.count {
            let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            var marks = (word & high) | equalBytes(word, UInt8(ascii: "%")) | equalBytes(word, UInt8(ascii: "@"))
                | atPairs(word)
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
        guard byte < 0x80, byte != UInt8(ascii: "%") else { return start }
        return max(floor, start - SpelledAddress.maxLocalBytes)
    }

    /// Where a fold holding the byte at `index` starts: the byte itself (a folded character,
    /// `%40`), or the at-form around an `@` or `at` there.
    @inline(__always)
    private static func foldStart(_ value: UnsafeRawBufferPointer, at index: Int) -> Int? {
        let byte = value[index]
        if byte >= 0x80 || byte == UInt8(ascii: "%") { return fold(value, at: index) != nil ? index : nil }
        if byte == UInt8(ascii: "@") || byte | 0x20 == UInt8(ascii: "a") { return atFormStart(value, around: index) }
        return nil
    }
}
