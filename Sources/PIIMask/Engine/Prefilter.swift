import PCRE2

/// Finds the next byte that could start or belong to a match, so that text with none of
/// those bytes is passed through without running any pattern.
///
/// For a handful of ASCII byte ranges it tests 8 bytes at a time with word arithmetic
/// (exact: no false hits); otherwise it looks each byte up in a 256-bit table.
struct Prefilter: Sendable {
    private enum Kind: Sendable {
        case everything
        case ranges([(low: UInt64, high: UInt64)])
        case table
    }

    private let kind: Kind
    private let set: ByteSet

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// A prefilter for `set`; nil means every byte is a candidate.
    init(_ set: ByteSet?) {
        guard let set else {
            kind = .everything
            self.set = ByteSet()
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
        if ranges.count <= 4, ranges.allSatisfy({ $0.1 < 0x80 }) {
            kind = .ranges(ranges.map { (Self.ones &* UInt64($0.0), Self.ones &* UInt64($0.1)) })
        } else {
            kind = .table
        }
    }

    /// The offset of the first candidate byte in `bytes[from..<bytes.count]`, or nil.
    @inline(__always)
    func firstCandidate(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        switch kind {
        case .everything:
            return start < bytes.count ? start : nil
        case .table:
            return scanTable(bytes, from: start)
        case .ranges(let ranges):
            return scanRanges(bytes, from: start, ranges)
        }
    }

    private func scanTable(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if set.contains(bytes[index]) { return index }
            index += 1
        }
        return nil
    }

    private func scanRanges(_ bytes: UnsafeRawBufferPointer, from start: Int,
                            _ ranges: [(low: UInt64, high: UInt64)]) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = start
        let end = bytes.count
        let high = Self.highBits
        let low7 = ~high
        var found = false
        ranges.withUnsafeBufferPointer { ranges in
            while index + 8 <= end {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let seven = word & low7
                var hits: UInt64 = 0
                for range in ranges {
                    // Per byte b < 0x80: high bit of (b|0x80) - low is set iff b >= low,
                    // and of (high|0x80) - b iff b <= high; no borrow crosses bytes.
                    hits |= ((seven | high) &- range.low) & ((range.high | high) &- seven)
                }
                hits &= ~word & high
                if hits != 0 {
                    // Exact for bytes below 0x80 (the high bit of a byte above is cleared).
                    index += hits.trailingZeroBitCount / 8
                    found = true
                    return
                }
                index += 8
            }
        }
        if found { return index }
        while index < end {
            if set.contains(bytes[index]) { return index }
            index += 1
        }
        return nil
    }
}
