/// E-mail addresses spelled out to dodge filters, read as addresses (README, "Obfuscated
/// and copy-pasted values"): `jan at ziggo dot nl`, `jan [at] ziggo [dot] nl`,
/// `jan(at)ziggo(dot)nl`, `jan @ ziggo.nl`, `melissa @ gmail . com`.
///
/// An at-form (`@` with spaces around it, a bracketed `at` — `[at]`, `(at)`, `{at}`, `<at>` —
/// or the word `at`) right after a local part folds to `@` when a domain follows: labels
/// joined by dot-forms (`.`, a spaced ` . `, a bracketed `dot` or `punt`, the words `dot` and `punt`) ending in an
/// alphabetic top-level domain. The bare word `at` needs a spelled dot-form after it (`I work
/// at booking.com` stays as it is), and a local part that is no everyday word (`bought it at
/// bol dot com` stays too); no label is itself a spelled form (`stuck at work dot dot dot`).
/// Dot-forms fold to `.` only inside such an address: in its domain, and in its local part
/// when an at-form follows (`james dot jones at outlook dot com`).
enum SpelledAddress {
    /// The most bytes of a domain looked at after an at-form.
    static let maxDomainBytes = 255
    /// The most bytes of a spelled-out local part looked at before an at-form.
    static let maxLocalBytes = 64

    /// Everyday words that are no local part before the bare word `at` (`bought it at bol dot
    /// com`, `I'm at home`): pronouns, and the words chat puts before `at` the most.
    private static let everydayWords: Set<[UInt8]> = Set([
        "i", "im", "me", "it", "we", "us", "you", "u", "he", "him", "she", "her", "they", "them",
        "is", "am", "are", "was", "were", "be", "been", "being", "this", "that", "there", "here",
        "one", "all", "not", "just", "still", "now", "then", "only", "also", "already", "arrive",
        "arrived", "stuck", "home", "work", "look", "looking", "looked", "bought", "buy", "order",
        "ordered", "booked", "book", "meet", "met", "see", "seen", "stay", "staying", "live",
        "lives", "living", "shop", "shopping", "sold", "got", "get", "ik", "je", "jij", "hij",
        "zij", "ze", "wij", "het", "dat", "dit", "er", "hier", "daar", "thuis", "werk", "nu",
    ].map { Array($0.utf8) })

    /// The fold of an at-form starting at `index` (its leading space, bracket or `@`), or nil.
    static func atForm(_ value: UnsafeRawBufferPointer, at index: Int) -> TextFolding.Fold? {
        guard index > 0, MaskingWorker.isLocalPartByte(value[index - 1]), value[index - 1] != UInt8(ascii: ".") else {
            return nil
        }
        var position = index
        let leadingSpace = value[position] == 0x20
        if leadingSpace { position += 1 }
        guard position < value.count else { return nil }
        var bareWord = false
        if value[position] == UInt8(ascii: "@") {
            position += 1
            // `@` itself is an at-form only with a space on one side at least.
            if !leadingSpace && !(position < value.count && value[position] == 0x20) { return nil }
        } else if let end = bracketed(value, at: position, word: "at") {
            position = end
        } else if leadingSpace, word(value, at: position, is: "at"), position + 2 < value.count,
                  value[position + 2] == 0x20 {
            position += 2
            bareWord = true
        } else {
            return nil
        }
        if position < value.count, value[position] == 0x20 { position += 1 }
        guard domainFollows(value, from: position, needsSpelledDot: bareWord) else { return nil }
        if bareWord && isEverydayWord(value, endingAt: index) { return nil }
        return TextFolding.Fold(byte: UInt8(ascii: "@"), length: position - index)
    }

    /// The fold of a dot-form starting at `index` inside the local part of a spelled-out
    /// address: local-part text, then more of them, then an at-form must follow.
    static func localDotForm(_ value: UnsafeRawBufferPointer, at index: Int) -> TextFolding.Fold? {
        guard index > 0, MaskingWorker.isLocalPartByte(value[index - 1]),
              let end = dotFormEnd(value, at: index), value[index] != UInt8(ascii: ".") else { return nil }
        let limit = min(value.count, index + maxLocalBytes)
        var position = end
        while true {
            let start = position
            while position < limit, MaskingWorker.isLocalPartByte(value[position]),
                  value[position] != UInt8(ascii: ".") { position += 1 }
            guard position > start, position < limit else { return nil }
            if mayStart(value[position]), atForm(value, at: position) != nil {
                return TextFolding.Fold(byte: UInt8(ascii: "."), length: end - index)
            }
            guard let next = dotFormEnd(value, at: position) else { return nil }
            position = next
        }
    }

    /// Whether the word that ends at `end` is one of `everydayWords` (in either case).
    private static func isEverydayWord(_ value: UnsafeRawBufferPointer, endingAt end: Int) -> Bool {
        var start = end
        while start > 0, end - start < 12, DigitRun.isLetter(value[start - 1]) || value[start - 1] == UInt8(ascii: "'") {
            start -= 1
        }
        guard start < end, end - start < 12, start == 0 || !MaskingWorker.isLocalPartByte(value[start - 1]) else {
            return false
        }
        var word: [UInt8] = []
        for byte in UnsafeRawBufferPointer(rebasing: value[start..<end]) where byte != UInt8(ascii: "'") {
            word.append(byte | 0x20)
        }
        return everydayWords.contains(word)
    }

