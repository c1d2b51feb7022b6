/// Checks the context words of a rule in the bytes before a candidate (see `ContextWords`):
/// ASCII case-insensitive, whole words (a word's letters and digits are not part of a
/// longer word), the nearest occurrence deciding.
struct ContextMatcher: Sendable {
    private let window: Int
    private let require: WordList
    private let noDigitsBetween: Bool
    private let allow: WordList
    private let denyWindow: Int
    private let deny: WordList

    init(_ words: ContextWords) {
        window = words.window
        require = WordList(words.require)
        noDigitsBetween = words.noDigitsBetween
        allow = WordList(words.require + words.allow)
        denyWindow = words.denyWindow
        deny = WordList(words.deny)
    }

    /// Whether a candidate starting at `matchStart` in `subject` counts.
    func accepts(_ subject: UnsafeRawBufferPointer, matchStart: Int) -> Bool {
        let windowStart = max(0, matchStart - window)
        if !require.isEmpty {
            guard let required = require.nearestEnd(in: subject, from: windowStart, to: matchStart) else { return false }
            if noDigitsBetween, subject[required..<matchStart].contains(where: { $0 &- 0x30 < 10 }) { return false }
        }
        guard !deny.isEmpty,
              let denied = deny.nearestEnd(in: subject, from: max(0, matchStart - denyWindow), to: matchStart)
        else { return true }
        guard !allow.isEmpty, let allowed = allow.nearestEnd(in: subject, from: windowStart, to: matchStart) else {
            return false
        }
        return allowed > denied
    }
}

/// Words (or phrases) indexed by their first byte, lower-cased.
private struct WordList: Sendable {
    private let byFirstByte: [[[UInt8]]]
    let isEmpty: Bool

    init(_ words: [String]) {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for word in words {
            let bytes = Array(word.lowercased().utf8)
            guard let first = bytes.first else { continue }
            table[Int(first)].append(bytes)
        }
        byFirstByte = table
        isEmpty = words.allSatisfy(\.isEmpty)
    }

    /// The end offset of the occurrence nearest to `end` (the greatest end) of one of the
    /// words lying wholly inside `subject[start..<end]`, or nil when none does.
    func nearestEnd(in subject: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int? {
        var best: Int?
        var position = start
        while position < end {
            let byte = lowered(subject[position])
            let candidates = byFirstByte[Int(byte)]
            if !candidates.isEmpty, !(isAlnum(byte) && position > 0 && isAlnum(lowered(subject[position - 1]))) {
                for word in candidates where position + word.count <= end && matches(word, subject, at: position) {
                    best = max(best ?? 0, position + word.count)
                }
            }
            position += 1
        }
        return best
    }

    private func matches(_ word: [UInt8], _ subject: UnsafeRawBufferPointer, at position: Int) -> Bool {
        for offset in 1..<word.count where lowered(subject[position + offset]) != word[offset] {
            return false
        }
        let after = position + word.count
        if isAlnum(word[word.count - 1]), after < subject.count, isAlnum(lowered(subject[after])) { return false }
        return true
    }

    @inline(__always)
    private func lowered(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    @inline(__always)
    private func isAlnum(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10 || byte &- 0x61 < 26 || byte >= 0x80
    }
}
