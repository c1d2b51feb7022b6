/// Checks the context words of a rule in the bytes before a candidate: ASCII
/// case-insensitive, whole words (a word's letters and digits are not part of a longer word).
struct ContextMatcher: Sendable {
    private let window: Int
    private let require: [[UInt8]]
    private let denyWindow: Int
    private let deny: [[UInt8]]

    init(_ words: ContextWords) {
        window = words.window
        require = words.require.map { Array($0.lowercased().utf8) }
        denyWindow = words.denyWindow
        deny = words.deny.map { Array($0.lowercased().utf8) }
    }

    /// Whether a candidate starting at `matchStart` in `subject` counts: a required word
    /// (if any are declared) is in the window before it, and no deny word is in the deny window.
    func accepts(_ subject: UnsafeRawBufferPointer, matchStart: Int) -> Bool {
        if !deny.isEmpty, Self.containsWord(deny, in: subject, before: matchStart, window: denyWindow) {
            return false
        }
        if !require.isEmpty, !Self.containsWord(require, in: subject, before: matchStart, window: window) {
            return false
        }
        return true
    }

    private static func containsWord(_ words: [[UInt8]], in subject: UnsafeRawBufferPointer,
                                      before end: Int, window: Int) -> Bool {
        let start = max(0, end - window)
        for word in words where word.count <= end - start {
            var position = start
            while position + word.count <= end {
                if matches(word, subject, at: position) { return true }
                position += 1
            }
        }
        return false
    }

    private static func matches(_ word: [UInt8], _ subject: UnsafeRawBufferPointer, at position: Int) -> Bool {
        for (offset, expected) in word.enumerated() where lowered(subject[position + offset]) != expected {
            return false
        }
        // Whole words: no letter or digit glued on where the word itself begins or ends with one.
        if isAlnum(word[0]), position > 0, isAlnum(lowered(subject[position - 1])) { return false }
        let after = position + word.count
        if isAlnum(word[word.count - 1]), after < subject.count, isAlnum(lowered(subject[after])) { return false }
        return true
    }

    @inline(__always)
    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    @inline(__always)
    private static func isAlnum(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10 || byte &- 0x61 < 26 || byte >= 0x80
    }
}
