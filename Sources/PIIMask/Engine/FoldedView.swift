/// A value with its folded characters (`TextFolding`) replaced by ASCII, and for each of
/// its bytes the original bytes it stands for: detection runs on the view, and the spans
/// it finds are mapped back to the value.
///
/// Built only for values that hold a folded character; its storage is reused from one
/// value to the next (at most one byte, and two offsets, per byte of the value).
struct FoldedView {
    /// The folded bytes.
    private(set) var bytes: [UInt8] = []
    /// Per byte of `bytes`: where its original character starts in the value.
    private var starts: [Int] = []
    /// Per byte of `bytes`: where its original character ends in the value.
    private var ends: [Int] = []

    /// Folds `value`, whose first folded character is at `firstFold`.
    ///
    /// - Complexity: O(n) in the length of `value`.
    mutating func build(_ value: UnsafeRawBufferPointer, firstFold: Int) {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: value[..<firstFold]))
        for offset in 0..<firstFold {
            starts.append(offset)
            ends.append(offset + 1)
        }
        var index = firstFold
        // Inside a spelled-out address (after its at-form): dot-forms fold too.
        var inAddress = false
        while index < value.count {
            let byte = value[index]
            if TextFolding.mayStartFold(byte), let fold = TextFolding.fold(value, at: index, inAddress: inAddress) {
                // An at-form or a dot-form (the folds with an ASCII first byte but `%`).
                if byte < 0x80 && byte != UInt8(ascii: "%") { inAddress = true }
                if fold.byte != 0 {
                    bytes.append(fold.byte)
                    starts.append(index)
                    ends.append(index + fold.length)
                }
                index += fold.length
            } else {
                if inAddress && !(byte >= 0x80 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                                  || DigitRun.isDigit(byte) || DigitRun.isLetter(byte)) {
                    inAddress = false
                }
                bytes.append(byte)
                starts.append(index)
                ends.append(index + 1)
                index += 1
            }
        }
    }

    /// The range of the value that the view's bytes `range` stand for (an empty range at the
    /// end maps to the end of the value).
    func original(_ range: Range<Int>, valueCount: Int) -> Range<Int> {
        guard !range.isEmpty else {
            let at = range.lowerBound < starts.count ? starts[range.lowerBound] : valueCount
            return at..<at
        }
        return starts[range.lowerBound]..<ends[range.upperBound - 1]
    }
}
