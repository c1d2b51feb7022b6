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
/// - Complexity: O(n) in the bytes scanned; per word start two bit tests, and for a word of
///   a first word's length a hash of its bytes and one cache line per dictionary.
struct DenyPrescan: Sendable {
    /// The dictionaries' first-word filters.
    private let filters: [FirstWordFilter]
    /// The lengths any of their first words has.
    private let lengths: LengthSet
    /// The longest of them.
    private let longest: Int

    /// The prescan of `dictionaries` (at least one).
    init(_ dictionaries: [TokenDictionary]) {
        filters = dictionaries.map(\.firstWords)
        lengths = filters.reduce(LengthSet()) { $0.union($1.lengths) }
        longest = lengths.max
    }

    /// The offset of the first word start in `bytes[from..<upTo]` whose word may be the
    /// first word of a listed value, or nil when there is none. Words are read to their end
    /// even past `upTo`; the byte before `from` tells whether a word starts at `from`.
    func firstHit(in bytes: UnsafeRawBufferPointer, from: Int, upTo: Int) -> Int? {
        guard from >= 0, from < upTo, upTo <= bytes.count else { return nil }
        var block = from
        var previousIsWord = from > 0 && TokenDictionary.isWordByte(bytes[from - 1])
        while block < upTo {
            let count = Swift.min(64, upTo - block)
            var (starts, words) = Self.wordStarts(bytes, offset: block, count: count, previousIsWord: previousIsWord)
            while starts != 0 {
                let offset = starts.trailingZeroBitCount
                starts &= starts - 1
                // The word's length: to its first non-word byte in the block, else read on.
                var length = (~(words >> UInt64(offset))).trailingZeroBitCount
                if offset + length >= count {
                    length = count - offset
                    var end = block + count
                    while end < bytes.count, length <= longest, TokenDictionary.isWordByte(bytes[end]) {
                        end += 1
                        length += 1
                    }
                }
                if isHit(bytes, start: block + offset, length: length) { return block + offset }
            }
            previousIsWord = words & (1 << UInt64(count - 1)) != 0
            block += count
        }
        return nil
    }

    /// Whether some dictionary's first-word filter passes the word `bytes[start..<start + length]`.
    @inline(__always)
    private func isHit(_ bytes: UnsafeRawBufferPointer, start: Int, length: Int) -> Bool {
        guard lengths.contains(length) else { return false }
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
        let starts = piimask_word_starts64(base + offset, count, previousIsWord ? 1 : 0, &words)
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
    mutating func next(in bytes: UnsafeRawBufferPointer, from position: Int) -> Int? {
        if position < ownFrom || own.map({ $0 < position }) ?? false || ownFrom == Int.max {
            own = prefilter.firstCandidate(in: bytes, from: position)
            ownFrom = position
        }
        guard let prescan else { return own }
        let limit = own ?? bytes.count
        let start = Swift.max(position, deniedTo)
        if start < limit, let hit = prescan.firstHit(in: bytes, from: start, upTo: limit) {
            deniedTo = hit + 1
            return hit
        }
        deniedTo = Swift.max(deniedTo, limit)
        return own
    }
}
