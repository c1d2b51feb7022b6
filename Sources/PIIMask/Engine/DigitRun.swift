/// One group of a digit run: consecutive ASCII digits.
struct DigitGroup {
    /// The first digit.
    var start: Int
    /// After the last digit.
    var end: Int
    /// Where a span starting with this group starts: `start`, or the `(` right before it.
    var spanStart: Int
    /// Digits in the run before this group.
    var digitsBefore: Int
    /// The separator before this group (0 for the first): its bytes and length packed,
    /// so that two separators compare as numbers.
    var gap: UInt32
    /// Whether the separator before this group holds white space.
    var gapHasSpace: Bool
}

/// A run of digit groups joined by short separators (`+31 (0)6 12-34`), as found from its
/// first digit: where it starts and ends and whether it is glued to the text around it.
struct DigitRun {
    /// The first byte: the first digit, or a `(`, `+` or `+ ` right before it.
    var start: Int
    /// After the last digit.
    var end: Int
    /// Glued on the left (to a letter, digit, `_`, `@`, `#`, `.`, `/`, `+`, `-`): no span
    /// may start with the first group.
    var gluedLeft: Bool
    /// Glued on the right (to a letter, `_`, `%`, or to `:`/`,` and a digit after a short
    /// last group, as in times and amounts): no span may end with the last group.
    var gluedRight: Bool
    /// Right before an `@`, and an e-mail local part whole (no space, `/` or bracket in it):
    /// glued when an address takes it, which the caller finds out.
    var beforeAt: Bool
    /// All digits of the run.
    var digits: Int
    /// The run goes on an IBAN-like string that is no IBAN (`DE23 5630 2425 …`): no span
    /// starts with its first group, not even a glued card's (set by the caller).
    var continuesLookAlike = false
    /// Where the candidate pass goes on: after the run, or, for a run cut after
    /// `CandidateLimits.maxRunGroups` groups, at the start of the group
    /// `CandidateLimits.maxSpanGroups` from its end (the next window overlaps this one).
    var resume: Int

