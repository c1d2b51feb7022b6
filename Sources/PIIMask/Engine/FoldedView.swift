/// A value with its folded characters (`TextFolding`) replaced by ASCII, and where each fold
/// came from: detection runs on the view, and the spans it finds are mapped back to the value.
///
/// Between two folds the view equals the value, so only the folds are recorded (three
/// 32-bit offsets each); a byte's place in the value is found by binary search over them.
/// Memory: the view, at most one byte per byte of the value and reserved once, plus 12 bytes
/// per fold; a fold takes two bytes of the value at least, so at most 6 bytes per byte of the
/// value, all reserved at once (no array grows, so none is ever held twice; pages never
/// written are never resident). Built only for values that hold a folded character and of
/// at most `maxValueBytes` bytes; its storage is reused from one value to the next.
struct FoldedView {
    /// The longest value a view is built for (its offsets are stored in 32 bits); a longer
    /// value holding a fold is masked whole by the caller.
    static let maxValueBytes = Int(UInt32.max)

    /// The folded bytes.
    private(set) var bytes: [UInt8] = []
    /// Per fold, in order: its byte's offset in `bytes` (for a fold that drops its characters,
    /// the offset of the byte after it).
    private var foldViewOffsets: [UInt32] = []
    /// Per fold: where its characters start in the value (equal to `foldValueEnds` for a fold
    /// that drops its characters: only its end is needed).
    private var foldValueStarts: [UInt32] = []
    /// Per fold: where its characters end in the value.
    private var foldValueEnds: [UInt32] = []

    /// The bytes the view's storage holds now (its arrays' capacities): what the memory bound
    /// above is about.
    var storageBytes: Int {
        bytes.capacity + 4 * (foldViewOffsets.capacity + foldValueStarts.capacity + foldValueEnds.capacity)
    }

    /// Folds `value` (at most `maxValueBytes` bytes), whose first folded character is at
    /// `firstFold`.
    ///
    /// - Complexity: O(n) in the length of `value`.
    mutating func build(_ value: UnsafeRawBufferPointer, firstFold: Int) {
        bytes.removeAll(keepingCapacity: true)
        foldViewOffsets.removeAll(keepingCapacity: true)
        foldValueStarts.removeAll(keepingCapacity: true)
        foldValueEnds.removeAll(keepingCapacity: true)
        // The view is never longer than the value, and a fold takes two bytes at least: one
        // reservation each, no growth (pages of a reservation that are never written are
        // never resident).
        bytes.reserveCapacity(value.count)
        let mostFolds = (value.count - firstFold) / 2 + 1
        foldViewOffsets.reserveCapacity(mostFolds)
        foldValueStarts.reserveCapacity(mostFolds)
        foldValueEnds.reserveCapacity(mostFolds)
        bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: value[..<firstFold]))
        var index = firstFold
        // Inside a spelled-out address (after its at-form): dot-forms fold too.
        var inAddress = false
        while index < value.count {
            let byte = value[index]
            if TextFolding.mayStartFold(byte), let fold = TextFolding.fold(value, at: index, inAddress: inAddress) {
                // An `@` (folded from any form), an at-form or a dot-form (the folds with an ASCII
                // first byte but `%`): an address follows.
                if fold.byte == UInt8(ascii: "@") || (byte < 0x80 && byte != UInt8(ascii: "%")) { inAddress = true }
                let end = index + fold.length
                foldViewOffsets.append(UInt32(truncatingIfNeeded: bytes.count))
                foldValueStarts.append(UInt32(truncatingIfNeeded: fold.byte != 0 ? index : end))
                foldValueEnds.append(UInt32(truncatingIfNeeded: end))
                if fold.byte != 0 { bytes.append(fold.byte) }
                index = end
            } else {
                if inAddress && !(byte >= 0x80 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                                  || DigitRun.isDigit(byte) || DigitRun.isLetter(byte)) {
                    inAddress = false
                }
                // Outside an address, the bytes up to the next that may start a fold are copied
                // as they are, in one go.
                var next = index + 1
                if !inAddress {
                    while next < value.count, !TextFolding.mayStartFold(value[next]) { next += 1 }
                }
                if next == index + 1 {
                    bytes.append(byte)
                } else {
                    bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: value[index..<next]))
                }
                index = next
            }
        }
    }

    /// The range of `value` (the value the view was built from) that the view's bytes `range`
    /// stand for, with the combining marks dropped right after it (an empty range at the end
    /// maps to the end of the value).
    func original(_ range: Range<Int>, in value: UnsafeRawBufferPointer) -> Range<Int> {
        let valueCount = value.count
        guard !range.isEmpty else {
            let at = range.lowerBound < bytes.count ? characterRange(at: range.lowerBound).lowerBound : valueCount
            return at..<at
        }
        let start = characterRange(at: range.lowerBound).lowerBound
        let end = characterRange(at: range.upperBound - 1).upperBound
        return start..<markedEnd(end, atView: range.upperBound, in: value)
    }

    /// `end` moved over the combining marks dropped right after it (the marks on a range's
    /// last character, `8̲`, `8️⃣`, belong to the range); they are dropped right before the
    /// view's byte `offset`.
    private func markedEnd(_ end: Int, atView offset: Int, in value: UnsafeRawBufferPointer) -> Int {
        // The first fold at or after `offset` (binary search).
        var low = 0
        var high = foldViewOffsets.count
        while low < high {
            let middle = (low + high) / 2
            if Int(foldViewOffsets[middle]) < offset { low = middle + 1 } else { high = middle }
        }
        var end = end
        // Drops before the byte at `offset` carry its offset, follow one another from `end`
        // and come before the byte's own fold.
        while low < foldViewOffsets.count, Int(foldViewOffsets[low]) == offset, foldValueStarts[low] == foldValueEnds[low],
              TextFolding.isCombiningMark(value, at: end) {
            end = Int(foldValueEnds[low])
            low += 1
        }
        return end
    }

    /// The bytes of the value that the view's byte at `offset` stands for.
    private func characterRange(at offset: Int) -> Range<Int> {
        // The last fold at or before `offset` (binary search for the first one after it).
        var low = 0
        var high = foldViewOffsets.count
        while low < high {
            let middle = (low + high) / 2
            if Int(foldViewOffsets[middle]) <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return offset..<offset + 1 }
        let fold = low - 1
        let foldOffset = Int(foldViewOffsets[fold])
        let start = Int(foldValueStarts[fold])
        let end = Int(foldValueEnds[fold])
        let producesByte = start < end
        if producesByte && foldOffset == offset { return start..<end }
        // A byte as written after the fold: the view and the value run in step from there.
        let first = end + offset - foldOffset - (producesByte ? 1 : 0)
        return first..<first + 1
    }
}
