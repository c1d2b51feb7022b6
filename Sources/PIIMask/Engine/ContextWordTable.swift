import PCRE2

/// The context words of every rule, merged into one table, so that the bytes before a
/// candidate are scanned once for all rules instead of once per rule and list.
///
/// Each distinct word list (a rule's `require`, `require` + `allow`, or `deny` words) gets a
/// list number; each word records the lists it belongs to. A scan reports, per list, the
/// occurrence nearest to the end of the scanned range. Matching is ASCII case-insensitive
/// and on whole words (a word's letters and digits are not part of a longer word).
///
/// - Complexity: a scan is O(window × words sharing a first byte), independent of the value.
final class ContextWordTable: Sendable {
    /// At most this many distinct lists.
    static let maxLists = 32
    /// The widest window any rule declares: how far before a candidate a scan looks.
    let maxWindow: Int
    /// Per byte: `alnumFlag` when it is part of words (ASCII letters and digits, non-ASCII),
    /// `firstFlag` when a word starts with it (either case).
    private let flags: [UInt8]
    private static let alnumFlag: UInt8 = 1
    private static let firstFlag: UInt8 = 2
    /// A word of this one byte exists (such as `#`).
    private static let shortFlag: UInt8 = 4
    private static let bucketCount = 1024

    /// The bucket of words starting with bytes `first` and `second` (0 for a one-byte word).
    @inline(__always)
    private static func bucket(_ first: UInt8, _ second: UInt8) -> Int {
        (Int(first) &* 31 &+ Int(second)) & (bucketCount - 1)
    }
    private let bytes: [UInt8]
    private let spans: [(start: Int32, end: Int32, lists: UInt32)]
    /// `spans[byBucket[k]..<byBucket[k + 1]]`: the words in bucket `k` (see `bucket`).
    private let byBucket: [Int32]
    /// Per word of `spans`: its first (up to) 8 bytes as a little-endian word, and the mask
    /// of those bytes, to compare a word with one load.
    private let prefixes: [UInt64]
    private let prefixMasks: [UInt64]
    private let lists: [[String]]

    /// A table for `lists` (each a list of words or phrases).
    init(lists: [[String]], maxWindow: Int) {
        self.lists = lists
        self.maxWindow = maxWindow
        var membership: [[UInt8]: UInt32] = [:]
        for (number, list) in lists.enumerated() {
            for word in list {
                let lowered = Array(word.lowercased().utf8)
                guard !lowered.isEmpty else { continue }
                membership[lowered, default: 0] |= 1 << UInt32(number)
            }
        }
        func bucketOf(_ word: [UInt8]) -> Int { Self.bucket(word[0], word.count > 1 ? word[1] : 0) }
        let sorted = membership.sorted { bucketOf($0.key) < bucketOf($1.key) }
        var bytes: [UInt8] = []
        var spans: [(Int32, Int32, UInt32)] = []
        var byBucket = [Int32](repeating: 0, count: Self.bucketCount + 1)
        var flags = (0...255).map { Self.isAlnum(Self.lowered(UInt8($0))) ? Self.alnumFlag : 0 }
        for (word, lists) in sorted {
            spans.append((Int32(bytes.count), Int32(bytes.count + word.count), lists))
            bytes += word
            let mark = word.count == 1 ? Self.firstFlag | Self.shortFlag : Self.firstFlag
            flags[Int(word[0])] |= mark
            if word[0] >= UInt8(ascii: "a") && word[0] <= UInt8(ascii: "z") { flags[Int(word[0] - 32)] |= mark }
            byBucket[bucketOf(word) + 1] += 1
        }
        for index in 1...Self.bucketCount { byBucket[index] += byBucket[index - 1] }
        self.bytes = bytes
        self.spans = spans
        self.byBucket = byBucket
        var prefixes: [UInt64] = []
        var prefixMasks: [UInt64] = []
        for span in spans {
            var prefix: UInt64 = 0
            var mask: UInt64 = 0
            for offset in 0..<min(8, Int(span.1 - span.0)) {
                prefix |= UInt64(bytes[Int(span.0) + offset]) << UInt64(8 * offset)
                mask |= 0xFF << UInt64(8 * offset)
            }
            prefixes.append(prefix)
            prefixMasks.append(mask)
        }
        self.prefixes = prefixes
        self.prefixMasks = prefixMasks
        self.flags = flags
    }

    /// The number of the list with exactly these words, when the table has it.
    func listNumber(_ words: [String]) -> Int? { lists.firstIndex(of: words) }

    /// Scans `subject[from..<to]` for words lying wholly inside it and sets in `nearest`,
    /// per list, the occurrence with the greatest end.
    func scan(_ subject: UnsafeRawBufferPointer, from: Int, to: Int, into nearest: inout NearestWords) {
        nearest.reset()
        forEachWord(in: subject, from: from, to: to, endLimit: to) { start, end, lists in
            nearest.record(lists: lists, start: start, end: end)
        }
    }

