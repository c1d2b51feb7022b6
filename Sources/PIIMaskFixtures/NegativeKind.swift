/// The kinds of look-alikes the corpus plants next to personal data: values a masker must
/// leave alone. The raw value is the `kind` written in JSON.
public enum NegativeKind: String, CaseIterable, Sendable {
    /// An order or invoice number, written after its context word (`order`, `factuur`, …).
    case order
    /// A ticket or case number, written after its context word.
    case ticket
    /// A parcel tracking number (UPS, PostNL, UPU S10, DHL, FedEx, USPS).
    case tracking
    /// A calendar date in digits (`12-05-2024`, `05/12/2024`, `2024-05-12`, `12.05.2024`).
    case date
    /// A time of day (`10:30`, `9.45`, `14:05:33`).
    case time
    /// A money amount with its currency (`€ 1.234,56`, `$1,234.56`, `EUR 250`).
    case amount
    /// A postcode (Dutch `1012 AB`, British, German).
    case postcode
    /// A UUID.
    case uuid
    /// An IPv4 address.
    case ipv4
    /// A software version string (`v15.8.92`, `2.4.1`).
    case version
    /// A 16-digit run with a card-like prefix that fails the Luhn check.
    case luhnInvalid = "luhn_invalid"
    /// An SSN-shaped number that breaks the area, group or serial rules.
    case ssnInvalid = "ssn_invalid"
    /// An IBAN-shaped string of the right country length whose check digits are wrong.
    case ibanBadCheck = "iban_badcheck"
    /// A chat `@mention` of a user or team.
    case mention
    /// An image file name with a resolution suffix (`logo@2x.png`).
    case imageAt = "image_at"
    /// A US ZIP+4 code (`12345-6789`).
    case zip4
    /// A date-and-time stamp (`2024-05-12T10:30:00Z`).
    case timestamp

    // Hostile look-alikes: only the `adversarial` profile plants these.

    /// A long run of digits in groups of three or four, one separator throughout: pasted
    /// reference lists, meter readings (`1234 5678 9012 3456 7890 1234 …`).
    case digitRun = "digit_run"
    /// Groups of one to three digits joined by alternating separators (`4-17.3 92/5(61 8`).
    case digitSoup = "digit_soup"
    /// A run of `+`, `(`, `@` and spaces, without digits or letters.
    case symbolRun = "symbol_run"
    /// Letters and digits in an IBAN-like shape that is no IBAN: wrong length for its
    /// country, or wrong check digits.
    case ibanLike = "iban_like"
    /// A `+` and 16–20 digits: longer than any E.164 number, and no card number.
    case plusDigits = "plus_digits"
    /// A small count or amount without currency just before a value (`amount 25 …`).
    case quantity

    // Look-alikes only the `formats` profile plants.

    /// Prose with `at` and `dot` that is no e-mail address (`I'm at home dot dot dot`).
    case proseAt = "prose_at"

    /// The kinds the chat phrasebooks plant, in declaration order (the `chat`, `digits` and
    /// `pii-dense` profiles draw from these).
    static let chat: [NegativeKind] = allCases.filter { !hostile.contains($0) && !formats.contains($0) }

    /// The kinds only the `adversarial` profile plants.
    static let hostile: [NegativeKind] = [
        .digitRun, .digitSoup, .symbolRun, .ibanLike, .plusDigits, .quantity,
    ]

    /// The kinds only the `formats` profile plants.
    static let formats: [NegativeKind] = [.proseAt]
}
