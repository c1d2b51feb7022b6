/// A check a candidate match must pass to count as PII: a checksum, a registry, or a
/// plausible length. Validators see only the bytes of the candidate.
enum Validator: Sendable, Equatable {
    /// Luhn checksum plus a known issuer prefix and a length that issuer uses.
    case card
    /// Known issuer prefix and length, without the Luhn check (for context-confirmed typos).
    case cardShape
    /// The Luhn checksum alone, on `minDigits`–`maxDigits` digits (12–19 unless a rule file
    /// says otherwise).
    case luhn(minDigits: Int, maxDigits: Int)
    /// A country of the IBAN registry, that country's length, and mod-97.
    case iban
    /// A US social security number: area not 000, 666 or 900–999; group not 00; serial not 0000.
    case ssn
    /// A Dutch BSN: nine digits that pass the 11-proof (elfproef).
    case elfproef
    /// A phone number with between `minDigits` and `maxDigits` digits, not counting a
    /// leading `00` international prefix or a `(0)` trunk prefix, that fits `plan`.
    case phone(minDigits: Int, maxDigits: Int, plan: PhonePlan = .digitsOnly)
    /// One of the tokens of a `deny:` dictionary.
    case dictionary(TokenDictionary)

    /// The names rule files use, for error messages.
    static let names = ["card", "card-shape", "luhn", "iban", "ssn", "elfproef", "phone"]

    /// The digits a candidate that passes can hold, counted as written (for phones a
    /// leading `00` and a `(0)` trunk prefix included): the engine asks the validator only
    /// about spans in this range.
    var digitRange: ClosedRange<Int> {
        switch self {
        case .card, .cardShape: return 12...19
        case .luhn(let minDigits, let maxDigits): return minDigits...maxDigits
        case .ssn, .elfproef: return 9...9
        case .iban: return 2...34
        case .phone(let minDigits, let maxDigits, _): return minDigits...(maxDigits + 3)
        case .dictionary: return 1...CandidateLimits.maxSpanDigits
        }
    }

    /// Whether `candidate` passes.
    func accepts(_ candidate: UnsafeRawBufferPointer) -> Bool {
        switch self {
        case .card: return CardValidator.isValid(candidate, requireLuhn: true)
        case .cardShape: return CardValidator.isValid(candidate, requireLuhn: false)
        case .luhn(let minDigits, let maxDigits):
            let digits = Digits(candidate)
            return (minDigits...maxDigits).contains(digits.count) && CardValidator.luhn(digits)
        case .iban: return IBANValidator.isValid(candidate)
        case .ssn: return SSNValidator.isValid(candidate)
        case .elfproef: return ElfproefValidator.isValid(candidate)
        case .phone(let minDigits, let maxDigits, let plan):
            return PhoneValidator.isValid(candidate, minDigits: minDigits, maxDigits: maxDigits, plan: plan)
        case .dictionary(let dictionary): return dictionary.contains(candidate)
        }
    }
}

/// The ASCII digits of a candidate, in order, as values 0–9 (at most 64 are kept), held
/// inline: validators run inside every PCRE2 callout, so they allocate nothing.
struct Digits {
    private var values = InlineArray<64, UInt8>(repeating: 0)
    private(set) var count = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes where byte &- 0x30 < 10 {
            guard count < 64 else { break }
            values[count] = byte &- 0x30
            count += 1
        }
    }

    subscript(index: Int) -> UInt8 { values[index] }

    /// The number formed by the first `length` digits (at most 18: it fits an `Int`).
    func prefix(_ length: Int) -> Int {
        var number = 0
        for index in 0..<min(length, count, 18) { number = number * 10 + Int(values[index]) }
        return number
    }
}
