/// US social security numbers, by the SSA's rules for numbers that are never issued.
enum SSNValidator {
    /// Whether the candidate's nine digits form an SSN: area (first three) not 000, 666 or
    /// 900–999; group (next two) not 00; serial (last four) not 0000.
    static func isValid(_ candidate: UnsafeRawBufferPointer) -> Bool {
        let digits = Digits(candidate)
        guard digits.count == 9 else { return false }
        let area = digits.prefix(3)
        let group = digits.prefix(5) % 100
        let serial = digits.prefix(9) % 10_000
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
    }
}
