import CByteScan
import PCRE2

/// Finds the next byte that could start or belong to a match, so that text with none of
/// those bytes is passed through without running any pattern.
///
/// For a handful of ASCII byte ranges it tests 16 bytes at a time with SSE2 (`CByteScan`)
/// and the rest 8 at a time with word arithmetic (exact: no false hits); otherwise it looks
/// each byte up in a 256-bit table. With
/// `folds`, a character that folds to ASCII (`TextFolding`) is a candidate too: a word with
/// a byte above 0x7F is looked at closer; with `spelledAddresses`, so is an `at` that is an
/// at-form of a spelled-out e-mail address (`SpelledAddress`).
struct Prefilter: Sendable {
    private enum Kind: Sendable {
        case everything
        /// Up to two ranges (the second one empty when there is one), or up to four.
        case twoRanges(Ranges)
        case fourRanges(Ranges)
        case table
    }

    /// Byte ranges as words of 8 copies of their bounds; an unused range never hits.
    struct Ranges: Sendable {
        var low0: UInt64, high0: UInt64, low1: UInt64, high1: UInt64
        var low2: UInt64, high2: UInt64, low3: UInt64, high3: UInt64
    }

    private let kind: Kind
    private let set: ByteSet
    private let folds: Bool
    private let spelledAddresses: Bool
    /// The ranges (and special bytes) for the 16-byte scan.
    private let chunkSpec: piimask_scan_spec

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// A prefilter for `set` (and, with `folds`, folded characters); nil means every byte
    /// is a candidate.
    init(_ set: ByteSet?, folds: Bool = false, spelledAddresses: Bool = false) {
        self.folds = folds
        self.spelledAddresses = spelledAddresses
        guard let set else {
            kind = .everything
            self.set = ByteSet()
            chunkSpec = piimask_scan_spec()
            return
        }
        self.set = set
        var ranges: [(UInt8, UInt8)] = []
        for byte in set.members {
            if let last = ranges.last, last.1 &+ 1 == byte {
                ranges[ranges.count - 1].1 = byte
            } else {
                ranges.append((byte, byte))
            }
        }
        var spec = piimask_scan_spec()
        if let first = ranges.first, ranges.count <= 4 {
            let padded = ranges + Array(repeating: first, count: 4 - ranges.count)
            spec.low = (padded[0].0, padded[1].0, padded[2].0, padded[3].0)
            spec.high = (padded[0].1, padded[1].1, padded[2].1, padded[3].1)
            spec.flag_high = folds ? 1 : 0
            spec.flag_at = spelledAddresses ? 1 : 0
        }
        chunkSpec = spec
        if ranges.count <= 4, ranges.allSatisfy({ $0.1 < 0x80 }) {
            // An empty range: no byte is both at least 0x7F and at most 0.
            let words = ranges.map { (Self.ones &* UInt64($0.0), Self.ones &* UInt64($0.1)) }
                + Array(repeating: (Self.ones &* 0x7F, 0), count: 4 - ranges.count)
            let packed = Ranges(low0: words[0].0, high0: words[0].1, low1: words[1].0, high1: words[1].1,
                                low2: words[2].0, high2: words[2].1, low3: words[3].0, high3: words[3].1)
            kind = ranges.count <= 2 ? .twoRanges(packed) : .fourRanges(packed)
        } else {
            kind = .table
        }
    }

    /// The offset of the first candidate byte in `bytes[from..<bytes.count]`, or nil.
    @inline(__always)
    func firstCandidate(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        // Candidates close together (`1@1@…`, `a%40…`): the byte at `start` itself is one.
        if start < bytes.count, set.contains(bytes[start]) { return start }
        switch kind {
        case .everything:
            return start < bytes.count ? start : nil
        case .table:
            return scanTable(bytes, from: start)
        case .twoRanges(let ranges):
            return folds ? scanTwoRangesAndSpecial(bytes, from: start, ranges) : scanTwoRanges(bytes, from: start, ranges)
        case .fourRanges(let ranges):
            return folds ? scanFourRangesAndSpecial(bytes, from: start, ranges) : scanFourRanges(bytes, from: start, ranges)
        }
    }

    // `scanRanges` with its flags as constants, one loop each (called with flags that vary,
    // the compiler kept one loop that tests them on every word).
    @inline(never)
    private func scanTwoRanges(_ bytes: UnsafeRawBufferPointer, from start: Int, _ ranges: Ranges) -> Int? {
        scanRanges(bytes, from: start, ranges, four: false, special: false)
    }

    @inline(never)
    private func scanTwoRangesAndSpecial(_ bytes: UnsafeRawBufferPointer, from start: Int, _ ranges: Ranges) -> Int? {
        scanRanges(bytes, from: start, ranges, four: false, special: true)
    }

    @inline(never)
    private func scanFourRanges(_ bytes: UnsafeRawBufferPointer, from start: Int, _ ranges: Ranges) -> Int? {
        scanRanges(bytes, from: start, ranges, four: true, special: false)
    }

    @inline(never)
    private func scanFourRangesAndSpecial(_ bytes: UnsafeRawBufferPointer, from start: Int, _ ranges: Ranges) -> Int? {
        scanRanges(bytes, from: start, ranges, four: true, special: true)
    }