    /// The fold of a dot-form starting at `index` inside an address, or nil.
    static func dotForm(_ value: UnsafeRawBufferPointer, at index: Int) -> TextFolding.Fold? {
        guard let end = dotFormEnd(value, at: index), end < value.count, isLabelByte(value[end]) else { return nil }
        return TextFolding.Fold(byte: UInt8(ascii: "."), length: end - index)
    }

    /// Whether a byte can start an at-form or a dot-form.
    @inline(__always)
    static func mayStart(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, UInt8(ascii: "@"), UInt8(ascii: "["), UInt8(ascii: "("), UInt8(ascii: "{"), UInt8(ascii: "<"):
            return true
        default:
            return false
        }
    }

    /// Whether labels joined by dot-forms, ending in an alphabetic top-level domain of 2–63
    /// letters, start at `from`. More dotted text after such a domain that is no domain
    /// itself (`gmail dot com punt 178`) leaves it one (fail closed).
    private static func domainFollows(_ value: UnsafeRawBufferPointer, from: Int, needsSpelledDot: Bool) -> Bool {
        let limit = min(value.count, from + maxDomainBytes)
        var position = from
        var labels = 0
        var spelledDot = false
        var found = false
        while true {
            let start = position
            var letters = true
            while position < limit, isLabelByte(value[position]) {
                if !DigitRun.isLetter(value[position]) && value[position] < 0x80 { letters = false }
                position += 1
            }
            let length = position - start
            guard length > 0, length <= 63, !isSpelledWord(value, start, position) else { return found }
            labels += 1
            if labels >= 2 && letters && length >= 2 && (!needsSpelledDot || spelledDot) {
                guard position < value.count, let end = dotFormEnd(value, at: position), end < value.count,
                      isLabelByte(value[end]) else { return true }
                found = true
            }
            guard position < limit, let end = dotFormEnd(value, at: position) else { return found }
            // A spaced `.` is no spelled dot (`at home . Then`): only a word or bracket is.
            if value[position] != UInt8(ascii: "."), end - position != 3 || value[position + 1] != UInt8(ascii: ".") {
                spelledDot = true
            }
            position = end
        }
    }

    /// The end of a dot-form at `index`: `.`, a `.` with a space on each side (`gmail . com`),
    /// or a bracketed `dot`/`punt` or the words `dot`/`punt` with the spaces around them; nil
    /// when none starts there.
    private static func dotFormEnd(_ value: UnsafeRawBufferPointer, at index: Int) -> Int? {
        guard index < value.count else { return nil }
        if value[index] == UInt8(ascii: ".") { return index + 1 }
        var position = index
        let leadingSpace = value[position] == 0x20
        if leadingSpace { position += 1 }
        guard position < value.count else { return nil }
        if leadingSpace, value[position] == UInt8(ascii: "."), position + 1 < value.count, value[position + 1] == 0x20 {
            return position + 2
        }
        if let end = bracketed(value, at: position, word: "dot") ?? bracketed(value, at: position, word: "punt") {
            position = end
        } else if leadingSpace, let word = dotWords.first(where: { word(value, at: position, is: $0) }),
                  position + word.utf8CodeUnitCount < value.count, value[position + word.utf8CodeUnitCount] == 0x20 {
            position += word.utf8CodeUnitCount
        } else {
            return nil
        }
        if position < value.count, value[position] == 0x20 { position += 1 }
        return position
    }

    /// The end of `word` in brackets (`[at]`, `(at)`, `{at}`, `<at>`) at `index`, or nil.
    private static func bracketed(_ value: UnsafeRawBufferPointer, at index: Int, word text: StaticString) -> Int? {
        let close: UInt8
        switch value[index] {
        case UInt8(ascii: "["): close = UInt8(ascii: "]")
        case UInt8(ascii: "("): close = UInt8(ascii: ")")
        case UInt8(ascii: "{"): close = UInt8(ascii: "}")
        case UInt8(ascii: "<"): close = UInt8(ascii: ">")
        default: return nil
        }
        let end = index + 1 + text.utf8CodeUnitCount
        guard end < value.count, word(value, at: index + 1, is: text), value[end] == close else { return nil }
        return end + 1
    }

    /// Whether `value[start..<end]` is one of the words of the spelled forms (`at`, `dot`, `punt`).
    private static func isSpelledWord(_ value: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        spelledWords.contains { end - start == $0.utf8CodeUnitCount && word(value, at: start, is: $0) }
    }

    /// The words of the spelled dot-forms, and of all spelled forms (static: no array is
    /// built per call on the prefilter's path).
    private static let dotWords: [StaticString] = ["dot", "punt"]
    private static let spelledWords: [StaticString] = ["at", "dot", "punt"]

    /// Whether `value` holds `text` (lower-case ASCII) at `index`, in either case.
    private static func word(_ value: UnsafeRawBufferPointer, at index: Int, is text: StaticString) -> Bool {
        guard index + text.utf8CodeUnitCount <= value.count else { return false }
        return text.withUTF8Buffer { expected in
            var position = index
            for byte in expected {
                guard value[position] | 0x20 == byte else { return false }
                position += 1
            }
            return true
        }
    }


    /// A byte of a domain label: a letter, a digit, `-` or a non-ASCII byte.
    @inline(__always)
    private static func isLabelByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte == UInt8(ascii: "-") || DigitRun.isDigit(byte) || DigitRun.isLetter(byte)
    }
}
