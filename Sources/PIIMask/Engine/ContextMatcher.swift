/// Checks the context words of a rule in the bytes before a candidate: ASCII
/// case-insensitive, whole words (a word's letters and digits are not part of a longer word).
struct ContextMatcher: Sendable {
    private let window: Int
    private let require: WordList
    private let denyWindow: Int
    private let deny: WordList

    init(_ words: ContextWords) {
        window = words.window
        require = WordList(words.require)
        denyWindow = words.denyWindow
        deny = WordList(words.deny)
    }

    /// Whether a candidate starting at `matchStart` in `subject` counts: a required word
    /// (if any are declared) is in the window before it, and no deny word is in the deny window.
    func accepts(_ subject: UnsafeRawBufferPointer, matchStart: Int) -> Bool {
        if !deny.isEmpty, deny.occurs(in: subject, from: max(0, matchStart - denyWindow), to: matchStart) {
            return false
        }
        if !require.isEmpty, !require.occurs(in: subject, from: max(0, matchStart - window), to: matchStart) {
            return false
        }
        return true
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

    /// Whether one of the words lies wholly inside `subject[start..<end]`.
    func occurs(in subject: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Bool {
        var position = start
        while position < end {
            let byte = lowered(subject[position])
            let candidates = byFirstByte[Int(byte)]
            if !candidates.isEmpty, !(isAlnum(byte) && position > 0 && isAlnum(lowered(subject[position - 1]))) {
                for word in candidates where position + word.count <= end && matches(word, subject, at: position) {
                    return true
                }
            }
            position += 1
        }
        return false
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
