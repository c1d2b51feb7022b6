/// Masking one chat message of a conversation with what came before it in view: the values
/// typed across messages (`my card is 4111 1111` then `1111 1111`), without holding any
/// message back.
///
/// - A message that **completes** a value begun in the conversation's earlier text (its tail)
///   gets the part of the value it holds masked as the whole value's mask would write it
///   (`**** 1111`): the value is found by detecting over the tail and the message joined.
/// - A message that **ends** in what may begin a value — a run of digits, or a local part
///   and `@` — after a word of a value type (a phone, card, account, SSN/BSN or e-mail word,
///   from the rules' context words) has that trailing part masked whole (`**** ****`), as it
///   cannot be recalled once written. So no more than the last 4 digits of a split value
///   are ever written.
/// - Values wholly inside the message are masked exactly as without a conversation.
extension MaskingWorker {
    /// Runs `body` with `text` as a conversation reads it: as it is, or, when it holds a
    /// folded character above 0x7F (`TextFolding`), its folded form (in the worker's
    /// scratch), so that values typed across messages in full-width digits or with Unicode
    /// spaces are joined too. A message masked in its folded form is written in that form.
    func withReadableText<Result>(_ text: UnsafeRawBufferPointer, policy: FieldPolicy,
                                  _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        // Only characters above 0x7F matter here (full-width digits, no-break spaces, …): most
        // messages have none, and a word-at-a-time look says so.
        guard policy.readsFolded, let firstHigh = Self.firstByteAbove7F(text),
              let firstFold = TextFolding.firstFold(text, from: firstHigh, floor: 0) else {
            return body(text)
        }
        var folded = foldedText
        foldedText = []
        defer { foldedText = folded }
        state.pointee.view.build(text, firstFold: firstFold)
        folded.removeAll(keepingCapacity: true)
        folded.append(contentsOf: state.pointee.view.bytes)
        return folded.withUnsafeBytes { body($0) }
    }

