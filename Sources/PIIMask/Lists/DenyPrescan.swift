import CByteScan

/// Finds the word starts of a text where a value of a deny dictionary could begin, 64 bytes
/// at a time, so that text holding none of the values costs one pass over its bytes and
/// no look-up: the prescan of dictionaries whose values need not hold a digit (with a digit
/// in every value, the engine's digit scan is the prescan).
///
/// A word start is a letter, digit or non-ASCII byte after a byte that is none
/// (`piimask_word_starts64`, SSE2). A listed value starts at one, and its first word is the
/// word there; a word start is a hit when some dictionary's `FirstWordFilter` passes that
/// word (its length first, then its hash). Every start of a listed value is a hit; about
/// one word in 200 of a length some first word has is a hit that starts none.
///
/// ```swift
/// let prescan = DenyPrescan([dictionary])
/// prescan.firstHit(in: text, from: 0, upTo: text.count)   // nil: no listed value in text
/// ```
///
/// - Complexity: O(n) in the bytes scanned; per 64 bytes a few shifts that leave the words
///   between the shortest and longest first word's length, and per such word a length test,
///   a hash of its bytes and one cache line per dictionary.
struct DenyPrescan: Sendable {
    /// The dictionaries' first-word filters.
    private let filters: [FirstWordFilter]
    /// The lengths any of their first words has.
    private let lengths: LengthSet
    /// The longest and shortest of them.
    private let longest: Int
    private let shortest: Int

    /// The prescan of `dictionaries` (at least one).
    init(_ dictionaries: [TokenDictionary]) {
        filters = dictionaries.map(\.firstWords)
        lengths = filters.reduce(LengthSet()) { $0.union($1.lengths) }
        longest = lengths.max
        shortest = (1...LengthSet.maxLength).first(where: lengths.contains) ?? 1
    }

    /// Bit i of the result: bits i to i + `length` - 1 of `words` are all set (0 for a
    /// length over 64).
    @inline(__always)
    static func runs(_ words: UInt64, atLeast length: Int) -> UInt64 {
        guard length <= 64 else { return 0 }
        var runs = words
        var covered = 1
        while covered * 2 <= length {
            runs &= runs >> UInt64(covered)
            covered *= 2
        }
        if covered < length { runs &= runs >> UInt64(length - covered) }
        return runs
    }

    /// The offset of the first word start in `bytes[from..<upTo]` whose word may be the
    /// first word of a listed value, or nil when there is none. Words are read to their end
    /// even past `upTo`; the byte before `from` tells whether a word starts at `from`.
    func firstHit(in bytes: UnsafeRawBufferPointer, from: Int, upTo: Int) -> Int? {
        guard from >= 0, from < upTo, upTo <= bytes.count else { return nil }
        let lengths = self.lengths
        var block = from
        var previousIsWord = from > 0 && TokenDictionary.isWordByte(bytes[from - 1])
        // A word that ran to the end of the last masks: its start and its length so far.
        var pendingStart = -1
        var pendingLength = 0
        while block < upTo {
            // The masks cover the 64 bytes from `block` (fewer at the buffer's end), so that
            // a word running past `upTo` is measured there; only the starts before `upTo` count.
            let available = Swift.min(64, bytes.count - block)
            let count = Swift.min(available, upTo - block)
            var (starts, words) = Self.wordStarts(bytes, offset: block, count: available, previousIsWord: previousIsWord)
            previousIsWord = words & (1 << UInt64(count - 1)) != 0
            if pendingStart >= 0 {
                // It goes on with the word bytes these masks begin with.
                let more = (~words).trailingZeroBitCount
                pendingLength += Swift.min(more, available)
                if more < available || block + available == bytes.count || pendingLength > longest {
                    if lengths.contains(pendingLength), isHit(bytes, start: pendingStart, length: pendingLength) { return pendingStart }
                    pendingStart = -1
                }
            }
            // Only words of a first word's length, besides the last one when it runs to the
            // end of the masks: most word starts are never visited.
            let last = words >> UInt64(available - 1) & 1 != 0 && starts != 0
                ? UInt64(1) << UInt64(63 - starts.leadingZeroBitCount) : 0
            starts &= Self.runs(words, atLeast: shortest) & ~Self.runs(words, atLeast: longest + 1) | last
            if count < 64 { starts &= (1 << UInt64(count)) &- 1 }
            while starts != 0 {
                let offset = starts.trailingZeroBitCount
                starts &= starts &- 1
                // The word's length: to its first non-word byte in the masks, else the next
                // masks tell (the buffer's end ends it).
                let length = (~(words >> UInt64(offset))).trailingZeroBitCount
                if offset + length >= available, block + available < bytes.count {
                    pendingStart = block + offset
                    pendingLength = available - offset
                    continue
                }
                if lengths.contains(length), isHit(bytes, start: block + offset, length: length) { return block + offset }
            }
            block += count
        }
        guard pendingStart >= 0 else { return nil }
        // The last word runs past the masks of `upTo`'s block: read on to its end.
        var end = pendingStart + pendingLength
        while end < bytes.count, pendingLength <= longest, TokenDictionary.isWordByte(bytes[end]) {
            end += 1
            pendingLength += 1
        }
        return lengths.contains(pendingLength) && isHit(bytes, start: pendingStart, length: pendingLength) ? pendingStart : nil
    }