    private func scanTable(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if isCandidate(bytes, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// Whether the byte at `index` is a candidate: in the set, or starting a folded character.
    @inline(__always)
    private func isCandidate(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        let byte = bytes[index]
        return set.contains(byte) || (folds && byte >= 0x80 && TextFolding.mayStartFold(byte)
            && TextFolding.fold(bytes, at: index) != nil)
            || (spelledAddresses && byte | 0x20 == UInt8(ascii: "a") && index + 1 < bytes.count
                && bytes[index + 1] | 0x20 == UInt8(ascii: "t") && TextFolding.atFormStart(bytes, around: index) != nil)
    }

    /// The first candidate in the word or chunk at `index` whose ASCII hits are `hits`, when
    /// some of its bytes may start a folded character or an at-form (`special`): the slow
    /// path of `scanRanges`, out of line so that its loop stays small.
    /// `bitsPerByte`: 8 for the high bit of each byte of a word, 1 for a chunk's bit masks.
    @inline(never)
    private static func firstSpecial(_ bytes: UnsafeRawBufferPointer, at index: Int, hits: UInt64, special: UInt64,
                                     from start: Int, bitsPerByte: Int) -> Int? {
        var found = hits != 0 ? index + hits.trailingZeroBitCount / bitsPerByte : Int.max
        var pending = special
        while pending != 0 {
            let offset = index + pending.trailingZeroBitCount / bitsPerByte
            if offset >= found { break }
            let byte = bytes[offset]
            if byte >= 0x80 {
                if TextFolding.mayStartFold(byte), TextFolding.fold(bytes, at: offset) != nil { found = offset }
            } else if let at = TextFolding.atFormStart(bytes, around: offset) {
                found = max(start, min(found, at))
            }
            pending &= pending - 1
        }
        return found == Int.max ? nil : found
    }

    /// Scans 16-byte chunks from `index` (`CByteScan`): the first candidate, or nil with
    /// `index` moved to where fewer than 17 bytes remain.
    @inline(never)
    private func chunkScan(_ bytes: UnsafeRawBufferPointer, _ base: UnsafeRawPointer, _ index: inout Int, _ end: Int,
                           from start: Int) -> Int? {
        var spec = chunkSpec
        while true {
            var rangeBits: UInt32 = 0
            var specialBits: UInt32 = 0
            let chunk = piimask_scan_chunks(base.assumingMemoryBound(to: UInt8.self), index, end, &spec,
                                            &rangeBits, &specialBits)
            if rangeBits == 0 && specialBits == 0 {
                index = chunk
                return nil
            }
            if specialBits == 0 { return chunk &+ rangeBits.trailingZeroBitCount }
            if let found = Self.firstSpecial(bytes, at: chunk, hits: UInt64(rangeBits), special: UInt64(specialBits),
                                             from: start, bitsPerByte: 1) {
                return found
            }
            index = chunk &+ 16
        }
    }

    /// `special`: `folds` is set; the flags are constants at each call, so that each case
    /// gets a loop of its own.
    @inline(__always)
    private func scanRanges(_ bytes: UnsafeRawBufferPointer, from start: Int, _ ranges: Ranges, four: Bool,
                            special: Bool) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = start
        let end = bytes.count
        let high = Self.highBits
        let low7 = ~high
        let (low0, high0, low1, high1) = (ranges.low0, ranges.high0 | high, ranges.low1, ranges.high1 | high)
        let (low2, high2, low3, high3) = (ranges.low2, ranges.high2 | high, ranges.low3, ranges.high3 | high)
        let spelled = special && spelledAddresses
        // The first two words with word arithmetic (hits close by are the common case), then
        // 16 bytes at a time while 17 remain, then words again.
        var words = 0
        while index &+ 8 <= end {
            if words == 2 {
                if let found = chunkScan(bytes, base, &index, end, from: start) { return found }
                words = 3
                continue
            }
            words &+= 1
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let seven = word & low7
            // Per byte b < 0x80: high bit of (b|0x80) - low is set iff b >= low, and of
            // (high|0x80) - b iff b <= high; no borrow crosses bytes.
            let withHigh = seven | high
            var hits = (withHigh &- low0) & (high0 &- seven)
            hits |= (withHigh &- low1) & (high1 &- seven)
            if four {
                hits |= (withHigh &- low2) & (high2 &- seven)
                hits |= (withHigh &- low3) & (high3 &- seven)
            }
            // Exact for bytes below 0x80 (the high bit of a byte above is cleared).
            hits &= ~word & high
            if special {
                // Bytes above 0x7F, and `at`s: looked at closer, out of line.
                let flagged = (word & high) | (spelled ? TextFolding.atPairs(word) : 0)
                if flagged != 0 {
                    if let found = Self.firstSpecial(bytes, at: index, hits: hits, special: flagged, from: start,
                                                     bitsPerByte: 8) {
                        return found
                    }
                    index &+= 8
                    continue
                }
            }
            if hits != 0 { return index &+ hits.trailingZeroBitCount / 8 }
            index &+= 8
        }
        while index < end {
            if isCandidate(bytes, at: index) { return index }
            index += 1
        }
        return nil
    }
}