    /// The offset of the first byte above 0x7F in `text` (8 bytes at a time), or nil.
    static func firstByteAbove7F(_ text: UnsafeRawBufferPointer) -> Int? {
        guard let base = text.baseAddress else { return nil }
        var index = 0
        while index + 8 <= text.count {
            let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080
            if word != 0 { return index + word.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < text.count {
            if text[index] >= 0x80 { return index }
            index += 1
        }
        return nil
    }

    /// Masks `text`, a message whose conversation's earlier text ends with `tail`, into
    /// `output`; `words` holds the words after which a trailing run is protected. Values
    /// wholly inside the message whose mask is a conversation-scoped token are keyed with
    /// `id`, the conversation's id; a value's part completing one begun earlier is written
    /// as stars (its first part was, and no token can name it whole).
    ///
    /// - Returns: whether anything was masked; when nothing was, nothing is appended (the
    ///   message stands as it is).
    func maskContinuing(_ text: UnsafeRawBufferPointer, tail: UnsafeRawBufferPointer, policy: FieldPolicy,
                        words: ContextWordTable, id: UnsafeRawBufferPointer?, into output: inout [UInt8],
                        counters: inout MaskCounters, conversation: inout ConversationCounters) -> Bool {
        // The tail and the start of the message as one text (a value that goes on from the
        // tail ends in the first bytes of the message), when they can go on one another.
        // A local part typed on from the tail (`my email is melissa.de`, then `vries@gmail.com`)
        // joins without a space.
        let goesOnWithLocalPart = Self.goesOnWithLocalPart(tail, text, words: words)
        let continues = goesOnWithLocalPart
            || tail.last.map { last in text.first.map { Self.mayContinue(last, $0) } ?? false } ?? false
        let head = UnsafeRawBufferPointer(rebasing: text[..<min(text.count, ConversationStore.tailBytes)])
        // Joined in the worker's scratch (taken out and put back): no allocation per message.
        var joined = joinedText
        joinedText = []
        defer { joinedText = joined }
        let boundary = continues ? Self.join(tail, head, into: &joined, space: !goesOnWithLocalPart) : 0
        // A value begun in the tail and completed by the message.
        var crossing: Span?
        var headEnd = 0
        if continues {
            joined.withUnsafeBytes { detect($0, policy: policy) }
            crossing = spans.first { $0.start < boundary && $0.end > boundary }
            headEnd = crossing.map { $0.end - boundary } ?? 0
        }
        // The message alone, as without a conversation; the completed value takes its start.
        detectIfCandidate(text, policy: policy)
        if headEnd > 0 { spans.removeAll { $0.start < headEnd } }
        // A trailing run that may begin a value (not a value already found), or a value found
        // at the very end that is short for its type and may go on: masked whole.
        var protectFrom = text.count
        var protectAsLocalPart = false
        // Looked for in the message, or in the tail and the message when it is short; most
        // messages end in a way no value begins with (a word, punctuation): nothing to look for.
        let trailing: (run: TrailingRun, offset: Int)?
        if !Self.mayEndInRun(text) {
            trailing = nil
        } else if text.count >= ConversationStore.tailBytes || tail.isEmpty {
            trailing = Self.trailingRun(text, words: words).map { ($0, 0) }
        } else {
            var whole = wholeText
            wholeText = []
            defer { wholeText = whole }
            let start = Self.join(tail, text, into: &whole)
            trailing = whole.withUnsafeBytes { Self.trailingRun($0, words: words) }.map { ($0, start) }
        }
        if let (run, offset) = trailing {
            let range: Range<Int>
            switch run {
            case .digits(let digits): range = digits
            case .localPart(let local):
                range = local
                protectAsLocalPart = true
            }
            let start = max(range.lowerBound - offset, headEnd)
            if start < range.upperBound - offset, !spans.contains(where: { $0.end > start }) {
                protectFrom = start
            }
        }
        if protectFrom == text.count, let last = spans.last, rules.indices.contains(last.rule),
           Self.mayGoOn(text, last, type: rules[last.rule].type) {
            spans.removeLast()
            protectFrom = last.start
        }
        guard crossing != nil || protectFrom < text.count || !spans.isEmpty else {
            return false
        }
        count(into: &counters)
        if spans.isEmpty { counters.maskedValues += 1 }
        if let crossing {
            joined.withUnsafeBytes { joinedBytes in
                let value = UnsafeRawBufferPointer(rebasing: joinedBytes[crossing.start..<crossing.end])
                // A value that may still go on in the next message shows none of its digits yet.
                let mayGoOn = crossing.rule >= 0 && Self.mayGoOn(joinedBytes, crossing, type: rules[crossing.rule].type)
                let mask = crossing.rule >= 0 && !mayGoOn ? rules[crossing.rule].mask : Mask.everything
                mask.renderPart(of: value, from: boundary - crossing.start, into: &output)
            }
            conversation.splitValues += 1
            let type = crossing.rule >= 0 ? rules[crossing.rule].type : Finding.undecidedType
            counters.findingsByType[type, default: 0] += 1
            if crossing.rule >= 0 { counters.findingsByRule[rules[crossing.rule].id, default: 0] += 1 }
        }
        render(text, into: &output, from: headEnd, upTo: protectFrom, conversation: id)
        if protectFrom < text.count {
            // The part up to where the value may end is masked whole; what follows it (white
            // space, punctuation, a smiley: see `valueEnd`) stays as typed.
            let protectEnd = max(protectFrom, Self.valueEnd(text))
            var first = protectAsLocalPart
            for byte in text[protectFrom..<protectEnd] {
                if Self.isSpace(byte) || byte == UInt8(ascii: "@") || first {
                    output.append(byte)
                    first = false
                } else if byte & 0xC0 != 0x80 {
                    output.append(UInt8(ascii: "*"))
                }
            }
            output.append(contentsOf: text[protectEnd...])
            conversation.partialValues += 1
        }
        return true
    }

    /// The tail and the message as one text, in `joined` (emptied first), and where the
    /// message starts in it: a space between them where both sides are letters or digits
    /// (`4111 1111` + `1111`), none where either is punctuation or white space (`jan@` +
    /// `ziggo.nl`, `123-45` + `-6789`).
    /// `space: false` joins them as they are.
    static func join(_ tail: UnsafeRawBufferPointer, _ text: UnsafeRawBufferPointer, into joined: inout [UInt8],
                     space: Bool = true) -> Int {
        joined.removeAll(keepingCapacity: true)
        joined.append(contentsOf: tail)
        if space, let last = tail.last, let first = text.first, joinsWithSpace(last, first) {
            joined.append(0x20)
        }
        let boundary = joined.count
        joined.append(contentsOf: text)
        return boundary
    }

    /// Whether a tail ending in `last` and a message starting with `first` join with a space.
    static func joinsWithSpace(_ last: UInt8, _ first: UInt8) -> Bool { isAlnum(last) && isAlnum(first) }

    /// Whether `text` goes on with a local part that `tail` ends in: the tail ends in a last
    /// word after an e-mail word (as `trailingRun` finds it, so its end was masked) and the
    /// message starts with local-part characters and then `@` (`vries@gmail.com`).
    static func goesOnWithLocalPart(_ tail: UnsafeRawBufferPointer, _ text: UnsafeRawBufferPointer,
                                    words: ContextWordTable) -> Bool {
        guard let last = tail.last, isLocalPartByte(last), let first = text.first, DigitRun.isLetter(first) || DigitRun.isDigit(first)
        else { return false }
        var index = 0
        while index < min(text.count, 64), isLocalPartByte(text[index]) { index += 1 }
        guard index < text.count, text[index] == UInt8(ascii: "@") else { return false }
        guard case .localPart = trailingRun(tail, words: words) else { return false }
        return true
    }

    /// Whether a message starting with `first` can go on with a value from a tail ending in
    /// `last`: digits, separators, `@`, letters of an IBAN group or a local part on both sides.
    static func mayContinue(_ last: UInt8, _ first: UInt8) -> Bool {
        // A digit or `@` on one side at least: two letters meet in words, punctuation ends a
        // sentence (an IBAN goes on with digits, an address at its `@`).
        let anchor = { (byte: UInt8) in DigitRun.isDigit(byte) || byte == UInt8(ascii: "@") }
        return isValueByte(last) && isValueByte(first) && (anchor(last) || anchor(first))
    }

    @inline(__always)
    private static func isValueByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "@"), UInt8(ascii: "+"),
             UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "_"), UInt8(ascii: "%"):
            return true
        default:
            return isAlnum(byte)
        }
    }

    /// Whether `span`, a finding of `type` at the end of `text`, is shorter than the values of
    /// its type usually are (a phone of fewer than 10 digits, a card of fewer than 16), so
    /// that the next message may go on with it: then it is masked whole.
    static func mayGoOn(_ text: UnsafeRawBufferPointer, _ span: Span, type: String) -> Bool {
        let end = valueEnd(text)
        guard span.end == end else { return false }
        let digits = text[span.start..<span.end].reduce(0) { $0 + (DigitRun.isDigit($1) ? 1 : 0) }
        switch type {
        case "phone": return digits < 10
        case "card": return digits < 16
        default: return false
        }
    }

    /// What a trailing run that may begin a value is, which decides how it is masked.
    enum TrailingRun {
        /// Digits with separators, or the start of an IBAN: every character masked.
        case digits(Range<Int>)
        /// A local part (and `@`): its first character kept, as the e-mail mask does.
        case localPart(Range<Int>)
    }

    /// The trailing run of `text` that may begin a value typed on in the next message —
    /// two or more digits with separators, the start of an IBAN (`NL91 ABNA`), a local part
    /// and `@` — when a value word (list 0 of `words`) stands in the 40 bytes before it, or
    /// a last word right after an e-mail word (list 1: `my email is melissa`); nil otherwise.
    static func trailingRun(_ text: UnsafeRawBufferPointer, words: ContextWordTable) -> TrailingRun? {
        let end = valueEnd(text)
        guard end > 0 else { return nil }
        var nearest = NearestWords()
        func wordBefore(_ start: Int, list: Int, within window: Int) -> Bool {
            words.scan(text, from: start - window, to: start, into: &nearest)
            return nearest.end(list) != nil && nearest.start(list) >= start - window
        }
        if text[end - 1] == UInt8(ascii: "@") {
            var start = end - 1
            while start > 0, isLocalPartByte(text[start - 1]) { start -= 1 }
            return start < end - 1 && wordBefore(start, list: 0, within: 40) ? .localPart(start..<end) : nil
        }
        var start = end
        var digits = 0
        while start > 0, isRunByte(text[start - 1]) {
            start -= 1
            if DigitRun.isDigit(text[start]) { digits += 1 }
        }
        while start < end, !DigitRun.isDigit(text[start]) && text[start] != UInt8(ascii: "+") { start += 1 }
        if DigitRun.isDigit(text[end - 1]) || DigitRun.isLetter(text[end - 1]), let iban = ibanStart(text, end: end) {
            return wordBefore(iban, list: 0, within: 40) ? .digits(iban..<end) : nil
        }
        if digits >= 2, start == 0 || !DigitRun.isLetter(text[start - 1]) {
            return wordBefore(start, list: 0, within: 40) ? .digits(start..<end) : nil
        }
        // One last word right after an e-mail word: a local part whose `@` comes next. (The
        // e-mail words all hold `mail` or `adres`: without either nearby, no scan.)
        var wordStart = end
        while wordStart > 0, isLocalPartByte(text[wordStart - 1]) { wordStart -= 1 }
        if end - wordStart >= 2, wordStart > 0, isSpace(text[wordStart - 1]), mentionsMail(text, before: wordStart),
           wordBefore(wordStart, list: 1, within: 16) || followsAddressWord(text, wordStart) {
            return .localPart(wordStart..<end)
        }
        return nil
    }

    /// Whether `text` may end in what begins a value: its last byte (white space aside) is a
    /// digit, `@` or `)`, or a letter with a digit in the 34 bytes before it (an IBAN's
    /// group), with `mail`/`adres` before its last word, or in a message of one word.
    static func mayEndInRun(_ text: UnsafeRawBufferPointer) -> Bool {
        let end = valueEnd(text)
        guard end > 0 else { return false }
        let last = text[end - 1]
        if DigitRun.isDigit(last) || last == UInt8(ascii: "@") || last == UInt8(ascii: ")") { return true }
        guard DigitRun.isLetter(last) else { return false }
        var index = end
        var sawSpace = false
        while index > 0, index > end - CandidateLimits.maxIBANCharacters {
            index -= 1
            if DigitRun.isDigit(text[index]) { return true }
            if isSpace(text[index]) { sawSpace = true }
        }
        var wordStart = end
        while wordStart > 0, isLocalPartByte(text[wordStart - 1]) { wordStart -= 1 }
        return !sawSpace && index == 0 || mentionsMail(text, before: wordStart)
    }

    /// Where `text` ends once what may follow the first part of a value is set aside: white
    /// space and line breaks (`\r\n`), sentence punctuation (`.`, `,`, `;`, `:`, `!`, `?`, `-`,
    /// `/`) and a smiley (`:)`, `:-)`, `;)`, `:(`, `:D`, `:P`), in any order: `my card is
    /// 4111 1111 :)` ends after `1111`.
    static func valueEnd(_ text: UnsafeRawBufferPointer) -> Int {
        var end = text.count
        while end > 0 {
            let byte = text[end - 1]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
                 UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "-"), UInt8(ascii: "/"):
                end -= 1
            case UInt8(ascii: ")"), UInt8(ascii: "("), UInt8(ascii: "D"), UInt8(ascii: "P"), UInt8(ascii: "p"):
                // A smiley's mouth: its eyes (`:` or `;`), perhaps a nose (`-`), stand before it.
                var eyes = end - 2
                if eyes >= 0, text[eyes] == UInt8(ascii: "-") { eyes -= 1 }
                guard eyes >= 0, text[eyes] == UInt8(ascii: ":") || text[eyes] == UInt8(ascii: ";") else { return end }
                end = eyes
            default:
                return end
            }
        }
        return end
    }

    /// Whether the word before `wordStart` is one that puts an address after it (`mail me
    /// at jansen`, `mail naar jansen`, `mail: jansen`): `at`, `to`, `on`, `op`, `naar`, `via`,
    /// `is`, or a word ending in `:`.
    private static func followsAddressWord(_ text: UnsafeRawBufferPointer, _ wordStart: Int) -> Bool {
        var end = wordStart
        while end > 0, isSpace(text[end - 1]) { end -= 1 }
        guard end > 0 else { return false }
        if text[end - 1] == UInt8(ascii: ":") { return true }
        var start = end
        while start > 0, DigitRun.isLetter(text[start - 1]) { start -= 1 }
        guard start == 0 || isSpace(text[start - 1]) || text[start - 1] == UInt8(ascii: ",") else { return false }
        let word = text[start..<end].map { $0 | 0x20 }
        return ["at", "to", "on", "op", "naar", "via", "is"].contains { Array($0.utf8) == word }
    }

    /// Whether `mail` or `adres` (either case) stands in the 16 bytes before `offset`.
    private static func mentionsMail(_ text: UnsafeRawBufferPointer, before offset: Int) -> Bool {
        var index = max(0, offset - 16)
        while index + 4 <= offset {
            let a = text[index] | 0x20, b = text[index + 1] | 0x20, c = text[index + 2] | 0x20, d = text[index + 3] | 0x20
            if (a == 0x6D && b == 0x61 && c == 0x69 && d == 0x6C) || (a == 0x61 && b == 0x64 && c == 0x72 && d == 0x65) {
                return true
            }
            index += 1
        }
        return false
    }

    /// Where an IBAN begun at the end of `text[..<end]` starts: two letters and two digits at
    /// a word start, then groups of letters and digits separated by single spaces.
    private static func ibanStart(_ text: UnsafeRawBufferPointer, end: Int) -> Int? {
        var position = end
        var found: Int?
        var characters = 0
        while position > 0, characters <= CandidateLimits.maxIBANCharacters {
            let byte = text[position - 1]
            if DigitRun.isDigit(byte) || DigitRun.isLetter(byte) {
                characters += 1
            } else if byte != 0x20 || position < 2 || text[position - 2] == 0x20 {
                break
            }
            position -= 1
            if position + 4 <= end, position == 0 || text[position - 1] == 0x20,
               DigitRun.isLetter(text[position]), DigitRun.isLetter(text[position + 1]),
               DigitRun.isDigit(text[position + 2]), DigitRun.isDigit(text[position + 3]) {
                found = position
            }
        }
        return found
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    @inline(__always)
    private static func isAlnum(_ byte: UInt8) -> Bool { DigitRun.isDigit(byte) || DigitRun.isLetter(byte) || byte >= 0x80 }

    /// A byte of a digit run as a customer types it in pieces.
    @inline(__always)
    private static func isRunByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "("),
             UInt8(ascii: ")"), UInt8(ascii: "+"):
            return true
        default:
            return byte &- 0x30 < 10
        }
    }
}
