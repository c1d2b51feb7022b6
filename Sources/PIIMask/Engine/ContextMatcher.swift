import PCRE2

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

/// Words (or phrases), lower-cased, sorted by first byte, in one flat byte array.
private struct WordList: Sendable {
    /// The first bytes of the words: a quick reject.
    private let firstBytes: ByteSet
    /// All words, one after the other.
    private let bytes: [UInt8]
    /// `(start, end)` of each word in `bytes`.
    private let spans: [(start: Int32, end: Int32)]
    /// For a first byte `b`, the words `spans[byFirst[b]..<byFirst[b + 1]]` start with it.
    private let byFirst: [Int32]
    let isEmpty: Bool

    init(_ words: [String]) {
        let sorted = words.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }.sorted { $0[0] < $1[0] }
        var bytes: [UInt8] = []
        var spans: [(Int32, Int32)] = []
        var byFirst = [Int32](repeating: 0, count: 257)
        var firstBytes = ByteSet()
        for word in sorted {
            spans.append((Int32(bytes.count), Int32(bytes.count + word.count)))
            bytes += word
            firstBytes.insert(word[0])
            byFirst[Int(word[0]) + 1] += 1
        }
        for index in 1...256 { byFirst[index] += byFirst[index - 1] }
        self.bytes = bytes
        self.spans = spans
        self.byFirst = byFirst
        self.firstBytes = firstBytes
        isEmpty = sorted.isEmpty
    }

    /// The end offset of the occurrence nearest to `end` (the greatest end) of one of the
    /// words lying wholly inside `subject[start..<end]`, or nil when none does.
    func nearestEnd(in subject: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int? {
        bytes.withUnsafeBufferPointer { bytes in
            spans.withUnsafeBufferPointer { spans in
                byFirst.withUnsafeBufferPointer { byFirst in
                    var best: Int?
                    var position = start
                    while position < end {
                        let byte = Self.lowered(subject[position])
                        if firstBytes.contains(byte),
                           !(Self.isAlnum(byte) && position > 0 && Self.isAlnum(Self.lowered(subject[position - 1]))) {
                            for index in Int(byFirst[Int(byte)])..<Int(byFirst[Int(byte) + 1]) {
                                let word = UnsafeBufferPointer(rebasing: bytes[Int(spans[index].start)..<Int(spans[index].end)])
                                if position + word.count <= end, Self.matches(word, subject, at: position) {
                                    best = max(best ?? 0, position + word.count)
                                }
                            }
                        }
                        position += 1
                    }
                    return best
                }
            }
        }
    }

    private static func matches(_ word: UnsafeBufferPointer<UInt8>, _ subject: UnsafeRawBufferPointer,
                                at position: Int) -> Bool {
        for offset in 1..<word.count where lowered(subject[position + offset]) != word[offset] {
            return false
        }
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
