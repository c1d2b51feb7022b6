/// A set of lengths from 1 to `LengthSet.maxLength` bytes, as two 64-bit words: the
/// lengths a deny dictionary's values (or their first words) have, so that a token of
/// another length is turned down with one shift and one test, before any hashing.
///
/// ```swift
/// var lengths = LengthSet()
/// lengths.insert(8)                // AC-77812
/// lengths.contains(8)              // true
/// lengths.contains(9)              // false
/// ```
///
/// - Complexity: O(1) per insertion and test; 16 bytes.
struct LengthSet: Sendable, Equatable {
    /// The longest length the set holds (`TokenDictionary.maxValueBytes`).
    static let maxLength = 128

    /// Bit `n - 1` of `low` for 1–64, bit `n - 65` of `high` for 65–128.
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// The empty set.
    init() {}

    /// Adds `length`; a length outside 1...`maxLength` is not added.
    @inline(__always)
    mutating func insert(_ length: Int) {
        guard length >= 1, length <= Self.maxLength else { return }
        if length <= 64 { low |= 1 << UInt64(length - 1) } else { high |= 1 << UInt64(length - 65) }
    }

    /// Whether `length` is in the set (never for a length outside 1...`maxLength`).
    @inline(__always)
    func contains(_ length: Int) -> Bool {
        guard length >= 1, length <= Self.maxLength else { return false }
        return length <= 64 ? low & (1 << UInt64(length - 1)) != 0 : high & (1 << UInt64(length - 65)) != 0
    }

    /// The longest length in the set, or 0 when it is empty.
    var max: Int {
        high != 0 ? 128 - high.leadingZeroBitCount : 64 - low.leadingZeroBitCount
    }

    /// Both sets' lengths.
    func union(_ other: LengthSet) -> LengthSet {
        var union = self
        union.low |= other.low
        union.high |= other.high
        return union
    }
}
