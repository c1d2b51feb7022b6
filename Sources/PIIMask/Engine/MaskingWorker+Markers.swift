/// Marks that stand between a word and a value without gluing the value to the word:
/// `SSN#123-45-6789`, `tel.0612345678`, `#4111111111111111`.
extension MaskingWorker {
    /// Whether the `#` or `.` right before a digit run at `runStart` marks the run as a
    /// value rather than gluing it to what stands before: a `#` with no letter or digit before
    /// it (`#4111…`, `card #4111…`) or after a context word of some rule (`SSN#123-45-6789`,
    /// `order#…`), a `.` after a context word (`tel.0612345678`, `nr.5555…`). The rules then
    /// decide with the word in view, as with a space between (a reference word still denies).
    /// A `.` after anything else (`v15.8.92`, `www.example.123`) still glues.
    ///
    /// - Complexity: O(1): at most the table's widest window before the mark is scanned.
    func marksValue(_ value: UnsafeRawBufferPointer, runStart: Int) -> Bool {
        guard runStart > 0 else { return false }
        let mark = runStart - 1
        let byte = value[mark]
        guard byte == UInt8(ascii: "#") || byte == UInt8(ascii: ".") else { return false }
        if byte == UInt8(ascii: "#"), mark == 0 || !Self.isWordByte(value[mark - 1]) { return true }
        guard mark > 0, DigitRun.isLetter(value[mark - 1]) else { return false }
        var found = NearestWords()
        contextTable.scan(value, from: mark - contextTable.maxWindow, to: mark, into: &found)
        return found.endsAt(mark)
    }

    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool {
        DigitRun.isLetter(byte) || DigitRun.isDigit(byte) || byte >= 0x80
    }
}