    /// `scan` of `subject[from..<to]` answered from `memo`, the words found in `subject` so
    /// far: only the bytes `memo` has not scanned yet are scanned, so that the windows of
    /// nearby candidates (which overlap) cost one scan of their bytes. A `memo` of another
    /// subject, or one that does not reach back to `from`, starts over at `from`. Returns the
    /// number of bytes scanned.
    @discardableResult
    func scan(_ subject: UnsafeRawBufferPointer, from: Int, to: Int, memo: inout ContextWordMemo,
              into nearest: inout NearestWords) -> Int {
        let from = max(0, from)
        nearest.reset()
        guard !spans.isEmpty, from < to else { return 0 }
        var scanned = 0
        // The memo grows at either end; a window far from what it holds starts it over.
        if memo.base != subject.baseAddress || memo.count != subject.count || from > memo.scannedTo + maxWindow
            || to < memo.scannedFrom - maxWindow {
            memo.restart(subject, at: from)
        } else if memo.words.count > ContextWordMemo.compactAt {
            memo.drop(before: min(from, memo.scannedTo))
        }
        if from < memo.scannedFrom {
            scanned += memo.scannedFrom - from
            if !memo.spare.isEmpty { memo.spare.removeAll(keepingCapacity: true) }
            forEachWord(in: subject, from: from, to: memo.scannedFrom, endLimit: subject.count) { start, end, lists in
                memo.spare.append(ContextWordMemo.Word(start: Int32(start), end: Int32(end), lists: lists))
            }
            if !memo.spare.isEmpty { memo.words.insert(contentsOf: memo.spare, at: 0) }
            memo.scannedFrom = from
        }
        if to > memo.scannedTo {
            scanned += to - memo.scannedTo
            // Words may end past `to`: a later window that reaches further takes them.
            forEachWord(in: subject, from: memo.scannedTo, to: to, endLimit: subject.count) { start, end, lists in
                memo.words.append(ContextWordMemo.Word(start: Int32(start), end: Int32(end), lists: lists))
            }
            memo.scannedTo = to
        }
        memo.words.withUnsafeBufferPointer { words in
            // Words are in order of their start: the first at or after `from`, then on.
            var low = 0, high = words.count
            while low < high {
                let middle = (low + high) / 2
                if Int(words[middle].start) < from { low = middle + 1 } else { high = middle }
            }
            for index in low..<words.count {
                let word = words[index]
                guard Int(word.start) < to else { break }
                if Int(word.end) <= to { nearest.record(lists: word.lists, start: Int(word.start), end: Int(word.end)) }
            }
        }
        return scanned
    }

    /// Calls `body` with every word of the table that starts in `subject[from..<to]` and
    /// ends by `endLimit`, in order of their start. Which bytes start a word depends on the
    /// subject alone (not on `from`), so scans of adjoining ranges find what one scan of
    /// both finds.
    @inline(__always)
    private func forEachWord(in subject: UnsafeRawBufferPointer, from: Int, to: Int, endLimit: Int,
                             _ body: (Int, Int, UInt32) -> Void) {
        guard !spans.isEmpty else { return }
        withTables { bytes, spans, prefixes, prefixMasks, byBucket, flags in
            var position = max(0, from)
            // A word starts at a byte that is not inside a word (a letter or digit right
            // after another); every turn moves past one word or byte.
            var afterAlnum = position > 0 && flags[Int(subject[position - 1])] & Self.alnumFlag != 0
            while position < to {
                let byte = subject[position]
                let flag = flags[Int(byte)]
                if flag & Self.firstFlag != 0 && !(afterAlnum && flag & Self.alnumFlag != 0) {
                    let first = Self.lowered(byte)
                    let second = position + 1 < endLimit ? Self.lowered(subject[position + 1]) : 0
                    // The 8 bytes from here in lower case, when the subject has them: a word's
                    // first 8 bytes are compared in one go.
                    let head = position + 8 <= subject.count
                        ? Self.loweredWord(subject.loadUnaligned(fromByteOffset: position, as: UInt64.self)) : 0
                    let compared = position + 8 <= subject.count ? 8 : 0
                    var bucket = Self.bucket(first, second)
                    var pass = 0
                    while true {
                        for index in Int(byBucket[bucket])..<Int(byBucket[bucket + 1]) {
                            let span = spans[index]
                            let length = Int(span.end - span.start)
                            guard position + length <= endLimit,
                                  compared == 0 || head & prefixMasks[index] == prefixes[index],
                                  Self.matches(UnsafeBufferPointer(rebasing: bytes[Int(span.start)..<Int(span.end)]),
                                               subject, at: position, from: min(compared, length)) else { continue }
                            body(position, position + length, span.lists)
                        }
                        // One-byte words live in the bucket of (byte, 0).
                        pass += 1
                        guard pass == 1, flag & Self.shortFlag != 0, second != 0 else { break }
                        bucket = Self.bucket(first, 0)
                    }
                }
                afterAlnum = flag & Self.alnumFlag != 0
                position += 1
                if afterAlnum {
                    while position < to, flags[Int(subject[position])] & Self.alnumFlag != 0 { position += 1 }
                }
            }
        }
    }

