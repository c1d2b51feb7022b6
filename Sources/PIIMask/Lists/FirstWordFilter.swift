/// The first words of a deny dictionary's values (`AC` of `AC-77812`, all of `bluebird`), as
/// a blocked Bloom filter: a word of text that is not the first word of any value is turned
/// down by its length and two bits of one 64-byte block, without the dictionary's table.
///
/// A listed value stands in text from a word start to a word end, so the word at its start
/// is the value's first word: a word start whose word the filter turns down starts no
/// listed value (no false negatives). A word it passes may still start none (about 0.5% of
/// the words of a length some first word has, at 32 bits per distinct first word).
///
/// Words are hashed with every byte OR 0x20 (`hash`): ASCII letters case-folded, digits
/// unchanged; the filter only ever sees more words as equal, never fewer.
///
/// ```swift
/// let builder = FirstWordFilter.Builder(capacity: 1)
/// var value = "AC-77812"
/// value.withUTF8 { builder.insert(firstWordOf: UnsafeRawBufferPointer($0)) }
/// let filter = builder.build()
/// filter.mayContain(text, start: 0, count: 2)  // true when text starts with `ac` or `AC`
/// ```
///
/// - Complexity: a test, O(word length) for the hash and one cache line. Memory: the next
///   power of two of 32 bits per distinct first word, at least 64 bytes: 4 MiB for 1,000,000
///   values of distinct first words, 64 bytes when they all share one (`CU-1234567`).
struct FirstWordFilter: Sendable {
    /// The bits, 512 (8 words) per block.
    private let words: [UInt64]
    /// Blocks minus one (a power of two minus one).
    private let blockMask: UInt64
    /// The lengths the first words have.
    let lengths: LengthSet

    /// Collects first words, then builds the filter at the size their number asks for.
    final class Builder {
        /// The bits, owned here (no copy-on-write check per word).
        private let words: UnsafeMutableBufferPointer<UInt64>
        private let blockMask: UInt64
        private var lengths = LengthSet()

        /// A builder for at most `capacity` first words (more are taken, at a higher rate of
        /// false hits).
        init(capacity: Int) {
            var blocks = 1
            while blocks * 512 < capacity * 32 { blocks <<= 1 }
            words = .allocate(capacity: blocks * 8)
            words.initialize(repeating: 0)
            blockMask = UInt64(blocks - 1)
        }

        deinit {
            words.deallocate()
        }

        /// Adds the first word of the value in `bytes`: its bytes up to the first `-`, `_`,
        /// `.` or `/` (`TokenDictionary.isJoiner`).
        func insert(firstWordOf bytes: UnsafeRawBufferPointer) {
            var count = 0
            while count < bytes.count, !TokenDictionary.isJoiner(bytes[count]) { count += 1 }
            insert(bytes, start: 0, count: count)
        }

        /// Adds the word `bytes[start..<start + count]`.
        func insert(_ bytes: UnsafeRawBufferPointer, start: Int, count: Int) {
            guard count >= 1, count <= LengthSet.maxLength, start >= 0, start + count <= bytes.count else { return }
            lengths.insert(count)
            let (first, second) = FirstWordFilter.bits(FirstWordFilter.hash(bytes, start: start, count: count), blockMask: blockMask)
            words[first >> 6] |= 1 << UInt64(first & 63)
            words[second >> 6] |= 1 << UInt64(second & 63)
        }

        /// The filter; halved (block `b` and `b + blocks/2` OR'ed together) as long as the
        /// half has at most one bit in 16 set, so that a dictionary of few distinct first
        /// words keeps a small one.
        func build() -> FirstWordFilter {
            var blocks = Int(blockMask) + 1
            while blocks > 1 {
                let half = blocks / 2 * 8
                var set = 0
                for index in 0..<half { set += (words[index] | words[index + half]).nonzeroBitCount }
                guard set * 16 <= half * 64 else { break }
                for index in 0..<half { words[index] |= words[index + half] }
                blocks /= 2
            }
            return FirstWordFilter(words: Array(words[0..<blocks * 8]), blockMask: UInt64(blocks - 1), lengths: lengths)
        }
    }

    private init(words: [UInt64], blockMask: UInt64, lengths: LengthSet) {
        self.words = words
        self.blockMask = blockMask
        self.lengths = lengths
    }

    /// The filter's size in bytes.
    var byteCount: Int { words.count * 8 }

    /// Whether `bytes[start..<start + count]` may be the first word of a value: false means
    /// it is none.
    @inline(__always)
    func mayContain(_ bytes: UnsafeRawBufferPointer, start: Int, count: Int) -> Bool {
        guard lengths.contains(count) else { return false }
        return mayContain(hash: Self.hash(bytes, start: start, count: count))
    }

    /// `mayContain` for a word of an allowed length whose `hash` is known.
    @inline(__always)
    func mayContain(hash: UInt64) -> Bool {
        let (first, second) = Self.bits(hash, blockMask: blockMask)
        return words.withUnsafeBufferPointer { words in
            words[first >> 6] & (1 << UInt64(first & 63)) != 0 && words[second >> 6] & (1 << UInt64(second & 63)) != 0
        }
    }

    /// The two bits of `hash`: a block from its low bits, two of the block's 512 bits from
    /// bits 32–40 and 48–56. Halving the filter keeps every word's bits (`Builder.build`).
    @inline(__always)
    private static func bits(_ hash: UInt64, blockMask: UInt64) -> (Int, Int) {
        let block = Int(truncatingIfNeeded: hash & blockMask) << 9
        return (block | Int(truncatingIfNeeded: (hash >> 32) & 511), block | Int(truncatingIfNeeded: (hash >> 48) & 511))
    }

    /// A 64-bit hash of `bytes[start..<start + count]` with every byte OR 0x20, 8 bytes at a
    /// time (read as little-endian words whatever the machine, so that a word hashes the
    /// same wherever it stands).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, start: Int, count: Int) -> UInt64 {
        var hash = 0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: count)
        var offset = start
        var remaining = count
        while remaining > 0 {
            var chunk: UInt64
            if offset + 8 <= bytes.count {
                chunk = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            } else if offset + remaining >= 8 {
                // Fewer than 8 bytes left in the buffer: the 8 that end with the word, shifted.
                chunk = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + remaining - 8, as: UInt64.self))
                    >> UInt64(8 * (8 - remaining))
            } else {
                chunk = 0
                for index in 0..<remaining { chunk |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
            }
            chunk |= 0x2020_2020_2020_2020
            if remaining < 8 { chunk &= (1 << UInt64(8 * remaining)) - 1 }
            hash = (hash ^ chunk) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
            remaining -= 8
        }
        hash &*= 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 29)
    }
}
