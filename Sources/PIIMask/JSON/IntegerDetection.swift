/// JSON numbers that are values to mask: `{"phone":31612345678}`, `{"ssn":123456789}`, a card
/// number written as a number. A plain integer (digits only) is detected under its field's
/// policy with its key's words before it as context, as a reader of the event sees it
/// (`phone: 31612345678`); when a value lies in its digits, the number is written as a JSON
/// string holding its masked form (`"*******5678"`). Other numbers, and integers in which
/// nothing is found (amounts, timestamps, ids, counts), are left byte for byte.
extension MaskingWorker {
    /// The most bytes of a key, counted from its end, that stand before the integer as context.
    static let integerKeyContextBytes = 40
    /// Integers shorter than this are not looked at: no value type has fewer digits (the
    /// shortest, a phone after a phone word, has 5), and counts and sequence numbers are short.
    static let minimumIntegerDigits = 5

    /// Detects values in `digits`, a JSON integer whose innermost key is `key` (nil in an
    /// array or at the top), under `policy`, and calls `body` with the text detected over
    /// (the key's words, `: `, the digits) and where the digits start in it; `spans` then
    /// hold only spans within the digits.
    ///
    /// - Returns: what `body` returned, or nil (without calling it) when nothing was found
    ///   or `digits` is shorter than `minimumIntegerDigits`.
    func detectInteger<Result>(_ digits: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer?, policy: FieldPolicy,
                               _ body: (_ text: UnsafeRawBufferPointer, _ digitsStart: Int) -> Result) -> Result? {
        guard digits.count >= Self.minimumIntegerDigits else { return nil }
        var text = integerText
        integerText = []
        defer { integerText = text }
        text.removeAll(keepingCapacity: true)
        if let key { Self.appendKeyWords(key, to: &text) }
        text.append(contentsOf: ": ".utf8)
        let digitsStart = text.count
        text.append(contentsOf: digits)
        return text.withUnsafeBytes { text -> Result? in
            detect(text, policy: policy, from: digitsStart)
            guard !spans.isEmpty else { return nil }
            return body(text, digitsStart)
        }
    }

    /// Appends the last bytes of `key` as lower-case words: `customerPhone`, `customer_phone`
    /// and `customer-phone` become `customer phone`.
    private static func appendKeyWords(_ key: UnsafeRawBufferPointer, to text: inout [UInt8]) {
        var previous: UInt8 = 0x20
        for byte in key[max(0, key.count - integerKeyContextBytes)...] {
            let isUpper = byte &- 0x41 < 26
            if isUpper || DigitRun.isLetter(byte) || DigitRun.isDigit(byte) {
                if isUpper, previous &- 0x61 < 26 { text.append(0x20) }
                text.append(isUpper ? byte | 0x20 : byte)
            } else {
                text.append(0x20)
            }
            previous = byte
        }
    }
}