    /// Scans the run whose first digit is at `first` (not before `floor`), filling `groups`
    /// with at most `CandidateLimits.maxRunGroups` of them: a longer run is cut there, not
    /// glued on the right, and `resume` says where its next window starts.
    ///
    /// - Complexity: O(length of the run).
    static func scan(_ value: UnsafeRawBufferPointer, first: Int, floor: Int,
                     into groups: inout [DigitGroup]) -> DigitRun {
        groups.removeAll(keepingCapacity: true)
        var start = first
        if start > floor, value[start - 1] == UInt8(ascii: "(") { start -= 1 }
        if start > floor, value[start - 1] == UInt8(ascii: "+") {
            start -= 1
        } else if start - 1 > floor, value[start - 1] == UInt8(ascii: " "), value[start - 2] == UInt8(ascii: "+") {
            start -= 2
        }
        // A `+` number after a `/` stands (a list `+3161…/+3168…`, a path `t.me/+3161…`).
        let plusAfterSlash = start > 0 && value[start] == UInt8(ascii: "+") && value[start - 1] == UInt8(ascii: "/")
        let gluedLeft = start > 0 && isLeftGlue(value[start - 1]) && !plusAfterSlash && !isWhatsAppLink(value, before: start)
        var digits = 0
        var position = first
        var gap: UInt32 = 0
        var gapHasSpace = false
        var spanStart = start
        var cut = false
        while true {
            let groupStart = position
            while position < value.count, isDigit(value[position]) { position += 1 }
            groups.append(DigitGroup(start: groupStart, end: position, spanStart: spanStart, digitsBefore: digits,
                                     gap: gap, gapHasSpace: gapHasSpace))
            digits += position - groupStart
            if groups.count == CandidateLimits.maxRunGroups {
                cut = true
                break
            }
            // A separator: 1–3 bytes of white space, `-`, `.`, `/`, `_` and brackets, then a digit.
            var next = position
            var hasSpace = false
            var code: UInt32 = 0
            while next < value.count, next - position < CandidateLimits.maxSeparatorBytes, isSeparator(value[next]) {
                if value[next] == 0x20 || value[next] == 0x09 { hasSpace = true }
                code = code << 8 | UInt32(value[next])
                next += 1
            }
            guard next > position, next < value.count, isDigit(value[next]) else { break }
            gap = code | UInt32(next - position) << 24
            gapHasSpace = hasSpace
            spanStart = value[next - 1] == UInt8(ascii: "(") ? next - 1 : next
            position = next
        }
        let end = position
        var gluedRight = false
        var beforeAt = false
        if cut {
            let resume = groups[groups.count - CandidateLimits.maxSpanGroups].spanStart
            return DigitRun(start: start, end: end, gluedLeft: gluedLeft, gluedRight: false, beforeAt: false,
                            digits: digits, resume: resume)
        }
        if end < value.count {
            let after = value[end]
            if after == UInt8(ascii: "@") {
                // Glued only when an address takes the run as its local part, which the caller
                // asks (`beforeAt`); a grouped value (`4111 1111 1111 1111@x.nl`, `0612 345678
                // @x.nl` folded) stands, and its span merges with the address's.
                beforeAt = (start..<end).allSatisfy { MaskingWorker.isLocalPartByte(value[$0]) }
            } else if isRightGlue(after) {
                // `555-123-4567x123`: an extension after a number of 7 or more digits.
                gluedRight = !(after | 0x20 == UInt8(ascii: "x") && digits >= 7 && end + 1 < value.count
                               && isDigit(value[end + 1]))
            } else if (after == UInt8(ascii: ":") || after == UInt8(ascii: ",")), end + 1 < value.count,
                      isDigit(value[end + 1]), end - groups[groups.count - 1].start <= 4 {
                // A decimal or a time (`12,50`, `1.234,56`, `10:30`), but after three groups or
                // more joined by other separators than `.` a list goes on (`123-45-6789,219-…`).
                let lastSeparator = UInt8(truncatingIfNeeded: groups[groups.count - 1].gap)
                gluedRight = groups.count < 3 || lastSeparator == UInt8(ascii: ".")
            } else if (after == UInt8(ascii: ".") || after == UInt8(ascii: "-") || after == UInt8(ascii: "/")),
                      end + 1 < value.count, isDigit(value[end + 1]) {
                // A separator longer than a run may hold, then more digits.
                gluedRight = true
            }
        }
        return DigitRun(start: start, end: end, gluedLeft: gluedLeft, gluedRight: gluedRight, beforeAt: beforeAt,
                        digits: digits, resume: end)
    }

    /// Whether `value[..<start]` ends with `wa.me/`: a WhatsApp link, whose path is a phone number.
    private static func isWhatsAppLink(_ value: UnsafeRawBufferPointer, before start: Int) -> Bool {
        guard start >= 6 else { return false }
        var index = 0
        for expected in "wa.me/".utf8 {
            let byte = value[start - 6 + index]
            guard (isLetter(byte) ? byte | 0x20 : byte) == expected else { return false }
            index += 1
        }
        return true
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// A byte a separator between two digit groups may hold: white space, `-`, `.`, `/`,
    /// `_` and brackets.
    @inline(__always)
    static func isSeparator(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    @inline(__always)
    static func isLeftGlue(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "_"), UInt8(ascii: "@"), UInt8(ascii: "#"), UInt8(ascii: "."), UInt8(ascii: "/"),
             UInt8(ascii: "+"), UInt8(ascii: "-"):
            return true
        default:
            return isDigit(byte) || isLetter(byte)
        }
    }

    @inline(__always)
    private static func isRightGlue(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "_"), UInt8(ascii: "%"):
            return true
        default:
            return isDigit(byte) || isLetter(byte)
        }
    }
}