    /// Calls `body` with the table's arrays as buffers.
    @inline(__always)
    private func withTables(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<(start: Int32, end: Int32, lists: UInt32)>,
                                     UnsafeBufferPointer<UInt64>, UnsafeBufferPointer<UInt64>, UnsafeBufferPointer<Int32>,
                                     UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { bytes in
            spans.withUnsafeBufferPointer { spans in
                prefixes.withUnsafeBufferPointer { prefixes in
                    prefixMasks.withUnsafeBufferPointer { prefixMasks in
                        byBucket.withUnsafeBufferPointer { byBucket in
                            flags.withUnsafeBufferPointer { flags in
                                body(bytes, spans, prefixes, prefixMasks, byBucket, flags)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Whether `word` stands in `subject` at `position` as a whole word (ASCII letters
    /// compared in lower case), its first `from` bytes known to match.
    private static func matches(_ word: UnsafeBufferPointer<UInt8>, _ subject: UnsafeRawBufferPointer,
                                at position: Int, from: Int) -> Bool {
        for offset in from..<word.count where lowered(subject[position + offset]) != word[offset] {
            return false
        }
        let after = position + word.count
        if isAlnum(word[word.count - 1]), after < subject.count, isAlnum(lowered(subject[after])) { return false }
        return true
    }

    /// Eight bytes with their ASCII capitals in lower case (other bytes unchanged).
    @inline(__always)
    private static func loweredWord(_ word: UInt64) -> UInt64 {
        let low = word & 0x7F7F_7F7F_7F7F_7F7F
        // High bit of a byte: at least `A`, and not above `Z`, and an ASCII byte.
        let atLeastA = low &+ 0x3F3F_3F3F_3F3F_3F3F
        let aboveZ = low &+ 0x2525_2525_2525_2525
        let capitals = atLeastA & ~aboveZ & ~word & 0x8080_8080_8080_8080
        return word | (capitals >> 2)
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

/// Per list of a `ContextWordTable`, where its nearest word in a scanned range starts and
/// ends (-1: none found). Held inline: no allocation per candidate.
struct NearestWords {
    private var starts = InlineArray<32, Int32>(repeating: -1)
    private var ends = InlineArray<32, Int32>(repeating: -1)

    /// The end of list `list`'s nearest word, or nil.
    @inline(__always)
    func end(_ list: Int) -> Int? { ends[list] >= 0 ? Int(ends[list]) : nil }

    /// The start of list `list`'s nearest word (valid when `end` is not nil).
    @inline(__always)
    func start(_ list: Int) -> Int { Int(starts[list]) }

    /// Whether some list's nearest word ends at `offset`.
    func endsAt(_ offset: Int) -> Bool {
        for list in 0..<ContextWordTable.maxLists where ends[list] == Int32(offset) { return true }
        return false
    }

    /// No word found for any list.
    mutating func reset() {
        for list in 0..<ContextWordTable.maxLists {
            starts[list] = -1
            ends[list] = -1
        }
    }

    fileprivate mutating func record(lists: UInt32, start: Int, end: Int) {
        var remaining = lists
        while remaining != 0 {
            let list = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            // The nearest word; of two ending at the same byte (`credit card`, `card`), the
            // shorter, whose start is nearer.
            if Int32(end) > ends[list] || (Int32(end) == ends[list] && Int32(start) > starts[list]) {
                ends[list] = Int32(end)
                starts[list] = Int32(start)
            }
        }
    }
}

/// The words of a `ContextWordTable` found so far in one subject, for
/// `ContextWordTable.scan(_:from:to:memo:into:)`: the bytes `scannedFrom..<scannedTo` have
/// been scanned and `words` holds every word starting there, in order.
struct ContextWordMemo {
    struct Word {
        var start: Int32
        var end: Int32
        var lists: UInt32
    }

    /// Past this many words, those before the next window are dropped (memory per subject
    /// stays bounded; a later window reaching back before them scans again).
    static let compactAt = 512

    fileprivate(set) var base: UnsafeRawPointer?
    fileprivate(set) var count = 0
    fileprivate(set) var scannedFrom = 0
    fileprivate(set) var scannedTo = 0
    fileprivate var words: [Word] = []
    /// Scratch for the words of bytes before `scannedFrom`.
    fileprivate var spare: [Word] = []

    /// Forgets the words found: the next scan starts over (call before each subject: a
    /// scratch buffer may hold other bytes at the same address).
    mutating func forget() {
        base = nil
    }

    fileprivate mutating func restart(_ subject: UnsafeRawBufferPointer, at offset: Int) {
        base = subject.baseAddress
        count = subject.count
        scannedFrom = offset
        scannedTo = offset
        if !words.isEmpty { words.removeAll(keepingCapacity: true) }
    }

    fileprivate mutating func drop(before offset: Int) {
        words.removeAll { Int($0.start) < offset }
        scannedFrom = max(scannedFrom, offset)
    }
}

/// A rule's context words, as list numbers in the masker's `ContextWordTable`, and the
/// decision they make (see `ContextWords`): the nearest occurrence decides.
struct ContextRule: Sendable {
    let window: Int
    let require: Int?
    let noDigitsBetween: Bool
    /// `require` + `allow` words.
    let allow: Int?
    let denyWindow: Int
    let deny: Int?
    /// Words after the match that count like `require` words before it.
    let after: Int?
    let afterWindow: Int

    /// The word lists `words` needs in a table.
    static func lists(_ words: ContextWords) -> [[String]] {
        [words.require, words.require + words.allow, words.deny, words.after].filter { !$0.isEmpty }
    }

    init(_ words: ContextWords, table: ContextWordTable) {
        window = words.window
        require = words.require.isEmpty ? nil : table.listNumber(words.require)
        noDigitsBetween = words.noDigitsBetween
        let allowWords = words.require + words.allow
        allow = allowWords.isEmpty ? nil : table.listNumber(allowWords)
        denyWindow = words.denyWindow
        deny = words.deny.isEmpty ? nil : table.listNumber(words.deny)
        after = words.after.isEmpty ? nil : table.listNumber(words.after)
        afterWindow = words.afterWindow
    }

    /// Whether `subject[range]` holds a digit outside e-mail addresses (the words holding an
    /// `@`): `bel me, of mail naar jan@xs4all.nl, op 5803110445` has none.
    static func hasDigitOutsideAddresses(_ subject: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            guard subject[index] &- 0x30 < 10 else {
                index += 1
                continue
            }
            // The word around the digit: bytes other than white space and `,;<>()`.
            let isBreak: (UInt8) -> Bool = {
                $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";")
                    || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")")
            }
            var start = index
            while start > range.lowerBound, !isBreak(subject[start - 1]) { start -= 1 }
            // A range that starts right after an `@` (the `@` was the context word) starts
            // inside the address's domain.
            if start == range.lowerBound, start > 0, subject[start - 1] == UInt8(ascii: "@") { start -= 1 }
            var end = index
            while end < range.upperBound, !isBreak(subject[end]) { end += 1 }
            if !subject[start..<end].contains(UInt8(ascii: "@")) { return true }
            index = end
        }
        return false
    }

    /// Whether a candidate `matchStart..<matchEnd` counts by the words found after it
    /// (`following`, scanned over the `afterWindow` bytes after it): an `after` word, no
    /// `deny` word there nor in the deny window before it (`nearest`), and with
    /// `noDigitsBetween` no digit up to the word.
    func acceptsAfter(_ subject: UnsafeRawBufferPointer, matchStart: Int, matchEnd: Int, nearest: NearestWords,
                      following: NearestWords) -> Bool {
        guard let after, following.end(after) != nil else { return false }
        if let deny {
            if following.end(deny) != nil { return false }
            if nearest.end(deny) != nil, nearest.start(deny) >= matchStart - denyWindow { return false }
        }
        if noDigitsBetween, Self.hasDigitOutsideAddresses(subject, matchEnd..<following.start(after)) {
            return false
        }
        return true
    }

    /// Whether a candidate starting at `matchStart` counts, given the words found before it.
    func accepts(_ subject: UnsafeRawBufferPointer, matchStart: Int, nearest: NearestWords) -> Bool {
        let windowStart = matchStart - window
        if let require {
            guard let end = nearest.end(require), nearest.start(require) >= windowStart else { return false }
            if noDigitsBetween, Self.hasDigitOutsideAddresses(subject, end..<matchStart) { return false }
        }
        guard let deny, let denied = nearest.end(deny), nearest.start(deny) >= matchStart - denyWindow else {
            return true
        }
        guard let allow, let allowed = nearest.end(allow), nearest.start(allow) >= windowStart else { return false }
        // Of an allow phrase and a deny word ending at the same byte, the longer one says more
        // (`tax id` over `id`, `order number` over `number`); a `#` glued to an allow word
        // is part of it (`SSN#`).
        if allowed == denied { return nearest.start(allow) < nearest.start(deny) }
        if denied == allowed + 1, nearest.start(deny) == allowed, subject[allowed] == UInt8(ascii: "#") { return true }
        return allowed > denied
    }
}
