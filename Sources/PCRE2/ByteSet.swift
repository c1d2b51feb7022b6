/// A set of byte values (0–255), stored as a 256-bit bitmap.
public struct ByteSet: Sendable, Hashable {
    // The bitmap: bit `b % 64` of word `b / 64` is set when `b` is a member.
    @usableFromInline var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0

    /// The empty set.
    public init() {}

    /// A set holding the given bytes.
    public init<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for byte in bytes { insert(byte) }
    }

    /// A set from PCRE2's 32-byte start bitmap (bit `b % 8` of byte `b / 8`).
    init(pcre2Bitmap bitmap: UnsafePointer<UInt8>) {
        for byte in 0...255 where bitmap[byte >> 3] & (1 << UInt8(byte & 7)) != 0 {
            insert(UInt8(byte))
        }
    }

    /// Whether `byte` is in the set.
    @inlinable @inline(__always)
    public func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return w0 & bit != 0
        case 1: return w1 & bit != 0
        case 2: return w2 & bit != 0
        default: return w3 & bit != 0
        }
    }

    /// Adds `byte` to the set.
    public mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: w0 |= bit
        case 1: w1 |= bit
        case 2: w2 |= bit
        default: w3 |= bit
        }
    }

    /// The union of this set and `other`.
    public func union(_ other: ByteSet) -> ByteSet {
        var result = self
        result.w0 |= other.w0
        result.w1 |= other.w1
        result.w2 |= other.w2
        result.w3 |= other.w3
        return result
    }

    /// The number of members.
    public var count: Int {
        w0.nonzeroBitCount + w1.nonzeroBitCount + w2.nonzeroBitCount + w3.nonzeroBitCount
    }

    /// The members in ascending order.
    public var members: [UInt8] { (0...255).map(UInt8.init).filter(contains) }
}
