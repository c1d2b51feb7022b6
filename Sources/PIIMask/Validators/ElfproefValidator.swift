/// Dutch citizen service numbers (burgerservicenummer, BSN) by the 11-proof (elfproef).
enum ElfproefValidator {
    /// Whether the candidate's digits form a BSN: nine digits (eight with a leading zero
    /// left off are written as nine) whose weighted sum 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a
    /// multiple of 11, and not all zero.
    static func isValid(_ candidate: UnsafeRawBufferPointer) -> Bool {
        let digits = Digits(candidate)
        guard digits.count == 9 else { return false }
        var sum = 0
        var any = false
        for index in 0..<8 {
            sum += Int(digits[index]) * (9 - index)
            any = any || digits[index] != 0
        }
        sum -= Int(digits[8])
        return any && sum % 11 == 0
    }
}
