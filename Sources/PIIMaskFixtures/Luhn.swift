/// The Luhn (mod 10) check used by payment card numbers.
enum Luhn {
    /// The check digit (0–9) that makes `payload` followed by it pass the Luhn check.
    /// `payload` holds decimal digit values, most significant first.
    static func checkDigit(for payload: [Int]) -> Int {
        var sum = 0
        // The check digit will sit at the right, so the payload's last digit is doubled.
        for (offset, digit) in payload.reversed().enumerated() {
            sum += offset % 2 == 0 ? doubled(digit) : digit
        }
        return (10 - sum % 10) % 10
    }

    private static func doubled(_ digit: Int) -> Int {
        let twice = digit * 2
        return twice > 9 ? twice - 9 : twice
    }
}