    /// Whether some dictionary's first-word filter passes the word `bytes[start..<start + length]`
    /// (of a length some first word has).
    @inline(__always)
    private func isHit(_ bytes: UnsafeRawBufferPointer, start: Int, length: Int) -> Bool {
        let hash = FirstWordFilter.hash(bytes, start: start, count: length)
        for filter in filters where filter.lengths.contains(length) && filter.mayContain(hash: hash) { return true }
        return false
    }

    /// The word bytes and word starts of `bytes[offset..<offset + count]` (`count` at most
    /// 64; bytes past the buffer are not read), as `piimask_word_starts64` gives them: bit i
    /// of `words` when byte `offset + i` is a word byte, of `starts` when it starts a word
    /// (`previousIsWord`: whether the byte before `offset` is a word byte).
    @inline(__always)
    static func wordStarts(_ bytes: UnsafeRawBufferPointer, offset: Int, count: Int,
                           previousIsWord: Bool) -> (starts: UInt64, words: UInt64) {
        let count = Swift.min(count, 64, bytes.count - offset)
        guard offset >= 0, count > 0, let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return (0, 0) }
        var words: UInt64 = 0
        let starts = piimask_word_starts64(base + offset, count, offset, previousIsWord ? 1 : 0, &words)
        return (starts, words)
    }
}

/// The lines of a block to mask, for `MaskingWorker.maskLines`: the next byte where the
/// policy's prefilter finds a candidate or, before it, the next hit of its deny prescan.
///
/// Each of the two scans reads each byte once over the whole block: the prefilter's next
/// candidate is kept until the caller has moved past it, and the prescan reads only up to
/// it, from where it stopped before.
struct CandidateCursor {
    private let prefilter: Prefilter
    private let prescan: DenyPrescan?
    /// The prefilter's first candidate at or after `ownFrom`, once scanned (nil: none).
    private var own: Int?
    private var ownFrom = Int.max
    /// The prescan has found no hit in `[position, deniedTo)` for positions since the last hit.
    private var deniedTo = 0

    /// A cursor over the candidates of `policy`.
    init(_ policy: FieldPolicy) {
        prefilter = policy.prefilter
        prescan = policy.denyPrescan
    }

    /// The first candidate at or after `position` in `bytes`, or nil; `position` never
    /// decreases from one call to the next on one block.
    @inline(__always)
    mutating func next(in bytes: UnsafeRawBufferPointer, from position: Int) -> Int? {
        if position < ownFrom || (own ?? Int.max) < position {
            own = prefilter.firstCandidate(in: bytes, from: position)
            ownFrom = position
        }
        guard let prescan else { return own }
        // The line of `own` is masked anyway (its deny values with it): only the lines
        // before it are read for the prescan's words.
        let start = Swift.max(position, deniedTo)
        let limit = own.map { Self.lineStart(of: $0, in: bytes, notBefore: start) } ?? bytes.count
        if start < limit, let hit = prescan.firstHit(in: bytes, from: start, upTo: limit) {
            deniedTo = hit + 1
            return hit
        }
        deniedTo = Swift.max(deniedTo, limit)
        return own
    }

    /// The offset after the last line break in `bytes[floor..<offset]`, or `floor`.
    @inline(__always)
    static func lineStart(of offset: Int, in bytes: UnsafeRawBufferPointer, notBefore floor: Int) -> Int {
        guard floor >= 0, offset > floor, offset <= bytes.count,
              let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return floor }
        return piimask_line_start(base, floor, offset)
    }
}
