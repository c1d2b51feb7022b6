/// Decides whether a labeled span is **caught** by a value's findings: whether masking the
/// value would leave nothing of it visible but what a mask keeps anyway.
///
/// A labeled span is caught when the union of the findings' byte ranges covers every byte of
/// it that must be hidden. The bytes that must be hidden are all of the span's bytes except
/// white space (Unicode `White_Space`), and for an `email` span only its local part after
/// the first character: the bytes from the end of the first character (a UTF-8 lead byte
/// and its continuation bytes) up to the span's at sign — the default e-mail mask keeps
/// the first character and the `@domain`. The at sign is the last `@` or full-width `＠`;
/// failing those the last `%40`; failing those the last `[at]`, `(at)` or ` at ` (any
/// case), as obfuscated addresses write it. An `email` span with none must be covered
/// whole. A span with no byte that must be hidden (all white space, or an e-mail whose
/// local part is one character, such as `q@example.org`) is caught when some finding
/// overlaps it: the value must at least be found.
///
/// Characters a mask keeps at the end of a match (the last 4 digits of a phone) are
/// inside the finding's range, so they need no exception: a finding covers them.
///
/// The findings' types do not matter here: a phone caught by a card finding is masked
/// either way.
struct SpanCoverage {
    /// The value's UTF-8 bytes.
    let bytes: [UInt8]
    /// Whether each byte belongs to a white-space character.
    let isWhitespace: [Bool]
    /// Whether each byte lies inside some finding's range.
    let isCovered: [Bool]

    /// The coverage of `findings` over `text`.
    ///
    /// - Complexity: O(n + m) in the length of `text` and the total length of the findings.
    init(text: String, findings: [Finding]) {
        bytes = Array(text.utf8)
        var whitespace: [Bool] = []
        whitespace.reserveCapacity(bytes.count)
        for scalar in text.unicodeScalars {
            let isSpace = scalar.properties.isWhitespace
            whitespace.append(contentsOf: repeatElement(isSpace, count: UTF8.width(scalar)))
        }
        isWhitespace = whitespace
        var covered = [Bool](repeating: false, count: bytes.count)
        for finding in findings {
            let lower = max(0, finding.range.lowerBound), upper = min(bytes.count, finding.range.upperBound)
            if lower < upper {
                for index in lower..<upper { covered[index] = true }
            }
        }
        isCovered = covered
    }

    /// The part of `span` whose non-white-space bytes must be covered: the whole span, or
    /// for an e-mail the local part after its first character.
    func mustHideRange(of span: LabeledRecord.Span) -> Range<Int> {
        let range = span.range.clamped(to: 0..<bytes.count)
        guard span.type == "email", let at = Self.atSign(in: bytes[range]) else {
            return range
        }
        var afterFirst = range.lowerBound
        if afterFirst < at {
            afterFirst += 1
            while afterFirst < at && bytes[afterFirst] & 0xC0 == 0x80 { afterFirst += 1 }
        }
        return afterFirst..<at
    }

    /// The at signs of e-mail addresses, most certain first; within a group the last wins.
    private static let atSigns: [[[UInt8]]] = [
        [Array("@".utf8), Array("\u{FF20}".utf8)],
        [Array("%40".utf8)],
        [Array("[at]".utf8), Array("(at)".utf8), Array(" at ".utf8)],
    ]

    /// The offset of the at sign of the address in `slice` (see the type's description).
    static func atSign(in slice: ArraySlice<UInt8>) -> Int? {
        for group in atSigns {
            let found = group.compactMap { lastOffset(of: $0, in: slice) }
            if let last = found.max() { return last }
        }
        return nil
    }

    /// The offset of the last occurrence of `needle` in `slice`, ASCII letters in any case.
    private static func lastOffset(of needle: [UInt8], in slice: ArraySlice<UInt8>) -> Int? {
        guard slice.count >= needle.count else { return nil }
        var start = slice.endIndex - needle.count
        while start >= slice.startIndex {
            if zip(slice[start..<start + needle.count], needle).allSatisfy({ asciiLower($0) == $1 }) {
                return start
            }
            start -= 1
        }
        return nil
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    /// Whether `span` is caught (see the type's description).
    func isCaught(_ span: LabeledRecord.Span) -> Bool {
        let hidden = mustHideRange(of: span).filter { !isWhitespace[$0] }
        guard hidden.isEmpty else { return hidden.allSatisfy { isCovered[$0] } }
        return span.range.clamped(to: 0..<bytes.count).contains { isCovered[$0] }
    }
}

extension Range<Int> {
    /// Whether this range and `other` share at least one position.
    func sharesPosition(with other: Range<Int>) -> Bool {
        lowerBound < other.upperBound && other.lowerBound < upperBound
    }
}
